import {describe, expect, it} from 'vitest';
import {ACTIONS, BINDINGS, CONTEXTS, bindingsFor, footerLine, keyTableMarkdown, resolveKey} from '../../../source/ui/keymap.js';
import {helpLines} from '../../../source/ui/screens/help/help-lines.js';

describe('keymap', () => {
	it('binds every action, with a description, and no key twice in one context', () => {
		for (const action of ACTIONS)
			expect(
				BINDINGS.some(binding => binding.action === action),
				action,
			).toBe(true);
		for (const binding of BINDINGS) expect(binding.description.length, binding.action).toBeGreaterThan(3);
		for (const context of CONTEXTS) {
			const seen = new Map<string, string>();
			for (const binding of bindingsFor(context, {problems: ['auth-file-readable']})) {
				for (const spec of binding.keys) {
					expect(seen.get(spec.name), `${context}: ${spec.name} is bound to ${seen.get(spec.name)} and ${binding.action}`).toBeUndefined();
					seen.set(spec.name, binding.action);
				}
			}
		}
	});

	it('resolves keys per context; printable keys are text while typing', () => {
		expect(resolveKey('workspaces', 'enter')?.action).toBe('workspace.use');
		expect(resolveKey('tokens', 'enter')?.action).toBe('token.open');
		expect(resolveKey('filter', 'enter')?.action).toBe('filter.apply');
		expect(resolveKey('workspaces', 'j')?.action).toBe('nav.down');
		expect(resolveKey('filter', 'j')).toBeUndefined();
		expect(resolveKey('filter', 'down')?.action).toBe('nav.down');
		expect(resolveKey('type-confirm', 'q')).toBeUndefined();
		expect(resolveKey('confirm', 'q')).toBeUndefined();
		expect(resolveKey('confirm', 'escape')?.action).toBe('confirm.no');
		for (const context of CONTEXTS) expect(resolveKey(context, 'ctrl+c')?.action).toBe('app.interrupt');
	});

	it('offers p only while the core reports auth.json readable by others', () => {
		expect(resolveKey('workspaces', 'p')).toBeUndefined();
		expect(footerLine('workspaces', 200)).not.toContain('fix perms');
		expect(resolveKey('workspaces', 'p', {problems: ['auth-file-readable']})?.action).toBe('app.fix-permissions');
		expect(footerLine('workspaces', 200, {problems: ['auth-file-readable']})).toContain('p fix perms');
	});

	it('fits the footer in the width, keeping help and quit', () => {
		expect(footerLine('workspaces', 80)).toBe('Enter default  - prev  / filter  d logout  L logout all  e env  ? help  q quit');
		expect(footerLine('workspaces', 60)).toBe('Enter default  - prev  / filter  d logout  ? help  q quit');
		expect(footerLine('filter', 80)).toBe('Enter keep filter  Esc clear');
		expect(footerLine('confirm', 80)).toBe('y yes  n/Esc/Enter no');
		expect(footerLine('detail', 80)).toBe('r refresh  x revoke  Esc back  ? help  q quit');
	});

	it('lists every binding once in the help overlay and in the README table', () => {
		const keys = helpLines().filter(line => line.kind === 'key');
		expect(keys).toHaveLength(BINDINGS.length);
		const table = keyTableMarkdown().split('\n');
		expect(table[0]).toBe('| Keys | Action | Where |');
		expect(table).toHaveLength(BINDINGS.length + 2);
		expect(table).toContain('| `↑` `k` | Move up | all screens, Filtering (↑ only: letters are text), Help |');
		expect(table).toContain('| `Ctrl+C` | Quit at once, from anywhere | everywhere |');
		expect(table).toContain('| `L` | Log out of every workspace of the environment (type its name to confirm) | Workspaces |');
	});
});
