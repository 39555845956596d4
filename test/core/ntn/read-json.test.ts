import {describe, expect, it} from 'vitest';
import {parseJsonBytes, type Validate} from '../../../source/core/ntn/read-json.js';

/** A small seeded generator: the same texts on every run. */
function random(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state % below;
	};
}

// Keys and strings that look like JSON syntax: quotes, colons, commas, braces, escapes.
const WORDS = ['', 'a', 'name', ':', '":"', 'a":"b', '\\', '\\"', '",', '{', '}', '[', ']', 'é', '🇫🇷', ' :', 'x\\\\', '\u2028'];

type Value = string | number | boolean | null | Value[] | Array<[string, Value]> | {entries: Array<[string, Value]>};

/** JSON text of `value` with random spacing; objects are lists of entries, so keys can repeat. */
function text(value: Value, pick: (below: number) => number): string {
	const space = () => [' ', '', '\n  ', '\t', ''][pick(5)]!;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return `{${value.entries.map(([key, item]) => `${space()}${JSON.stringify(key)}${space()}:${space()}${text(item, pick)}`).join(',')}${space()}}`;
	}
	if (Array.isArray(value)) return `[${value.map(item => `${space()}${text(item as Value, pick)}`).join(',')}]`;
	return JSON.stringify(value);
}

/** A random value; `repeats` learns whether an object of it names a key twice. */
function generate(pick: (below: number) => number, depth: number, repeats: {found: boolean}): Value {
	const kind = depth > 3 ? pick(3) : pick(6);
	if (kind === 0) return WORDS[pick(WORDS.length)]!;
	if (kind === 1) return pick(2) ? pick(1000) : pick(2) === 0 ? null : true;
	if (kind === 2) return `${WORDS[pick(WORDS.length)]}${WORDS[pick(WORDS.length)]}`;
	if (kind === 3) return Array.from({length: pick(4)}, () => generate(pick, depth + 1, repeats));
	const entries: Array<[string, Value]> = [];
	for (let count = pick(5); count > 0; count--) {
		const key = pick(3) === 0 ? `${WORDS[pick(WORDS.length)]}${WORDS[pick(WORDS.length)]}` : WORDS[pick(WORDS.length)]!;
		if (entries.some(([known]) => known === key)) repeats.found = true;
		entries.push([key, generate(pick, depth + 1, repeats)]);
	}
	return {entries};
}

const anyShape = ((value: unknown) => value) as Validate<unknown>;

describe('a repeated key is found wherever it is, and only then', () => {
	it('in 3,000 generated texts whose keys and strings hold quotes, colons, escapes and brackets', () => {
		const pick = random(20_261_203);
		let repeated = 0;
		for (let round = 0; round < 3000; round++) {
			const repeats = {found: false};
			const value: Value = {entries: [['top', generate(pick, 0, repeats)]]};
			const json = text(value, pick);
			const parse = () => parseJsonBytes(Buffer.from(json), '/tmp/x.json', anyShape);
			if (repeats.found) {
				repeated++;
				expect(parse, json).toThrow(/duplicate key/);
			} else {
				expect(parse, json).not.toThrow();
			}
		}
		// Both kinds were tried, many times.
		expect(repeated).toBeGreaterThan(100);
		expect(repeated).toBeLessThan(2700);
	});
});
