import type {Environment, Inventory, WorkspaceRow} from '../../../core/index.js';
import {clampList, emptyList, moveList, type ListMove, type ListState} from '../../state/list.js';
import type {UiError} from '../../state/ui-error.js';

/** The Workspaces screen: the cached workspaces of one environment, a filter and a cursor. */
export interface WorkspacesState {
	readonly status: 'loading' | 'ready' | 'error';
	readonly environment: Environment;
	readonly inventory: Inventory | null;
	readonly error: UiError | null;
	/**
	 * Lower-cased `name id` per row, so that filtering stays cheap; null until the first filter
	 * needs it (a list that is never filtered does not pay for it).
	 */
	readonly search: readonly string[] | null;
	readonly filter: string;
	readonly editing: boolean;
	/** Indexes into `inventory.workspaces` that match the filter; null when there is no filter. */
	readonly matches: readonly number[] | null;
	readonly list: ListState;
	/** The selected workspace is shown in full (its whole id, token, storage). */
	readonly detail: boolean;
}

export type WorkspacesAction =
	| {type: 'load'; environment: Environment}
	| {type: 'loaded'; environment: Environment; inventory: Inventory; height: number}
	| {type: 'failed'; environment: Environment; error: UiError}
	| {type: 'move'; move: ListMove; height: number}
	| {type: 'resize'; height: number}
	| {type: 'filter-start'}
	| {type: 'filter-type'; text: string; height: number}
	| {type: 'filter-delete'; height: number}
	| {type: 'filter-apply'}
	| {type: 'filter-clear'; height: number}
	| {type: 'detail-open'}
	| {type: 'detail-close'};

export const initialWorkspaces = (environment: Environment): WorkspacesState => ({
	status: 'loading',
	environment,
	inventory: null,
	error: null,
	search: null,
	filter: '',
	editing: false,
	matches: null,
	list: emptyList,
	detail: false,
});

const rowsOf = (state: WorkspacesState): readonly WorkspaceRow[] => state.inventory?.workspaces ?? [];

export const visibleCount = (state: WorkspacesState): number => state.matches?.length ?? rowsOf(state).length;

/** The row shown at position `index` of the (filtered) list. */
export function rowAt(state: WorkspacesState, index: number): WorkspaceRow | undefined {
	const rowIndex = state.matches ? state.matches[index] : index;
	return rowIndex === undefined ? undefined : rowsOf(state)[rowIndex];
}

export const selectedWorkspace = (state: WorkspacesState): WorkspaceRow | undefined => (state.status === 'ready' ? rowAt(state, state.list.cursor) : undefined);

/** Space-separated terms, all of which must appear (any order, case-insensitive). */
export function matchRows(search: readonly string[], filter: string): number[] | null {
	const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (terms.length === 0) return null;
	const matches: number[] = [];
	for (let index = 0; index < search.length; index++) {
		const text = search[index]!;
		if (terms.every(term => text.includes(term))) matches.push(index);
	}
	return matches;
}

const searchOf = (rows: readonly WorkspaceRow[]): string[] => rows.map(row => `${row.name} ${row.id}`.toLowerCase());

function withFilter(state: WorkspacesState, filter: string, height: number): WorkspacesState {
	const search = state.search ?? (filter === '' ? null : searchOf(rowsOf(state)));
	const matches = search ? matchRows(search, filter) : null;
	const next = {...state, filter, search, matches};
	return {...next, list: clampList({cursor: 0, top: 0}, visibleCount(next), height)};
}

export function workspacesReducer(state: WorkspacesState, action: WorkspacesAction): WorkspacesState {
	switch (action.type) {
		case 'load':
			if (action.environment === state.environment && state.inventory) return {...state, error: null};
			// Another environment: keep the old inventory only for the title (config dir, store) until
			// the new one arrives; the list shows "Reading…" and no row can be acted on meanwhile.
			return {...initialWorkspaces(action.environment), inventory: state.inventory, filter: state.filter};
		case 'loaded': {
			if (action.environment !== state.environment) return state;
			const previous = state.inventory?.environment === action.environment ? selectedWorkspace(state) : undefined;
			const rows = action.inventory.workspaces;
			const search = state.filter === '' ? null : searchOf(rows);
			const matches = search ? matchRows(search, state.filter) : null;
			const next: WorkspacesState = {...state, status: 'ready', inventory: action.inventory, error: null, search, matches};
			// Keep the cursor on the same workspace across reloads; otherwise start at the default.
			const wanted = previous?.id ?? action.inventory.defaultWorkspaceId;
			const count = visibleCount(next);
			let cursor = Math.min(state.list.cursor, Math.max(0, count - 1));
			if (wanted !== undefined && wanted !== null) {
				for (let position = 0; position < count; position++) {
					if (rowAt(next, position)?.id === wanted) {
						cursor = position;
						break;
					}
				}
			}
			const list = clampList({cursor, top: state.list.top}, count, action.height);
			// The details stay open on the same workspace; when it is gone, on none.
			const detail = state.detail && previous !== undefined && rowAt(next, list.cursor)?.id === previous.id;
			return {...next, list, detail};
		}
		case 'failed':
			if (action.environment !== state.environment) return state;
			return {...state, status: 'error', error: action.error};
		case 'move':
			return {...state, list: moveList(state.list, action.move, visibleCount(state), action.height)};
		case 'resize':
			return {...state, list: clampList(state.list, visibleCount(state), action.height)};
		case 'filter-start':
			return {...state, editing: true};
		case 'filter-type':
			return withFilter(state, state.filter + action.text, action.height);
		case 'filter-delete':
			return withFilter(state, [...state.filter].slice(0, -1).join(''), action.height);
		case 'filter-apply':
			return {...state, editing: false};
		case 'filter-clear':
			return {...withFilter(state, '', action.height), editing: false};
		case 'detail-open':
			return selectedWorkspace(state) ? {...state, detail: true} : state;
		case 'detail-close':
			return {...state, detail: false};
	}
}
