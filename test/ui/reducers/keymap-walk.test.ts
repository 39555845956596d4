import {describe, expect, it} from 'vitest';
import {BINDINGS, keysIn, type ActionId, type Context} from '../../../source/ui/keymap.js';
import {appReducer, type AppEvent} from '../../../source/ui/state/app-reducer.js';
import {SCREENS, initialState, type AppState} from '../../../source/ui/state/app-state.js';
import {contextOf} from '../../../source/ui/state/context.js';
import type {PatRecord} from '../../../source/core/index.js';
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
		tokenRow(id, {
			expiry: 'within-window',
			daysLeft: 10 + index,
			expiresAt: `2026-07-${String(1 + (index % 28)).padStart(2, '0')}T00:00:00Z`,
			otherTokens: index === 30 ? others : [],
		}),
	);
	return run(
		initialState({environment: 'prod', size: {columns: 80, rows: 24}, windowDays: 30}),
		{type: 'dequeue', upTo: 100},
		{type: 'inventory-loaded', environment: 'prod', inventory},
		{type: 'tokens-loaded', rows, windowDays: 30},
		{type: 'admin-available', available: true, choices: ids.map(id => ({id: `${id}-space`, name: `Workspace ${id}`}))},
	);
}

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');
/** 60 PATs of two creators, the Admin screen on their list. */
const pats: PatRecord[] = ids.map((id, index) => ({
	id: `pat-${id}`,
	name: `token ${id}`,
	status: index % 3 === 0 ? 'expired' : 'active',
	creator: {id: `creator-${index % 2}`, name: `Member ${index % 2}`, email: `m${index % 2}@example.com`},
	createdAt: NOW - index * DAY,
	expiresAt: NOW + (index - 10) * DAY,
	lastUsedAt: index % 4 === 0 ? null : NOW - index * DAY,
	revokedAt: null,
	revokedBy: null,
}));
function adminList(): AppState {
	const picked = press(ready(), '4', 'enter');
	const generation = picked.admin.generation;
	return run(
		picked,
		{type: 'admin-page', generation, page: pats, pages: 1, now: NOW},
		{type: 'admin-fetched', generation, fetchedAt: new Date(NOW).toISOString()},
	);
}

/** A state in each context, with the cursor in the middle of a long list (room to move both ways). */
const STATES: Record<Context, () => AppState> = {
	workspaces: () => press(ready(), ...times(30, 'down')),
	workspace: () => press(ready(), ...times(30, 'down'), 'i'),
	filter: () => press(ready(), '/', 'W', 'o', ...times(30, 'down')),
	tokens: () => press(ready(), '2', ...times(30, 'down')),
	detail: () => press(ready(), '2', ...times(30, 'down'), 'enter', ...times(20, 'down')),
	expiring: () => press(ready(), '3', ...times(30, 'down')),
	confirm: () => press(ready(), 'd'),
	'type-confirm': () => press(ready(), 'L', 'p', 'r', 'o', 'd'),
	refreshing: () => run(press(ready(), '2', ...times(30, 'down'), 'r'), {type: 'refresh-progress', done: 3, total: 7}),
	form: () => press(ready(), '2', 'a', 'c', 'i', 'tab', 'tab'),
	help: () => press(ready(), '?', ...times(10, 'down')),
	'admin-pick': () => press(ready(), '4', 'W', ...times(30, 'down')),
	admin: () => press(adminList(), ...times(30, 'down')),
	'admin-detail': () => press(adminList(), ...times(30, 'down'), 'enter'),
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
		case 'admin':
		case 'admin-detail':
			return state.admin.list.cursor;
		case 'admin-pick':
			return state.admin.pickList.cursor;
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
		expect(contextOf(after)).toBe(after.screen === 'admin' ? (after.admin.phase === 'pick' ? 'admin-pick' : 'admin') : after.screen);
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
		if (context === 'admin-detail') return expect(contextOf(after)).toBe('admin');
		if (context === 'admin-pick') return expect(contextOf(after)).toBe('admin-pick');
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
	'workspace.details': (_, after) => {
		expect(contextOf(after)).toBe('workspace');
		expect(after.workspaces.list.cursor).toBe(30);
	},
	'workspace.copy-id': (_, after) => expect(after.queue).toMatchObject([{kind: 'copy', text: 'w30'}]),
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
		if (context === 'admin-pick') return expect(after.admin.pickText).toBe(before.admin.pickText.slice(0, -1));
		if (context === 'form') return expect(after.dialog?.kind === 'form' && after.dialog.fields.map(field => field.value)).toEqual(['ci', '', '', '', '']);
		expect(after.dialog?.kind === 'type-confirm' && after.dialog.typed).toBe('pro');
	},
	'token.open': (before, after) => {
		expect(contextOf(after)).toBe('detail');
		expect(after.screen).toBe(before.screen);
	},
	'token.refresh': (_, after) => expect(kinds(after)).toEqual(['refresh']),
	'token.revoke': (_, after) => expect(after.dialog).toMatchObject({kind: 'confirm', intent: {kind: 'revoke'}}),
	'refresh.cancel': (before, after) => {
		expect(kinds(after)).toEqual(['refresh-cancel']);
		expect([after.exitCode, after.screen, contextOf(after)]).toEqual([null, before.screen, 'refreshing']);
		expect(after.busy).toBe('Stopping: 3 of 7 answered…');
	},
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
	'admin.pick': (_, after) => {
		expect(kinds(after)).toEqual(['admin-fetch']);
		expect(after.admin.workspace?.name).toMatch(/^Workspace w\d\d$/);
		expect(contextOf(after)).toBe('admin');
	},
	'admin.open': (_, after) => expect(contextOf(after)).toBe('admin-detail'),
	'admin.mark': (before, after) => {
		expect(after.admin.marked.size).toBe(1);
		expect(after.admin.list.cursor).toBe(before.admin.list.cursor + 1);
	},
	'admin.revoke': (_, after) =>
		expect(after.dialog).toMatchObject({kind: 'type-confirm', expected: '1', intent: {kind: 'admin-revoke', ids: [expect.any(String)]}}),
	'admin.filter': (_, after) => expect(contextOf(after)).toBe('filter'),
	'admin.status': (before, after) => {
		expect(after.admin.statusFilter).toBe('active');
		expect(after.admin.view.length).toBeLessThan(before.admin.view.length);
	},
	'admin.sort': (_, after) => expect(after.admin.sort).toBe('last-used'),
	'admin.quick': (before, after) => {
		expect(after.admin.quick).toBe('expired');
		expect(after.admin.view.length).toBe(20);
		expect(before.admin.view.length).toBe(60);
	},
	'admin.creator': (before, after) => {
		expect(after.admin.creator?.id).toBe(pats[before.admin.view[before.admin.list.cursor]!]!.creator.id);
		expect(after.admin.view.length).toBe(30);
	},
	'admin.reload': (_, after) => expect(kinds(after)).toEqual(['admin-fetch']),
	'admin.workspace': (_, after) => expect(contextOf(after)).toBe('admin-pick'),
	'saved.add': (_, after) => expect(after.dialog).toMatchObject({kind: 'form', purpose: {kind: 'add'}, focus: 0}),
	// The selected token is ntn's, not a saved one: the key says what it is for.
	'saved.edit': (_, after) => expect(after.notice?.text).toMatch(/E, R and D work on saved tokens/),
	'saved.rotate': (_, after) => expect(after.notice?.text).toMatch(/E, R and D work on saved tokens/),
	'saved.remove': (_, after) => expect(after.notice?.text).toMatch(/E, R and D work on saved tokens/),
	'form.next': (before, after) =>
		expect(after.dialog?.kind === 'form' && after.dialog.focus).toBe(before.dialog?.kind === 'form' ? before.dialog.focus + 1 : -1),
	'form.previous': (before, after) =>
		expect(after.dialog?.kind === 'form' && after.dialog.focus).toBe(before.dialog?.kind === 'form' ? before.dialog.focus - 1 : -1),
	// On the (empty, required) token field, Enter says what is missing and saves nothing.
	'form.submit': (_, after) => {
		expect(after.dialog).toMatchObject({kind: 'form', focus: 1, problem: 'Token is needed.'});
		expect(kinds(after)).toEqual([]);
	},
	'form.cancel': (_, after) => {
		expect(after.dialog).toBeNull();
		expect(after.notice?.text).toBe('Nothing was saved.');
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
