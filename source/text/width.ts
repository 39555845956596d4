/**
 * Terminal width of text, and cutting it to a width, for the CLI's tables and the UI's rows alike.
 * Widths are string-width's, which is what Ink lays out with: emoji sequences, flags, keycaps and
 * East Asian wide characters take two columns, combining marks none. A cut never splits a
 * grapheme (a family emoji, a flag, a letter and its accent) and ends in an ellipsis. Both measure
 * and cut the sanitised form of the text (a control is shown as `\x1b`), which is what is then
 * drawn; styling is added after fitting.
 */
import {sanitize} from './sanitize.js';
import {inSymbols, symbols} from './symbols.js';

type StringWidth = typeof import('string-width').default;
let stringWidth: StringWidth | undefined;
let graphemes: Intl.Segmenter | undefined;

/** Printable ASCII: one column per character. */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * Columns the text takes once sanitised, in the symbol set in use (under ASCII symbols `…` is drawn
 * `...`). string-width compiles Unicode's emoji property and an Intl.Segmenter when it loads
 * (~20 ms), so it is loaded the first time text other than printable ASCII is measured: a command
 * that prints JSON or ASCII never pays for it (the bundle keeps a required module unloaded until
 * the call).
 */
export function textWidth(text: string): number {
	const clean = inSymbols(sanitize(text));
	if (ASCII.test(clean)) return clean.length;
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
	stringWidth ??= (require('string-width') as {default: StringWidth}).default;
	return stringWidth(clean);
}

/** `text`, sanitised and in the symbol set in use, cut to at most `width` columns, ending in `…` when cut. */
export function truncate(raw: string, width: number): string {
	if (width <= 0) return '';
	const text = inSymbols(sanitize(raw));
	if (textWidth(text) <= width) return text;
	const ellipsis = textWidth(symbols.ellipsis) <= width ? symbols.ellipsis : '';
	const room = width - textWidth(ellipsis);
	let result = '';
	let used = 0;
	graphemes ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	for (const {segment} of graphemes.segment(text)) {
		const size = textWidth(segment);
		if (used + size > room) break;
		result += segment;
		used += size;
	}
	return result + ellipsis;
}

/** Sanitised, cut to `width` (with `…`) and padded with spaces to exactly `width` columns. */
export function fit(text: string, width: number): string {
	const cut = truncate(text, width);
	return cut + ' '.repeat(Math.max(0, width - textWidth(cut)));
}

/** Sanitised, in the symbol set in use, and padded with spaces to at least `width` columns, never cut. */
export const padEnd = (text: string, width: number): string => inSymbols(sanitize(text)) + ' '.repeat(Math.max(0, width - textWidth(text)));

/** Sanitised text in lines of at most `width` columns, broken between words (a longer word is cut). */
export function wrap(raw: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of sanitize(raw).split(' ')) {
		const joined = line ? `${line} ${word}` : word;
		if (textWidth(joined) <= width) {
			line = joined;
			continue;
		}
		if (line) lines.push(line);
		line = textWidth(word) <= width ? word : truncate(word, width);
	}
	return [...lines, line];
}
