/** Edit distance (insertions, deletions, substitutions and swaps of neighbours). */
function distance(a: string, b: string): number {
	const rows = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = best;
		}
	}
	return rows[a.length]![b.length]!;
}

/** The closest of `candidates` to a mistyped `word`, when it is close enough to be meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	let best: {candidate: string; score: number} | undefined;
	for (const candidate of candidates) {
		const score = candidate.startsWith(word) && word.length >= 3 ? 0.5 : distance(word.toLowerCase(), candidate.toLowerCase());
		if (best === undefined || score < best.score) best = {candidate, score};
	}
	if (!best) return undefined;
	return best.score <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** ` Did you mean status?` or nothing. */
export const didYouMean = (word: string, candidates: readonly string[]): string => {
	const match = closest(word, candidates);
	return match ? `; did you mean ${match}?` : '';
};
