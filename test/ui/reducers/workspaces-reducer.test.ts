import {describe, expect, it} from 'vitest';
import type {WorkspaceRow} from '../../../source/core/index.js';
import {
	initialWorkspaces,
	matchRows,
	rowAt,
	selectedWorkspace,
	visibleCount,
	workspacesReducer,
	type WorkspacesState,
} from '../../../source/ui/screens/workspaces/workspaces-reducer.js';
import {inventoryOf} from './fixtures.js';

const row = (id: string, name: string, isDefault = false): WorkspaceRow => ({
	id,
	name,
	environment: 'prod',
	isDefault,
	token: {state: 'missing'},
	storage: 'file',
});

const loaded = (rows: WorkspaceRow[], height = 5): WorkspacesState =>
	workspacesReducer(initialWorkspaces('prod'), {type: 'loaded', environment: 'prod', inventory: inventoryOf(rows), height});

describe('workspacesReducer', () => {
	it('starts on the default workspace', () => {
		const state = loaded([row('a', 'Alpha'), row('b', 'Beta'), row('c', 'Gamma', true)]);
		expect(state.status).toBe('ready');
		expect(selectedWorkspace(state)?.name).toBe('Gamma');
	});

	it('ignores results for an environment it no longer shows', () => {
		const state = workspacesReducer(initialWorkspaces('dev'), {type: 'loaded', environment: 'prod', inventory: inventoryOf([row('a', 'A')]), height: 5});
		expect(state.status).toBe('loading');
	});

	it('keeps the cursor on the same workspace across reloads', () => {
		let state = loaded([row('a', 'Alpha'), row('b', 'Beta'), row('c', 'Gamma')]);
		state = workspacesReducer(state, {type: 'move', move: 'down', height: 5});
		expect(selectedWorkspace(state)?.id).toBe('b');
		state = workspacesReducer(state, {
			type: 'loaded',
			environment: 'prod',
			inventory: inventoryOf([row('0', 'Aardvark'), row('a', 'Alpha'), row('b', 'Beta')]),
			height: 5,
		});
		expect(selectedWorkspace(state)?.id).toBe('b');
		expect(state.list.cursor).toBe(2);
	});

	it('builds the search text on the first filter, and again from the new rows after a reload', () => {
		let state = loaded([row('a1', 'Acme Corp'), row('b2', 'Beta Labs')]);
		expect(state.search).toBeNull();
		state = workspacesReducer(state, {type: 'filter-start'});
		state = workspacesReducer(state, {type: 'filter-type', text: 'b', height: 5});
		expect(state.search).toEqual(['acme corp a1', 'beta labs b2']);
		expect(state.matches).toEqual([1]);
		state = workspacesReducer(state, {type: 'loaded', environment: 'prod', inventory: inventoryOf([row('z9', 'Zebra'), row('b3', 'Bravo')]), height: 5});
		expect(state.matches).toEqual([0, 1]);
		expect(rowAt(state, 1)?.name).toBe('Bravo');
		state = workspacesReducer(state, {type: 'filter-type', text: '3', height: 5});
		expect(state.matches).toEqual([1]);
		state = workspacesReducer(state, {type: 'filter-clear', height: 5});
		expect(state.matches).toBeNull();
		expect(visibleCount(state)).toBe(2);
	});

	it('filters on name and id, all terms, any case, and counts only matches', () => {
		let state = loaded([row('a1', 'Acme Corp'), row('b2', 'Beta Labs'), row('c3', 'acme sandbox')]);
		state = workspacesReducer(state, {type: 'filter-start'});
		expect(state.editing).toBe(true);
		for (const character of 'ACME') state = workspacesReducer(state, {type: 'filter-type', text: character, height: 5});
		expect(visibleCount(state)).toBe(2);
		expect(rowAt(state, 1)?.name).toBe('acme sandbox');
		state = workspacesReducer(state, {type: 'filter-type', text: ' ', height: 5});
		state = workspacesReducer(state, {type: 'filter-type', text: 'c', height: 5});
		state = workspacesReducer(state, {type: 'filter-type', text: '3', height: 5});
		expect(visibleCount(state)).toBe(1);
		expect(selectedWorkspace(state)?.id).toBe('c3');
		state = workspacesReducer(state, {type: 'filter-delete', height: 5});
		state = workspacesReducer(state, {type: 'filter-delete', height: 5});
		expect(state.filter).toBe('ACME ');
		state = workspacesReducer(state, {type: 'filter-apply'});
		expect(state.editing).toBe(false);
		state = workspacesReducer(state, {type: 'filter-clear', height: 5});
		expect(state.filter).toBe('');
		expect(state.matches).toBeNull();
		expect(visibleCount(state)).toBe(3);
	});

	it('matches on a precomputed lower-case string', () => {
		expect(matchRows(['acme corp a1', 'beta b2'], '')).toBeNull();
		expect(matchRows(['acme corp a1', 'beta b2'], 'B2')).toEqual([1]);
		expect(matchRows(['acme corp a1', 'beta b2'], 'corp acme')).toEqual([0]);
	});

	it('moves through 10,000 rows, keeping the window on the cursor', () => {
		const rows = Array.from({length: 10_000}, (_, index) => row(`id-${index}`, `Workspace ${String(index).padStart(5, '0')}`));
		let state = loaded(rows, 20);
		for (let step = 0; step < 1000; step++) state = workspacesReducer(state, {type: 'move', move: 'down', height: 20});
		expect(selectedWorkspace(state)?.id).toBe('id-1000');
		expect(state.list.top).toBe(981);
		state = workspacesReducer(state, {type: 'move', move: 'last', height: 20});
		expect(selectedWorkspace(state)?.id).toBe('id-9999');
	});
});
