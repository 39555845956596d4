import {fit, textWidth, truncate} from '../text/index.js';
import type {CommandIo} from './io.js';

/** Columns a text table may take: the terminal's width on one, else 80. */
export const tableWidth = (io: CommandIo): number => (io.stdout.isTTY && io.stdout.columns ? Math.max(40, io.stdout.columns) : 80);

export interface TableOptions {
	/** Most columns a column takes, by index. */
	maxWidths?: number[];
	/** The whole width a line may take (80 by default). */
	width?: number;
	/** Columns that give up width when the lines are too wide, first to last, and the least each keeps. */
	shrink?: Array<{column: number; min: number}>;
}

/**
 * Aligned columns of plain (unstyled) cells, in terminal columns, within a width: cells are
 * sanitised, cut with `…` where they must be, and padded; the last column is not padded. `paint`
 * may colour a cell once fitted (colour codes would spoil the widths).
 */
export function table(
	rows: string[][],
	paint: (row: number, column: number, cell: string) => string = (_r, _c, cell) => cell,
	options: TableOptions = {},
): string[] {
	const {maxWidths = [], width = 80, shrink = [{column: 0, min: 10}]} = options;
	const widths: number[] = [];
	for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.min(maxWidths[index] ?? Infinity, Math.max(widths[index] ?? 0, textWidth(cell)))));
	const last = widths.length - 1;
	let excess = widths.reduce((sum, value) => sum + value, 0) + 2 * last - width;
	for (const {column, min} of shrink) {
		if (excess <= 0) break;
		const give = Math.max(0, Math.min(excess, widths[column]! - min));
		widths[column]! -= give;
		excess -= give;
	}
	if (excess > 0) widths[last] = Math.max(1, widths[last]! - excess);
	return rows.map((row, r) =>
		row
			.map((cell, c) => paint(r, c, c === row.length - 1 ? truncate(cell, widths[c] ?? width) : fit(cell, widths[c]!)))
			.join('  ')
			.trimEnd(),
	);
}
