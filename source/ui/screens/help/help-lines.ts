import {CONTEXTS, CONTEXT_TITLES, bindingsFor, keyLabel, type BindingFilter} from '../../keymap.js';

export type HelpLine = {readonly kind: 'title'; readonly text: string} | {readonly kind: 'key'; readonly keys: string; readonly text: string};

/** Every key, grouped by where it works, as generated from the key map. */
export function helpLines(filter: BindingFilter = {}): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const context of CONTEXTS) {
		const bindings = bindingsFor(context, filter).filter(binding => binding.action !== 'app.interrupt');
		if (bindings.length === 0) continue;
		lines.push({kind: 'title', text: CONTEXT_TITLES[context]});
		for (const binding of bindings) lines.push({kind: 'key', keys: keyLabel(binding, context), text: binding.description});
	}
	lines.push({kind: 'title', text: 'Anywhere'});
	lines.push({kind: 'key', keys: 'Ctrl+C', text: 'Quit at once and restore the terminal'});
	return lines;
}
