import {describe, expect, it} from 'vitest';
import {appReducer, type AppEvent} from '../../../source/ui/state/app-reducer.js';
import {initialState, type AppState} from '../../../source/ui/state/app-state.js';
import {contextOf} from '../../../source/ui/state/context.js';
import {inventoryOf, tokenRow, workspaceRow} from './fixtures.js';

const start = (windowDays?: number): AppState => initialState({environment: 'prod', size: {columns: 80, rows: 24}, windowDays});

const run = (state: AppState, ...events: AppEvent[]): AppState => events.reduce(appReducer, state);
const keys = (state: AppState, ...names: string[]): AppState => run(state, ...names.map((name): AppEvent => ({type: 'key', name})));
const kinds = (state: AppState) => state.queue.map(effect => effect.kind);

const ready = (): AppState =>
	run(
		start(30),
		{type: 'dequeue', upTo: 100},
		{
			type: 'inventory-loaded',
			environment: 'prod',
			inventory: inventoryOf([workspaceRow('a', 'Alpha', true), workspaceRow('b', 'Beta'), workspaceRow('c', 'Gamma')]),
		},
	);

describe('appReducer', () => {
	it('loads the inventory, the saved window and the token facts together, and queues nothing more', () => {
		const state = start();
		expect(state.queue).toEqual([
			{kind: 'load-all', environment: 'prod', windowDays: null, seq: 1},
			{kind: 'admin-check', seq: 2},
		]);
		const next = run(
			state,
			{type: 'dequeue', upTo: 2},
			{
				type: 'all-loaded',
				windowDays: 45,
				events: [
					{type: 'inventory-loaded', environment: 'prod', inventory: inventoryOf([workspaceRow('a', 'Alpha', true)])},
					{type: 'tokens-loaded', rows: [tokenRow('a', {expiry: 'within-window', daysLeft: 40})], windowDays: 45},
				],
			},
		);
		expect(next.windowDays).toBe(45);
		expect(next.queue).toEqual([]);
		expect(next.workspaces.status).toBe('ready');
		expect(next.expiring.report?.rows.map(row => row.workspaceId)).toEqual(['a']);
		expect(start(10).queue).toEqual([
			{kind: 'load-all', environment: 'prod', windowDays: 10, seq: 1},
			{kind: 'admin-check', seq: 2},
		]);
	});

	it('fills the Tokens and the Expiring screens from one token list, and shows its failure on both', () => {
		const rows = [
			tokenRow('a'),
			tokenRow('b', {expiry: 'within-window', daysLeft: 12}),
			tokenRow('c', {expiry: 'expired', expiresAt: '2026-06-01T00:00:00Z', daysLeft: -14}),
		];
		let state = run(ready(), {type: 'tokens-loaded', rows, windowDays: 30});
		expect(state.tokens.rows.map(row => row.workspaceId)).toEqual(['a', 'b', 'c']);
		expect(state.expiring.status).toBe('ready');
		expect(state.expiring.report?.withinDays).toBe(30);
		expect(state.expiring.rows.map(row => row.workspaceId)).toEqual(['c', 'b']);
		expect(kinds(state)).toEqual([]);
		const error = {code: 'corrupt-file', message: 'Failed to parse workspaces.json', fix: 'Repair it'};
		state = run(ready(), {type: 'tokens-failed', error});
		expect(state.tokens).toMatchObject({status: 'error', error});
		expect(state.expiring).toMatchObject({status: 'error', error});
	});

	it('updates the Expiring screen from the rows a refresh returns, without reading them again', () => {
		let state = keys(run(ready(), {type: 'tokens-loaded', rows: [tokenRow('a')], windowDays: 30}), 'tab', 'r');
		expect(kinds(state)).toEqual(['refresh']);
		expect(state.expiring.rows).toEqual([]);
		const fresh = [tokenRow('a', {expiry: 'within-7-days', daysLeft: 3})];
		state = run(
			state,
			{type: 'dequeue', upTo: 100},
			{type: 'action-done', notice: {tone: 'success', text: 'Checked 1 token'}, reload: [], tokens: {rows: fresh, windowDays: 30}},
		);
		expect(state.expiring.rows.map(row => row.workspaceId)).toEqual(['a']);
		expect(state.tokens.rows).toEqual(fresh);
		expect(kinds(state)).toEqual([]);
	});

	it('keeps the state as it is when the size did not change (no second render), and lays out again when it did', () => {
		const state = ready();
		expect(appReducer(state, {type: 'resize', size: {columns: 80, rows: 24}})).toBe(state);
		const resized = appReducer(state, {type: 'resize', size: {columns: 60, rows: 15}});
		expect(resized.size).toEqual({columns: 60, rows: 15});
	});

	it('maps Enter on a workspace to core.use, and refuses a second write while busy', () => {
		let state = keys(ready(), 'down', 'enter');
		expect(state.queue).toEqual([expect.objectContaining({kind: 'use', environment: 'prod', workspaceId: 'b'})]);
		expect(state.busy).toBe('Making Beta the default…');
		state = keys(state, 'down', 'enter');
		expect(state.queue).toHaveLength(1);
		expect(state.notice?.text).toBe('Still busy: Making Beta the default…');
	});

	it('says the default is already the default instead of writing', () => {
		const state = keys(ready(), 'enter');
		expect(state.queue).toEqual([]);
		expect(state.notice).toEqual({tone: 'info', text: 'Alpha is already the default of prod.'});
	});

	it('asks y/N before logging out, and only y goes ahead', () => {
		let state = keys(ready(), 'j', 'd');
		expect(contextOf(state)).toBe('confirm');
		state = keys(state, 'q', 'x', 'enter');
		expect(state.exitCode).toBeNull();
		expect(state.dialog).toBeNull();
		expect(state.queue).toEqual([]);
		expect(state.notice?.text).toBe('Nothing was changed.');
		state = keys(state, 'd', 'y');
		expect(state.queue).toEqual([expect.objectContaining({kind: 'logout', environment: 'prod', workspaceId: 'b'})]);
	});

	it('types the environment name to log out of all, and q is text there', () => {
		let state = keys(ready(), 'L');
		expect(contextOf(state)).toBe('type-confirm');
		state = keys(state, 'q', 'enter');
		expect(state.exitCode).toBeNull();
		expect(state.dialog).toMatchObject({typed: 'q', mismatch: true});
		state = keys(state, 'backspace', 'p', 'r', 'o', 'd', 'enter');
		expect(state.dialog).toBeNull();
		expect(state.queue).toEqual([expect.objectContaining({kind: 'logout-all', environment: 'prod'})]);
	});

	it('cycles environments and ignores late results for the old one', () => {
		let state = keys(ready(), 'e');
		expect(state.environment).toBe('local');
		expect(state.queue).toEqual([expect.objectContaining({kind: 'load-inventory', environment: 'local'})]);
		state = run(state, {type: 'inventory-loaded', environment: 'prod', inventory: inventoryOf([workspaceRow('x', 'Old')])});
		expect(state.workspaces.status).toBe('loading');
		state = keys(state, 'e', 'e', 'e');
		expect(state.environment).toBe('prod');
	});

	it('switches screens with Tab, Shift+Tab and 1–3, and closes the details on the way', () => {
		let state = run(ready(), {type: 'tokens-loaded', rows: [tokenRow('a')], windowDays: 30});
		state = keys(state, 'tab');
		expect(state.screen).toBe('tokens');
		state = keys(state, 'enter');
		expect(contextOf(state)).toBe('detail');
		state = keys(state, '3');
		expect(state.screen).toBe('expiring');
		expect(state.tokens.detail).toBeNull();
		state = keys(state, 'shift+tab', 'shift+tab', 'tab', '1');
		expect(state.screen).toBe('workspaces');
	});

	it('goes back with Esc step by step, and quits at the top', () => {
		let state = keys(ready(), '/', 'b', 'enter');
		expect(state.workspaces.filter).toBe('b');
		state = keys(state, 'escape');
		expect(state.workspaces.filter).toBe('');
		expect(state.exitCode).toBeNull();
		state = keys(state, '?');
		expect(contextOf(state)).toBe('help');
		state = keys(state, 'escape');
		expect(contextOf(state)).toBe('workspaces');
		state = keys(state, 'escape');
		expect(state.exitCode).toBe(0);
	});

	it('quits with q (0) and Ctrl+C (130) from anywhere, even while typing', () => {
		expect(keys(ready(), 'q').exitCode).toBe(0);
		expect(keys(ready(), '/', 'q').exitCode).toBeNull();
		expect(keys(ready(), '/', 'ctrl+c').exitCode).toBe(130);
		expect(keys(ready(), 'L', 'ctrl+c').exitCode).toBe(130);
	});

	it('offers p only while auth.json is readable by others', () => {
		expect(keys(ready(), 'p').queue).toEqual([]);
		const problem = {code: 'auth-file-readable', message: 'auth.json can be read by others', fix: 'chmod 600'};
		const state = run(
			start(30),
			{type: 'dequeue', upTo: 100},
			{type: 'inventory-loaded', environment: 'prod', inventory: inventoryOf([workspaceRow('a', 'Alpha', true)], {problems: [problem]})},
			{type: 'key', name: 'p'},
		);
		expect(kinds(state)).toEqual(['fix-permissions']);
	});

	it('reloads what an action changed, and shows its result', () => {
		let state = keys(ready(), 'j', 'd', 'y', 'x');
		state = run(state, {type: 'dequeue', upTo: 100}, {type: 'action-done', notice: {tone: 'success', text: 'Logged out'}, reload: ['inventory', 'tokens']});
		expect(state.busy).toBeNull();
		expect(state.notice?.text).toBe('Logged out');
		expect(state.queue).toEqual([expect.objectContaining({kind: 'load-all', environment: 'prod', windowDays: 30})]);
		state = run(state, {type: 'action-failed', error: {code: 'corrupt-file', message: 'Failed to parse config.json', fix: 'Repair it'}});
		expect(state.notice).toEqual({tone: 'error', text: 'Failed to parse config.json', fix: 'Repair it'});
	});
});
