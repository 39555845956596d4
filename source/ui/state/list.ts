/** Cursor and scroll position of a list that renders only the rows in view. */
export interface ListState {
	readonly cursor: number;
	readonly top: number;
}

export const emptyList: ListState = {cursor: 0, top: 0};

export const LIST_MOVES = ['up', 'down', 'page-up', 'page-down', 'first', 'last'] as const;
export type ListMove = (typeof LIST_MOVES)[number];

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/** The first line to show so that `line` is in a window of `height` lines, moving as little as possible. */
export function ensureVisible(top: number, line: number, height: number, total: number): number {
	const size = Math.max(1, height);
	let next = top;
	if (line < next) next = line;
	if (line >= next + size) next = line - size + 1;
	return clamp(next, 0, Math.max(0, total - size));
}

export function moveCursor(cursor: number, move: ListMove, count: number, height: number): number {
	if (count === 0) return 0;
	const page = Math.max(1, height - 1);
	switch (move) {
		case 'up':
			return clamp(cursor - 1, 0, count - 1);
		case 'down':
			return clamp(cursor + 1, 0, count - 1);
		case 'page-up':
			return clamp(cursor - page, 0, count - 1);
		case 'page-down':
			return clamp(cursor + page, 0, count - 1);
		case 'first':
			return 0;
		case 'last':
			return count - 1;
	}
}

/** Moves the cursor in a list of `count` one-line rows shown `height` lines at a time. */
export function moveList(list: ListState, move: ListMove, count: number, height: number): ListState {
	const cursor = moveCursor(list.cursor, move, count, height);
	return {cursor, top: ensureVisible(list.top, cursor, height, count)};
}

/** Keeps cursor and scroll valid after the rows or the height changed. */
export function clampList(list: ListState, count: number, height: number): ListState {
	const cursor = count === 0 ? 0 : clamp(list.cursor, 0, count - 1);
	return {cursor, top: ensureVisible(Math.min(list.top, cursor), cursor, height, count)};
}

/** The half-open range of rows to render. */
export function windowOf(list: ListState, count: number, height: number): {start: number; end: number} {
	const {top} = clampList(list, count, height);
	return {start: top, end: Math.min(count, top + Math.max(1, height))};
}
