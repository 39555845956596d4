import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {chooseSymbols} from '../../source/text/symbols.js';
import {fit, padEnd, textWidth, truncate} from '../../source/text/width.js';

/** Samples with the width a terminal (and Ink, through string-width) gives them. */
const SAMPLES: Array<[string, number]> = [
	['Acme', 4],
	['設計チーム', 10],
	['Émile', 5],
	['e\u0301', 1],
	['🚀 Launch', 9],
	['👍🏽', 2],
	['👨‍👩‍👧', 2],
	['🇫🇷', 2],
	['🇯🇵 Tokyo', 8],
	['⚠️', 2],
	['⚠', 1],
	['1️⃣', 2],
	['#️⃣', 2],
	['\u1100\u1161', 2],
	['\u1100\u1161\u11A8', 2],
	['한국어', 6],
	['ｆｕｌｌ', 8],
	['Ｘ', 2],
	['a\u200Bb', 2],
];

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)].map(part => part.segment);

afterEach(() => chooseSymbols({LANG: 'C.UTF-8'}));

describe('text width', () => {
	it('agrees with string-width (what Ink lays out with) on emoji, flags, keycaps, jamo and CJK', () => {
		for (const [text, width] of SAMPLES) {
			expect(textWidth(text), text).toBe(width);
			expect(textWidth(text), text).toBe(stringWidth(text));
		}
	});

	it('cuts with … and never inside a grapheme; fit pads to exactly the width', () => {
		expect(fit('Acme', 6)).toBe('Acme  ');
		expect(fit('Engineering Wiki', 8)).toBe('Enginee…');
		expect(fit('設計チーム', 6)).toBe('設計… ');
		expect(fit('x', 0)).toBe('');
		expect(truncate('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 5)).toBe('👨‍👩‍👧👨‍👩‍👧…');
		expect(truncate('🇫🇷🇩🇪🇮🇹', 4)).toBe('🇫🇷…');
		expect(truncate('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
		for (const [text] of SAMPLES) {
			for (let width = 0; width <= textWidth(text) + 1; width++) {
				const cut = truncate(text, width);
				expect(textWidth(cut), `${text} in ${width}`).toBeLessThanOrEqual(width);
				expect(textWidth(fit(text, width)), `${text} in ${width}`).toBe(width);
				// Every grapheme kept is a whole grapheme of the original.
				const kept = graphemes(cut.endsWith('…') ? cut.slice(0, -1) : cut);
				expect(graphemes(text).slice(0, kept.length), `${text} in ${width}`).toEqual(kept);
			}
		}
		expect(padEnd('設計', 6)).toBe('設計  ');
		expect(padEnd('too long', 3)).toBe('too long');
	});

	it('cuts a sanitised form: a control in a name is never cut in half nor counted as nothing', () => {
		expect(fit('a\u001B]0;PWNED\u0007b', 8)).toBe('a\\x1b]0…');
		expect(textWidth('a\u001Bb')).toBe(6);
	});

	it('under a non-UTF-8 locale the ellipsis is ...', () => {
		chooseSymbols({LANG: 'C'});
		expect(truncate('Engineering Wiki', 8)).toBe('Engin...');
		expect(fit('Acme Corporation', 2)).toBe('Ac');
	});
});
