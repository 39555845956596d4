/**
 * Minimal ANSI styling, on when colorEnabled (source/text/color.ts) says so. Styling is never the
 * only carrier of meaning: words and symbols always say the same thing. It is the only escape
 * sequence the CLI writes; untrusted text is sanitised before it is styled.
 */
export interface Style {
	bold(text: string): string;
	dim(text: string): string;
	red(text: string): string;
	yellow(text: string): string;
	green(text: string): string;
	cyan(text: string): string;
}

export function createStyle(enabled: boolean): Style {
	const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001B[${open}m${text}\u001B[${close}m` : text);
	return {
		bold: wrap(1, 22),
		dim: wrap(2, 22),
		red: wrap(31, 39),
		yellow: wrap(33, 39),
		green: wrap(32, 39),
		cyan: wrap(36, 39),
	};
}
