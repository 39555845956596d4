import {expiresWithin, unusedFor, type AdminWorkspace, type PatRecord, type PatRevokeResult, type PatStatus} from '../../../core/index.js';
import {clampList, emptyList, moveList, type ListMove, type ListState} from '../../state/list.js';
import type {UiError} from '../../state/ui-error.js';

export const ADMIN_SORTS = ['expiry', 'last-used', 'created'] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number];
export const SORT_TITLES: Record<AdminSort, string> = {
	expiry: 'expiry (soonest first)',
	'last-used': 'last use (least recent first)',
	created: 'creation (newest first)',
};

export const STATUS_FILTERS = ['all', 'active', 'expired', 'revoked'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const QUICK_FILTERS = ['none', 'expired', 'expiring', 'unused'] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];
export const UNUSED_DAYS = 90;

/** The Admin screen: a workspace's PATs from Notion's Admin API, filtered, sorted and marked. */
export interface AdminState {
	/** Whether an admin token is available (the screen exists only then); null until known. */
	readonly available: boolean | null;
	readonly phase: 'pick' | 'list';
	/** ntn's cached workspaces, to pick from. */
	readonly choices: readonly AdminWorkspace[];
	readonly pickText: string;
	readonly pickList: ListState;
	readonly workspace: AdminWorkspace | null;
	/** Counts fetches: answers of an older one are ignored. */
	readonly generation: number;
	readonly status: 'idle' | 'loading' | 'ready' | 'error';
	readonly pats: readonly PatRecord[];
	/** Lower-cased `name creator-name creator-email` per PAT. */
	readonly search: readonly string[];
	readonly pages: number;
	readonly fetchedAt: string | null;
	/** The listing shown is the remembered one (Notion could not be asked). */
	readonly remembered: boolean;
	readonly error: UiError | null;
	/** "Now" for the quick filters, from the core's clock. */
	readonly now: number;
	readonly windowDays: number;
	readonly filter: string;
	readonly editing: boolean;
	readonly statusFilter: StatusFilter;
	readonly quick: QuickFilter;
	readonly creator: {readonly id: string; readonly label: string} | null;
	readonly sort: AdminSort;
	/** Indexes into `pats` in sort order. */
	readonly sorted: readonly number[];
	/** Indexes into `pats` shown, in order. */
	readonly view: readonly number[];
	readonly list: ListState;
	readonly marked: ReadonlySet<string>;
	readonly detail: boolean;
	/** The result of the last revoke, per PAT id. */
	readonly results: ReadonlyMap<string, {readonly ok: boolean; readonly text: string}>;
}

export type AdminAction =
	| {type: 'available'; available: boolean}
	| {type: 'choices'; choices: readonly AdminWorkspace[]; height: number}
	| {type: 'pick-type'; text: string; height: number}
	| {type: 'pick-delete'; height: number}
	| {type: 'pick-clear'; height: number}
	| {type: 'pick-move'; move: ListMove; height: number}
	| {type: 'picking'}
	| {type: 'fetch'; workspace: AdminWorkspace; generation: number}
	| {type: 'page'; generation: number; page: readonly PatRecord[]; pages: number; now: number; height: number}
	| {type: 'fetched'; generation: number; fetchedAt: string}
	| {type: 'failed'; generation: number; error: UiError}
	| {type: 'remembered'; generation: number; pats: readonly PatRecord[]; fetchedAt: string; now: number; height: number}
	| {type: 'move'; move: ListMove; height: number}
	| {type: 'resize'; height: number}
	| {type: 'filter-start'}
	| {type: 'filter-type'; text: string; height: number}
	| {type: 'filter-delete'; height: number}
	| {type: 'filter-apply'}
	| {type: 'filter-clear'; height: number}
	| {type: 'status'; height: number}
	| {type: 'sort'; height: number}
	| {type: 'quick'; height: number}
	| {type: 'creator'; height: number}
	| {type: 'mark'; height: number}
	| {type: 'open'}
	| {type: 'close'}
	| {type: 'window'; days: number; height: number}
	| {type: 'revoked'; results: readonly PatRevokeResult[]; now: number; height: number};

export const initialAdmin: AdminState = {
	available: null,
	phase: 'pick',
	choices: [],
	pickText: '',
	pickList: emptyList,
	workspace: null,
	generation: 0,
	status: 'idle',
	pats: [],
	search: [],
	pages: 0,
	fetchedAt: null,
	remembered: false,
	error: null,
	now: 0,
	windowDays: 30,
	filter: '',
	editing: false,
	statusFilter: 'all',
	quick: 'none',
	creator: null,
	sort: 'expiry',
	sorted: [],
	view: [],
	list: emptyList,
	marked: new Set(),
	detail: false,
	results: new Map(),
};

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** The cached workspaces that match what is typed (name or id, any case). */
export function pickMatches(state: AdminState): readonly AdminWorkspace[] {
	const text = state.pickText.trim().toLowerCase();
	if (text === '') return state.choices;
	return state.choices.filter(choice => choice.id.toLowerCase().includes(text) || (choice.name ?? '').toLowerCase().includes(text));
}

/** What Enter picks: the selected cached workspace, else a typed workspace id. */
export function pickTarget(state: AdminState): AdminWorkspace | null {
	const match = pickMatches(state)[state.pickList.cursor];
	if (match) return match;
	const text = state.pickText.trim();
	return UUID.test(text) ? {id: text.toLowerCase(), name: null} : null;
}

const searchText = (pat: PatRecord): string => `${pat.name ?? ''} ${pat.creator.name ?? ''} ${pat.creator.email ?? ''}`.toLowerCase();

/** Sort keys: missing values go last. */
function sortKey(pat: PatRecord, sort: AdminSort): number {
	switch (sort) {
		case 'expiry':
			return pat.expiresAt ?? Number.POSITIVE_INFINITY;
		case 'last-used':
			return pat.lastUsedAt ?? Number.NEGATIVE_INFINITY;
		case 'created':
			return -pat.createdAt;
	}
}

function sortIndexes(pats: readonly PatRecord[], sort: AdminSort): number[] {
	const keys = new Float64Array(pats.length);
	for (let index = 0; index < pats.length; index++) keys[index] = sortKey(pats[index]!, sort);
	const indexes = Array.from({length: pats.length}, (_, index) => index);
	return indexes.sort((a, b) => keys[a]! - keys[b]! || a - b);
}

function predicate(state: AdminState): ((index: number) => boolean) | null {
	const tests: Array<(index: number) => boolean> = [];
	const {pats, search, now} = state;
	if (state.statusFilter !== 'all') {
		const wanted: PatStatus = state.statusFilter;
		tests.push(index => pats[index]!.status === wanted);
	}
	if (state.quick === 'expired') tests.push(index => pats[index]!.status === 'expired');
	if (state.quick === 'expiring') tests.push(index => expiresWithin(pats[index]!, state.windowDays, now));
	if (state.quick === 'unused') tests.push(index => unusedFor(pats[index]!, UNUSED_DAYS, now));
	if (state.creator) {
		const id = state.creator.id;
		tests.push(index => pats[index]!.creator.id === id);
	}
	const terms = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (terms.length > 0) tests.push(index => terms.every(term => search[index]!.includes(term)));
	if (tests.length === 0) return null;
	if (tests.length === 1) return tests[0]!;
	return index => tests.every(test => test(index));
}

/** Recomputes what is shown, keeping the cursor on the same PAT when it is still shown. */
function refresh(state: AdminState, height: number, options: {resort?: boolean; keepCursor?: boolean} = {}): AdminState {
	const selected = options.keepCursor === false ? undefined : selectedPat(state)?.id;
	const sorted = options.resort ? sortIndexes(state.pats, state.sort) : state.sorted;
	const keep = predicate(state);
	const view = keep ? sorted.filter(keep) : sorted;
	let cursor = 0;
	if (selected !== undefined) {
		const at = view.findIndex(index => state.pats[index]!.id === selected);
		if (at >= 0) cursor = at;
	}
	const top = cursor === state.list.cursor ? state.list.top : 0;
	return {...state, sorted, view, list: clampList({cursor, top}, view.length, height)};
}

export const selectedPat = (state: AdminState): PatRecord | undefined => {
	const index = state.view[state.list.cursor];
	return index === undefined ? undefined : state.pats[index];
};

/** The PATs a revoke acts on: the marked ones, else the selected one. */
export function revokeTargets(state: AdminState): PatRecord[] {
	if (state.marked.size > 0) return state.pats.filter(pat => state.marked.has(pat.id));
	const pat = selectedPat(state);
	return pat ? [pat] : [];
}

const next = <T>(values: readonly T[], current: T): T => values[(values.indexOf(current) + 1) % values.length]!;

export function adminReducer(state: AdminState, action: AdminAction): AdminState {
	switch (action.type) {
		case 'available':
			return {...state, available: action.available};
		case 'choices':
			return {...state, choices: action.choices, pickList: clampList(state.pickList, pickMatches({...state, choices: action.choices}).length, action.height)};
		case 'pick-type':
		case 'pick-delete':
		case 'pick-clear': {
			const pickText =
				action.type === 'pick-type'
					? (state.pickText + action.text).slice(0, 80)
					: action.type === 'pick-delete'
						? [...state.pickText].slice(0, -1).join('')
						: '';
			const picked = {...state, pickText};
			return {...picked, pickList: clampList({cursor: 0, top: 0}, pickMatches(picked).length, action.height)};
		}
		case 'pick-move':
			return {...state, pickList: moveList(state.pickList, action.move, pickMatches(state).length, action.height)};
		case 'picking':
			return {...state, phase: 'pick', pickText: '', pickList: emptyList, detail: false, editing: false};
		case 'fetch': {
			const same = state.workspace?.id === action.workspace.id;
			return {
				...state,
				phase: 'list',
				workspace: action.workspace,
				generation: action.generation,
				status: 'loading',
				error: null,
				pages: 0,
				// A new fetch of the same workspace replaces the rows when its first page arrives.
				...(same
					? {}
					: {
							pats: [],
							search: [],
							sorted: [],
							view: [],
							list: emptyList,
							marked: new Set<string>(),
							results: new Map(),
							fetchedAt: null,
							remembered: false,
							creator: null,
						}),
				detail: false,
			};
		}
		case 'page': {
			if (action.generation !== state.generation) return state;
			const first = state.pages === 0;
			const pats = first ? [...action.page] : [...state.pats, ...action.page];
			const search = first ? action.page.map(searchText) : [...state.search, ...action.page.map(searchText)];
			return refresh(
				{...state, pats, search, pages: action.pages, now: action.now, remembered: false, results: first ? new Map() : state.results},
				action.height,
				{resort: true},
			);
		}
		case 'fetched': {
			if (action.generation !== state.generation) return state;
			// Marks stay across a fetch of the same workspace, for the PATs it still lists.
			const known = state.marked.size > 0 ? new Set(state.pats.map(pat => pat.id)) : null;
			const marked = known ? new Set([...state.marked].filter(id => known.has(id))) : state.marked;
			return {...state, status: 'ready', fetchedAt: action.fetchedAt, marked};
		}
		case 'failed':
			if (action.generation !== state.generation) return state;
			return {...state, status: 'error', error: action.error};
		case 'remembered':
			if (action.generation !== state.generation || state.pages > 0) return state;
			return refresh(
				{...state, pats: action.pats, search: action.pats.map(searchText), fetchedAt: action.fetchedAt, remembered: true, now: action.now},
				action.height,
				{resort: true},
			);
		case 'move':
			return {...state, list: moveList(state.list, action.move, state.view.length, action.height)};
		case 'resize':
			return {
				...state,
				list: clampList(state.list, state.view.length, action.height),
				pickList: clampList(state.pickList, pickMatches(state).length, action.height),
			};
		case 'filter-start':
			return {...state, editing: true};
		case 'filter-type':
			return refresh({...state, filter: (state.filter + action.text).slice(0, 80)}, action.height);
		case 'filter-delete':
			return refresh({...state, filter: [...state.filter].slice(0, -1).join('')}, action.height);
		case 'filter-apply':
			return {...state, editing: false};
		case 'filter-clear':
			return refresh({...state, filter: '', editing: false}, action.height);
		case 'status':
			return refresh({...state, statusFilter: next(STATUS_FILTERS, state.statusFilter)}, action.height);
		case 'sort':
			return refresh({...state, sort: next(ADMIN_SORTS, state.sort)}, action.height, {resort: true});
		case 'quick':
			return refresh({...state, quick: next(QUICK_FILTERS, state.quick)}, action.height);
		case 'creator': {
			if (state.creator) return refresh({...state, creator: null}, action.height);
			const pat = selectedPat(state);
			if (!pat) return state;
			return refresh({...state, creator: {id: pat.creator.id, label: pat.creator.email ?? pat.creator.name ?? pat.creator.id}}, action.height);
		}
		case 'mark': {
			const pat = selectedPat(state);
			if (!pat) return state;
			const marked = new Set(state.marked);
			if (marked.has(pat.id)) marked.delete(pat.id);
			else marked.add(pat.id);
			return {...state, marked, list: moveList(state.list, 'down', state.view.length, action.height)};
		}
		case 'open':
			return selectedPat(state) ? {...state, detail: true} : state;
		case 'close':
			return {...state, detail: false};
		case 'window':
			return refresh({...state, windowDays: action.days}, action.height);
		case 'revoked': {
			const results = new Map(state.results);
			const revoked = new Set<string>();
			for (const result of action.results) {
				if (result.outcome === 'revoked') revoked.add(result.id);
				results.set(result.id, result.outcome === 'revoked' ? {ok: true, text: 'revoked'} : {ok: false, text: result.failure?.message ?? 'failed'});
			}
			const pats = state.pats.map(pat => (revoked.has(pat.id) && pat.status !== 'revoked' ? {...pat, status: 'revoked' as const, revokedAt: action.now} : pat));
			const marked = new Set([...state.marked].filter(id => !revoked.has(id)));
			return refresh({...state, pats, results, marked}, action.height);
		}
	}
}
