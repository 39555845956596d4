import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types.
import {widthShortcut} from '../../scripts/ink-plugins.mjs';

/**
 * The bundle measures text (for Ink's layout and output) with a shortcut in front of string-width.
 * Whenever the shortcut answers, it must answer exactly what string-width does.
 */
const summedWidth = widthShortcut(stringWidth) as (text: string) => number;

const sgr = (codes: string) => `\u001B[${codes}m`;

describe('the text-width shortcut in the bundle', () => {
	it('answers the screens\u2019 text, colour codes included, as string-width does', () => {
		const samples = [
			'notion-tokens · env prod · /home/me/.config/notion · keychain',
			`${sgr('1')}${sgr('36')}❯ ${sgr('39')}${sgr('22')}${sgr('33')}★ ${sgr('39')}Acme 000000  ${sgr('90')}00000000${sgr('39')} ${sgr('32')}✓ token  ${sgr('39')} file      2027-11-23`,
			`${sgr('33')}⚠ 1 token expired or expiring within 30 days · press 3${sgr('39')}`,
			`${sgr('31')}✗2026-11-18${sgr('39')} ${sgr('90')}—          ${sgr('39')}`,
			`${sgr('1')}Enter${sgr('22')}${sgr('90')} default${sgr('39')}  ${sgr('1')}q${sgr('22')}${sgr('90')} quit${sgr('39')}`,
			`ntn.…1LH- ${sgr('38;5;246')}•${sgr('0')} ✔ ✖ ↩ ☑ ✳ ${sgr('')}`,
		];
		for (const text of samples) {
			expect(summedWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
			expect(summedWidth(text), JSON.stringify(text)).toBeGreaterThan(0);
		}
	});

	it('agrees with string-width on every BMP character up to U+2BFF, alone and between others', () => {
		let answered = 0;
		for (let code = 0x20; code <= 0x2bff; code++) {
			const char = String.fromCharCode(code);
			for (const text of [char, `a${char}b`, `${sgr('1')}${char}${sgr('22')}${char}`]) {
				const width = summedWidth(text);
				if (width === -1) continue;
				answered++;
				expect(width, `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(stringWidth(text));
			}
		}
		expect(answered).toBeGreaterThan(10_000);
	});

	it('leaves to string-width what it cannot be sure of', () => {
		for (const text of ['⚠\uFE0F', '👍', 'e\u0301', '한국어', '\u001B[12345mx', '\u001B[;5mx', '\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007', '\u001B[1', '\u009B1m', 'a\u200Db']) {
			expect(summedWidth(text), JSON.stringify(text)).toBe(-1);
		}
	});
});
