/**
 * Minimal ANSI styling that honours NO_COLOR (any non-empty value), FORCE_COLOR and whether the
 * stream is a terminal. Styling is never the only carrier of meaning: words and symbols always
 * say the same thing.
 */
export interface Style {
	bold(text: string): string;
	dim(text: string): string;
	red(text: string): string;
	yellow(text: string): string;
	green(text: string): string;
	cyan(text: string): string;
}

export function colorEnabled(env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
	if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
	return Boolean(isTTY) && env['TERM'] !== 'dumb';
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
