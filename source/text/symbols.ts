/**
 * The symbols notion-tokens draws, and their ASCII forms for a terminal whose locale is not
 * UTF-8 (LANG=C): the default and an expired row must stay distinguishable there too. The set in
 * use is chosen once, at start, from the environment (chooseSymbols).
 */
export interface Symbols {
	/** The default workspace. */
	default: string;
	/** The selected row. */
	pointer: string;
	ok: string;
	fail: string;
	warn: string;
	info: string;
	ellipsis: string;
	dash: string;
	dot: string;
	arrow: string;
	child: string;
	times: string;
	flag: string;
	/** Stands for a hidden character of a secret. */
	secret: string;
	noAccess: string;
	wait: string;
	up: string;
	down: string;
	enDash: string;
	quoteOpen: string;
	quoteClose: string;
	/** A marked item (Admin: a PAT marked for revoking; a token's details: this token). */
	marked: string;
	/** A saved token (`notion-tokens add`). */
	saved: string;
	/** The cursor of a field being typed in. */
	caret: string;
	/** The frame of a panel (Ink's border styles): rounded lines, or + - |. */
	border: 'round' | 'classic';
}

export const UNICODE_SYMBOLS: Readonly<Symbols> = {
	default: '★',
	pointer: '❯',
	ok: '✓',
	fail: '✗',
	warn: '⚠',
	info: '•',
	ellipsis: '…',
	dash: '—',
	dot: '·',
	arrow: '→',
	child: '↳',
	times: '×',
	flag: '⚑',
	secret: '•',
	noAccess: '⊘',
	wait: '⧗',
	up: '↑',
	down: '↓',
	enDash: '–',
	quoteOpen: '“',
	quoteClose: '”',
	marked: '●',
	saved: '◆',
	caret: '▏',
	border: 'round',
};

export const ASCII_SYMBOLS: Readonly<Symbols> = {
	default: '*',
	pointer: '>',
	ok: 'ok',
	fail: 'x',
	warn: '!',
	info: '-',
	ellipsis: '...',
	dash: '-',
	dot: '-',
	arrow: '->',
	child: '-',
	times: 'x',
	flag: '!',
	secret: '*',
	noAccess: 'x',
	wait: '~',
	up: 'Up',
	down: 'Down',
	enDash: '-',
	quoteOpen: '"',
	quoteClose: '"',
	marked: '*',
	saved: '+',
	caret: '|',
	border: 'classic',
};

/**
 * Whether the terminal's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is
 * set decides, as for any C program. With none set the terminal is taken to be UTF-8 (as nearly
 * all are); an explicit C, POSIX or other non-UTF-8 locale gets ASCII.
 */
export function localeIsUtf8(env: Readonly<Record<string, string | undefined>>): boolean {
	const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find(value => value !== undefined && value !== '');
	return locale === undefined || /utf-?8/i.test(locale);
}

/** The symbols in use: the Unicode set unless chooseSymbols chose ASCII. */
export const symbols: Symbols = {...UNICODE_SYMBOLS};

/** Chooses the symbol set for this process from its environment. */
export function chooseSymbols(env: Readonly<Record<string, string | undefined>>): void {
	Object.assign(symbols, localeIsUtf8(env) ? UNICODE_SYMBOLS : ASCII_SYMBOLS);
}

/** Each Unicode symbol and its ASCII form, for text written with the symbols in it. */
const TRANSLITERATIONS: ReadonlyArray<[string, string]> = [
	['•', '*'],
	['✔', 'ok'],
	['✖', 'x'],
	...(Object.keys(UNICODE_SYMBOLS) as Array<keyof Symbols>)
		.filter(key => key !== 'border')
		.map(key => [UNICODE_SYMBOLS[key], ASCII_SYMBOLS[key]] as [string, string]),
];
const ASCII_OF = new Map(TRANSLITERATIONS.filter(([from], index) => TRANSLITERATIONS.findIndex(([other]) => other === from) === index));
const ANY_SYMBOL = new RegExp(`[${[...ASCII_OF.keys()].join('')}]`, 'gu');

/** `text` with the symbols in their ASCII forms when the ASCII set is in use; else as it is. */
export function inSymbols(text: string): string {
	return symbols.ok === UNICODE_SYMBOLS.ok ? text : text.replace(ANY_SYMBOL, symbol => ASCII_OF.get(symbol) ?? symbol);
}
