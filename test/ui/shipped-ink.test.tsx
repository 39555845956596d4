/**
 * The UI tests render with the Ink that ships: the changes the bundle makes to Ink and yoga
 * (scripts/ink-plugins.mjs) apply here too. Ink and yoga are loaded only after the spies are set.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';

const dev = process.env['DEV'];
afterEach(() => {
	if (dev === undefined) delete process.env['DEV'];
	else process.env['DEV'] = dev;
	vi.restoreAllMocks();
});

describe('the Ink the UI tests render with', () => {
	it('is the shipped one: yoga loads without fetch, and DEV=true connects no devtools', async () => {
		process.env['DEV'] = 'true';
		const fetch = vi.spyOn(globalThis, 'fetch');
		const warn = vi.spyOn(console, 'warn');
		const {renderApp} = await import('./helpers/render-app.js');
		const {seedUiHome, uuid} = await import('./helpers/seed.js');
		const {core} = await seedUiHome({environments: {prod: [[uuid('a'), 'Alpha']]}, defaults: {prod: uuid('a')}});
		await renderApp(core).waitFor('❯ ★ Alpha');
		expect(fetch).not.toHaveBeenCalled();
		expect(warn.mock.calls.flat().join('\n')).not.toMatch(/devtools/i);
	});
});

describe('the string-width the UI measures with', () => {
	it('remembers widths without changing any: the same answers as string-width itself, with and without options, twice', async () => {
		const {default: remembered} = await import('string-width');
		const {createRequire} = await import('node:module');
		// Loaded by Node itself, outside the test's module graph: string-width as published.
		const published = (createRequire(import.meta.url)('string-width') as {default: typeof remembered}).default;
		expect(remembered).not.toBe(published);
		const samples = [
			'plain',
			'❯ ★ Alpha',
			'⚠ 3 tokens',
			'日本語のワークスペース',
			'e\u0301te\u0301',
			'👩‍👩‍👧 family',
			'🇫🇷',
			'🇫',
			'👍🏽',
			'#\uFE0F\u20E3',
			'1\u20E3',
			'☺\uFE0F',
			'\u001B[31mred\u001B[39m',
			'±½',
			'',
			' ',
		];
		for (const round of [1, 2]) {
			for (const text of samples) {
				expect(remembered(text), `${text} (round ${round})`).toBe(published(text));
				expect(remembered(text, {ambiguousIsNarrow: false})).toBe(published(text, {ambiguousIsNarrow: false}));
				expect(remembered(text, {countAnsiEscapeCodes: true})).toBe(published(text, {countAnsiEscapeCodes: true}));
			}
		}
	});

	it('gives single code points the width string-width gives them (one-code-point graphemes skip the RGI_Emoji regex)', async () => {
		const {default: remembered} = await import('string-width');
		const {createRequire} = await import('node:module');
		const published = (createRequire(import.meta.url)('string-width') as {default: typeof remembered}).default;
		// Every code point with an emoji property (where the two tests could disagree), and a spread of all others.
		const emojiLike = /[\p{Emoji}\p{Emoji_Presentation}\p{Extended_Pictographic}\p{Emoji_Component}]/u;
		const differ: string[] = [];
		let checked = 0;
		for (let codePoint = 0x80; codePoint <= 0x10ffff; codePoint++) {
			if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
			const character = String.fromCodePoint(codePoint);
			if (!emojiLike.test(character) && codePoint % 61 !== 0) continue;
			checked++;
			// Options bypass the remembered widths: each call measures.
			if (remembered(`a${character}`, {}) !== published(`a${character}`)) differ.push(codePoint.toString(16));
		}
		expect(checked).toBeGreaterThan(18_000);
		expect(differ).toEqual([]);
	});
});
