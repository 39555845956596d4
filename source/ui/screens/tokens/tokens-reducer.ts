import type {TokenFact, TokenRow} from '../../../core/index.js';
import {clampList, emptyList, moveList, type ListMove, type ListState} from '../../state/list.js';
import type {UiError} from '../../state/ui-error.js';

/** The Tokens screen: every token the tool knows, and the detail view of one of them. */
export interface TokensState {
	readonly status: 'loading' | 'ready' | 'error';
	readonly rows: readonly TokenRow[];
	readonly error: UiError | null;
	readonly list: ListState;
	/** Open detail view: which row (by key) and the cursor over that workspace's tokens. */
	readonly detail: {readonly key: string; readonly list: ListState} | null;
}

export type TokensAction =
	| {type: 'load'}
	| {type: 'loaded'; rows: readonly TokenRow[]; height: number}
	| {type: 'failed'; error: UiError}
	| {type: 'move'; move: ListMove; height: number}
	| {type: 'resize'; height: number}
	| {type: 'open'}
	| {type: 'open-key'; key: string}
	| {type: 'close'}
	| {type: 'detail-move'; move: ListMove; height: number};

export const initialTokens: TokensState = {status: 'loading', rows: [], error: null, list: emptyList, detail: null};

/** Identifies a row across reloads. */
export const tokenKey = (row: TokenRow): string =>
	[row.source, row.environment ?? '', row.workspaceId ?? '', row.storage, row.source === 'listed' ? (row.tokenId ?? '') : (row.label ?? '')].join('\u0000');

export const selectedToken = (state: TokensState): TokenRow | undefined => state.rows[state.list.cursor];

export const detailRow = (state: TokensState): TokenRow | undefined => (state.detail ? state.rows.find(row => tokenKey(row) === state.detail?.key) : undefined);

/** One token listed in the detail view: the stored one first, then the workspace's others. */
export interface DetailEntry {
	readonly isStored: boolean;
	readonly id: string | null;
	readonly name: string | null;
	readonly issuedAt: string | null;
	readonly expiresAt: string | null;
	readonly revokedAt: string | null;
}

export function detailEntries(row: TokenRow): DetailEntry[] {
	const stored: DetailEntry = {
		isStored: true,
		id: row.tokenId,
		name: row.tokenName,
		issuedAt: row.issuedAt,
		expiresAt: row.expiresAt,
		revokedAt: row.expiry === 'revoked' ? 'revoked' : null,
	};
	const others = row.otherTokens.filter((fact: TokenFact) => fact.id !== row.tokenId).map((fact: TokenFact): DetailEntry => ({isStored: false, ...fact}));
	return [stored, ...others];
}

export function selectedDetailEntry(state: TokensState): {row: TokenRow; entry: DetailEntry} | undefined {
	const row = detailRow(state);
	if (!row || !state.detail) return undefined;
	const entry = detailEntries(row)[state.detail.list.cursor];
	return entry ? {row, entry} : undefined;
}

export function tokensReducer(state: TokensState, action: TokensAction): TokensState {
	switch (action.type) {
		case 'load':
			return {...state, status: state.rows.length > 0 ? state.status : 'loading', error: null};
		case 'loaded': {
			const previous = selectedToken(state);
			const previousKey = previous ? tokenKey(previous) : undefined;
			const found = previousKey === undefined ? -1 : action.rows.findIndex(row => tokenKey(row) === previousKey);
			const cursor = found >= 0 ? found : state.list.cursor;
			const detail = state.detail && action.rows.some(row => tokenKey(row) === state.detail?.key) ? state.detail : null;
			return {
				status: 'ready',
				rows: action.rows,
				error: null,
				list: clampList({cursor, top: state.list.top}, action.rows.length, action.height),
				detail,
			};
		}
		case 'failed':
			return {...state, status: 'error', error: action.error, detail: null};
		case 'move':
			return {...state, list: moveList(state.list, action.move, state.rows.length, action.height)};
		case 'resize':
			return {...state, list: clampList(state.list, state.rows.length, action.height)};
		case 'open': {
			const row = selectedToken(state);
			return row ? {...state, detail: {key: tokenKey(row), list: emptyList}} : state;
		}
		case 'open-key': {
			const index = state.rows.findIndex(row => tokenKey(row) === action.key);
			if (index < 0) return state;
			return {...state, list: {cursor: index, top: state.list.top}, detail: {key: action.key, list: emptyList}};
		}
		case 'close':
			return {...state, detail: null};
		case 'detail-move': {
			const row = detailRow(state);
			if (!row || !state.detail) return state;
			const count = detailEntries(row).length;
			return {...state, detail: {...state.detail, list: moveList(state.detail.list, action.move, count, action.height)}};
		}
	}
}
