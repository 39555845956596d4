// Small statistics over samples in milliseconds.

const sorted = samples => [...samples].sort((a, b) => a - b);

/** The value below which `p` (0–1) of the samples fall (nearest rank). */
export function percentile(samples, p) {
	if (samples.length === 0) return Number.NaN;
	const values = sorted(samples);
	const rank = Math.ceil(p * values.length);
	return values[Math.min(values.length, Math.max(1, rank)) - 1];
}

export function median(samples) {
	if (samples.length === 0) return Number.NaN;
	const values = sorted(samples);
	const middle = values.length >> 1;
	return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

export const summary = samples => ({
	runs: samples.length,
	median: median(samples),
	p95: percentile(samples, 0.95),
	min: Math.min(...samples),
	max: Math.max(...samples),
});

export const round = (value, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
