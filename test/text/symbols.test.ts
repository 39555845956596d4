import {afterEach, describe, expect, it} from 'vitest';
import {ASCII_SYMBOLS, localeIsUtf8, symbols, UNICODE_SYMBOLS, chooseSymbols} from '../../source/text/symbols.js';

afterEach(() => chooseSymbols({LANG: 'C.UTF-8'}));

describe('symbols', () => {
	it('the first of LC_ALL, LC_CTYPE and LANG that is set decides whether the terminal takes UTF-8', () => {
		expect(localeIsUtf8({LANG: 'en_US.UTF-8'})).toBe(true);
		expect(localeIsUtf8({LANG: 'C.utf8'})).toBe(true);
		expect(localeIsUtf8({LANG: 'C'})).toBe(false);
		expect(localeIsUtf8({LC_ALL: 'C', LANG: 'en_US.UTF-8'})).toBe(false);
		expect(localeIsUtf8({LC_ALL: 'POSIX'})).toBe(false);
		expect(localeIsUtf8({LC_CTYPE: 'en_US.ISO-8859-1', LANG: 'en_US.UTF-8'})).toBe(false);
		expect(localeIsUtf8({LC_ALL: '', LC_CTYPE: 'de_DE.UTF-8', LANG: 'C'})).toBe(true);
		expect(localeIsUtf8({})).toBe(true);
	});

	it('ASCII forms are plain ASCII and keep the marks apart', () => {
		for (const value of Object.values(ASCII_SYMBOLS)) expect(value).toMatch(/^[\u0020-\u007E]+$/);
		expect(new Set([ASCII_SYMBOLS.default, ASCII_SYMBOLS.ok, ASCII_SYMBOLS.fail, ASCII_SYMBOLS.warn, ASCII_SYMBOLS.pointer]).size).toBe(5);
		chooseSymbols({LANG: 'C'});
		expect(symbols).toEqual(ASCII_SYMBOLS);
		chooseSymbols({LANG: 'en_GB.UTF-8'});
		expect(symbols).toEqual(UNICODE_SYMBOLS);
	});
});
