import {BINDINGS, whereText, type Binding} from '../../keymap.js';

export type HelpLine =
	{readonly kind: 'title'; readonly text: string} | {readonly kind: 'key'; readonly keys: string; readonly text: string; readonly where: string};

const SECTIONS: ReadonlyArray<{title: string; test: (binding: Binding) => boolean}> = [
	{
		title: 'Moving around',
		test: binding => binding.action.startsWith('nav.') || ['app.goto-screen', 'app.next-screen', 'app.previous-screen'].includes(binding.action),
	},
	{
		title: 'Workspaces',
		test: binding => binding.action.startsWith('workspace.') || binding.action.startsWith('filter.') || binding.action === 'app.environment',
	},
	{title: 'Tokens and expiry', test: binding => binding.action.startsWith('token.')},
	{
		title: 'Questions',
		test: binding => binding.action.startsWith('confirm.') || binding.action.startsWith('type-confirm.') || binding.action === 'text.delete',
	},
	{title: 'Anywhere', test: () => true},
];

/** Every binding of the key map once, in sections. */
export function helpLines(): HelpLine[] {
	const lines: HelpLine[] = [];
	const done = new Set<Binding>();
	for (const section of SECTIONS) {
		const members = BINDINGS.filter(binding => !done.has(binding) && section.test(binding));
		if (members.length === 0) continue;
		lines.push({kind: 'title', text: section.title});
		for (const binding of members) {
			done.add(binding);
			const note = binding.whenProblem ? ' (when auth.json is readable by others)' : '';
			lines.push({kind: 'key', keys: binding.keys.map(spec => spec.label).join('/'), text: binding.description + note, where: whereText(binding)});
		}
	}
	return lines;
}
