/**
 * Counts and randomness for the reliability suite. `RELIABILITY_FULL=1` selects the full counts
 * (`npm run test:reliability:full`); the default counts keep the suite fast enough for CI.
 * Generated cases come from a seeded PRNG: `RELIABILITY_SEED=<n>` replays a run.
 */
export const FULL = process.env['RELIABILITY_FULL'] === '1';

/** The CI count, or the full count with RELIABILITY_FULL=1. */
export const count = (ci: number, full: number): number => (FULL ? full : ci);

/** Prints one figure line; the README's reliability section quotes these. `scaled`: the count depends on the mode. */
export function figure(text: string, scaled = true): void {
	console.log(`reliability: ${text}${scaled && !FULL ? ' (CI counts; RELIABILITY_FULL=1 for the full run)' : ''}`);
}

export interface Random {
	readonly seed: number;
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [0, n). */
	int(n: number): number;
	/** An integer in [min, max]. */
	between(min: number, max: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	bytes(n: number): Buffer;
	shuffle<T>(items: T[]): T[];
}

/** mulberry32: small, fast and good enough to generate test cases. */
export function random(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	return {
		seed,
		next,
		int,
		between: (min, max) => min + int(max - min + 1),
		chance: p => next() < p,
		pick: items => items[int(items.length)]!,
		bytes: n => {
			const buffer = Buffer.alloc(n);
			for (let i = 0; i < n; i++) buffer[i] = int(256);
			return buffer;
		},
		shuffle: items => {
			for (let i = items.length - 1; i > 0; i--) {
				const j = int(i + 1);
				[items[i], items[j]] = [items[j]!, items[i]!];
			}
			return items;
		},
	};
}

/** The seed for one test: RELIABILITY_SEED when set, else a fixed one per test (reproducible CI). */
export function seedFor(name: string): number {
	const given = process.env['RELIABILITY_SEED'];
	if (given !== undefined && given !== '') return Number.parseInt(given, 10) >>> 0;
	let hash = 2166136261;
	for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
	return hash >>> 0;
}
