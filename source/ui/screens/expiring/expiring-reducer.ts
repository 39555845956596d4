import {isGone, type ExpiringReport, type TokenRow} from '../../../core/index.js';
import {emptyList, ensureVisible, moveCursor, type ListMove, type ListState} from '../../state/list.js';
import type {UiError} from '../../state/ui-error.js';

export type GroupId = 'expired' | 'week' | 'window' | 'unknown';

export type ExpiringLine =
	{readonly kind: 'header'; readonly group: GroupId; readonly count: number} | {readonly kind: 'row'; readonly group: GroupId; readonly index: number};

/**
 * The Expiring screen: tokens expired, revoked or expiring within the window, grouped, soonest
 * first, then the tokens whose expiry is not known. The cursor moves over rows; `list.top` counts
 * lines (group headers included).
 */
export interface ExpiringState {
	readonly status: 'loading' | 'ready' | 'error';
	readonly report: ExpiringReport | null;
	readonly error: UiError | null;
	/** Rows in display order (grouped). */
	readonly rows: readonly TokenRow[];
	readonly lines: readonly ExpiringLine[];
	/** The line of each row. */
	readonly rowLine: readonly number[];
	readonly list: ListState;
}

export type ExpiringAction =
	| {type: 'load'}
	| {type: 'loaded'; report: ExpiringReport; height: number}
	| {type: 'failed'; error: UiError}
	| {type: 'move'; move: ListMove; height: number}
	| {type: 'resize'; height: number};

export const initialExpiring: ExpiringState = {status: 'loading', report: null, error: null, rows: [], lines: [], rowLine: [], list: emptyList};

export function groupOf(row: TokenRow): GroupId | null {
	if (isGone(row)) return 'expired';
	if (row.expiry === 'within-7-days') return 'week';
	if (row.expiry === 'within-window') return 'window';
	return null;
}

const GROUPS: readonly GroupId[] = ['expired', 'week', 'window', 'unknown'];

/** How many tokens are rejected, revoked, expired or expiring within the window (not those whose expiry is unknown). */
export const attentionCount = (state: ExpiringState): number => state.report?.rows.length ?? 0;

export function layoutReport(report: ExpiringReport): Pick<ExpiringState, 'rows' | 'lines' | 'rowLine'> {
	const rows: TokenRow[] = [];
	const lines: ExpiringLine[] = [];
	const rowLine: number[] = [];
	for (const group of GROUPS) {
		const members = group === 'unknown' ? report.unknown : report.rows.filter(row => groupOf(row) === group);
		if (members.length === 0) continue;
		lines.push({kind: 'header', group, count: members.length});
		for (const row of members) {
			rowLine.push(lines.length);
			lines.push({kind: 'row', group, index: rows.length});
			rows.push(row);
		}
	}
	return {rows, lines, rowLine};
}

export const selectedExpiring = (state: ExpiringState): TokenRow | undefined => state.rows[state.list.cursor];

/** Whether the selected row's expiry is known (it is in a group other than `unknown`). */
export const selectedKnown = (state: ExpiringState): boolean => {
	const line = state.lines[state.rowLine[state.list.cursor] ?? -1];
	return line?.kind === 'row' && line.group !== 'unknown';
};

function place(state: ExpiringState, cursor: number, height: number): ListState {
	const line = state.rowLine[cursor] ?? 0;
	// Show the group header above the first row of a group when scrolling up to it.
	const previous = state.lines[line - 1];
	const anchor = previous?.kind === 'header' && line - 1 < state.list.top ? line - 1 : line;
	const top = ensureVisible(state.list.top, anchor, height, state.lines.length);
	return {cursor, top: ensureVisible(top, line, height, state.lines.length)};
}

export function expiringReducer(state: ExpiringState, action: ExpiringAction): ExpiringState {
	switch (action.type) {
		case 'load':
			return {...state, status: state.report ? state.status : 'loading', error: null};
		case 'loaded': {
			const next: ExpiringState = {...state, status: 'ready', report: action.report, error: null, ...layoutReport(action.report)};
			const cursor = Math.min(state.list.cursor, Math.max(0, next.rows.length - 1));
			return {...next, list: place({...next, list: {cursor, top: 0}}, cursor, action.height)};
		}
		case 'failed':
			return {...state, status: 'error', error: action.error};
		case 'move':
			return {...state, list: place(state, moveCursor(state.list.cursor, action.move, state.rows.length, action.height), action.height)};
		case 'resize':
			return {...state, list: place(state, state.list.cursor, action.height)};
	}
}
