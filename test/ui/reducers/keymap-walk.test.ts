import {describe, expect, it} from 'vitest';
import {BINDINGS, keysIn, type ActionId, type Context} from '../../../source/ui/keymap.js';
import {appReducer, type AppEvent} from '../../../source/ui/state/app-reducer.js';
import {SCREENS, initialState, type AppState} from '../../../source/ui/state/app-state.js';
import {contextOf} from '../../../source/ui/state/context.js';
import {inventoryOf, tokenRow, workspaceRow} from './fixtures.js';

/**
 * Every key of the key map, pressed in every context the help names for it, does what the help
 * says. The expectations are keyed by action and the states by context (both checked by the type
 * system), so a new binding or context without a test here does not compile, and a binding that
 * does nothing in a context it names fails.
 */

const run = (state: AppState, ...events: AppEvent[]): AppState => events.reduce(appReducer, state);
const press = (state: AppState, ...names: string[]): AppState => run(state, ...names.map((name): AppEvent => ({type: 'key', name})));
const kinds = (state: AppState) => state.queue.map(effect => effect.kind);
const times = (count: number, name: string) => Array.from({length: count}, () => name);

const COUNT = 60;
const ids = Array.from({length: COUNT}, (_, index) => `w${String(index).padStart(2, '0')}`);

/** 60 workspaces (the first the default), 60 tokens expiring within the window, the first with 40 other tokens; auth.json readable. */
function ready(): AppState {
	const inventory = inventoryOf(
		ids.map((id, index) => workspaceRow(id, `Workspace ${id}`, index === 0)),
		{problems: [{code: 'auth-file-readable', message: 'auth.json is readable by everyone', fix: 'Run `notion-tokens fix-permissions`.'}]},
	);
	const others = Array.from({length: 40}, (_, index) => ({id: `other-${index}`, name: `laptop ${index}`, issuedAt: null, expiresAt: null, revokedAt: null}));
	const rows = ids.map((id, index) =>
		tokenRow(id, {expiry: 'within-window', daysLeft: 10 + index, expiresAt: `2026-07-${String(1 + (index % 28)).padStart(2, '0')}T00:00:00Z`, otherTokens: index === 30 ? others : []}),
	);
	return run(
		initialState({environment: 'prod', size: {columns: 80, rows: 24}, windowDays: 30}),
		{type: 'dequeue', upTo: 100},
		{type: 'inventory-loaded', environment: 'prod', inventory},
		{type: 'tokens-loaded', rows, windowDays: 30},
	);
}

/** A state in each context, with the cursor in the middle of a long list (room to move both ways). */
const STATES: Record<Context, () => AppState> = {
	workspaces: () => press(ready(), ...times(30, 'down')),
	filter: () => press(ready(), '/', 'W', 'o', ...times(30, 'down')),
	tokens: () => press(ready(), '2', ...times(30, 'down')),
	detail: () => press(ready(), '2', ...times(30, 'down'), 'enter', ...times(20, 'down')),
	expiring: () => press(ready(), '3', ...times(30, 'down')),
	confirm: () => press(ready(), 'd'),
	'type-confirm': () => press(ready(), 'L', 'p', 'r', 'o', 'd'),
	help: () => press(ready(), '?', ...times(10, 'down')),
};

/** The position of the cursor (or of the help's scroll) in the context's list. */
function cursorOf(state: AppState, context: Context): number {
	switch (context) {
		case 'workspaces':
		case 'filter':
			return state.workspaces.list.cursor;
		case 'tokens':
			return state.tokens.list.cursor;
		case 'detail':
			return state.tokens.detail?.list.cursor ?? -1;
		case 'expiring':
			return state.expiring.list.cursor;
		case 'help':
			return state.help.top;
		default:
			return -1;
	}
}

type Check = (before: AppState, after: AppState, context: Context, key: string) => void;

const EXPECT: Record<ActionId, Check> = {
	'app.interrupt': (_, after) => expect(after.exitCode).toBe(130),
	'app.quit': (_, after) => expect(after.exitCode).toBe(0),
	'app.help': (before, after) => expect(after.help.open).toBe(!before.help.open),
	'app.next-screen': (before, after) => expect(after.screen).toBe(SCREENS[(SCREENS.indexOf(before.screen) + 1) % SCREENS.length]),
	'app.previous-screen': (before, after) => expect(after.screen).toBe(SCREENS[(SCREENS.indexOf(before.screen) + SCREENS.length - 1) % SCREENS.length]),
	'app.goto-screen': (_, after, __, key) => {
		expect(after.screen).toBe(SCREENS[Number(key) - 1]);
		expect(contextOf(after)).toBe(after.screen);
	},
	'app.environment': (before, after) => {
		expect(after.environment).not.toBe(before.environment);
		expect(kinds(after)).toContain('load-inventory');
		expect(after.notice?.text).toMatch(/only what notion-tokens shows/);
	},
	'app.fix-permissions': (_, after) => expect(kinds(after)).toContain('fix-permissions'),
	'nav.up': (before, after, context) => expect(cursorOf(after, context)).toBe(cursorOf(before, context) - 1),
	'nav.down': (before, after, context) => expect(cursorOf(after, context)).toBe(cursorOf(before, context) + 1),
	'nav.page-up': (before, after, context) => expect(cursorOf(after, context)).toBeLessThan(cursorOf(before, context) - 1),
	'nav.page-down': (before, after, context) => expect(cursorOf(after, context)).toBeGreaterThan(cursorOf(before, context) + 1),
	'nav.first': (_, after, context) => expect(cursorOf(after, context)).toBe(0),
	'nav.last': (before, after, context) => expect(cursorOf(after, context)).toBeGreaterThan(cursorOf(before, context) + 1),
	'nav.back': (before, after, context) => {
		if (context === 'workspaces') return expect(after.exitCode).toBe(0);
		expect(after.exitCode).toBeNull();
		if (context === 'help') return expect(after.help.open).toBe(false);
		if (context === 'detail') return expect([contextOf(after), after.screen]).toEqual([before.screen, before.screen]);
		expect(contextOf(after)).toBe('workspaces');
	},
	'workspace.use': (_, after) => expect(kinds(after)).toEqual(['use']),
	'workspace.previous': (_, after) => expect(kinds(after)).toEqual(['use-previous']),
	'workspace.filter': (_, after) => expect(contextOf(after)).toBe('filter'),
	'workspace.logout': (_, after) => expect(after.dialog).toMatchObject({kind: 'confirm', intent: {kind: 'logout', id: 'w30'}}),
	'workspace.logout-all': (_, after) => expect(after.dialog).toMatchObject({kind: 'type-confirm', intent: {kind: 'logout-all', count: COUNT}}),
	'workspace.reload': (_, after) => {
		expect(kinds(after)).toEqual(['load-inventory', 'load-tokens']);
		expect(after.busy).toMatch(/Reading ntn's files/);
	},
	'filter.apply': (before, after) => {
		expect(contextOf(after)).toBe('workspaces');
		expect(after.workspaces.filter).toBe(before.workspaces.filter);
	},
	'filter.clear': (_, after) => {
		expect(contextOf(after)).toBe('workspaces');
		expect(after.workspaces.filter).toBe('');
	},
	'text.delete': (before, after, context) => {
		if (context === 'filter') return expect(after.workspaces.filter).toBe(before.workspaces.filter.slice(0, -1));
		expect(after.dialog?.kind === 'type-confirm' && after.dialog.typed).toBe('pro');
	},
	'token.open': (before, after) => {
		expect(contextOf(after)).toBe('detail');
		expect(after.screen).toBe(before.screen);
	},
	'token.refresh': (_, after) => expect(kinds(after)).toEqual(['refresh']),
	'token.revoke': (_, after) => expect(after.dialog).toMatchObject({kind: 'confirm', intent: {kind: 'revoke'}}),
	'confirm.yes': (_, after) => {
		expect(after.dialog).toBeNull();
		expect(kinds(after)).toEqual(['logout']);
	},
	'confirm.no': (_, after) => {
		expect(after.dialog).toBeNull();
		expect(kinds(after)).toEqual([]);
		expect(after.notice?.text).toBe('Nothing was changed.');
	},
	'type-confirm.submit': (_, after) => {
		expect(after.dialog).toBeNull();
		expect(kinds(after)).toEqual(['logout-all']);
	},
	'type-confirm.cancel': (_, after) => {
		expect(after.dialog).toBeNull();
		expect(kinds(after)).toEqual([]);
	},
};

describe('every key in the help, on every screen it names', () => {
	it('starts each context where the test means it to', () => {
		for (const [context, make] of Object.entries(STATES)) expect(contextOf(make()), context).toBe(context);
	});

	for (const binding of BINDINGS) {
		for (const context of binding.contexts) {
			for (const spec of keysIn(binding, context)) {
				it(`${spec.label} (${binding.action}) in ${context}`, () => {
					const before = STATES[context]();
					const settled = run(before, {type: 'dequeue', upTo: before.nextEffectId});
					const after = press(settled, spec.name);
					EXPECT[binding.action](settled, after, context, spec.name);
				});
			}
		}
	}
});
