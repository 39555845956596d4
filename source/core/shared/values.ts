/** A JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of parsed JSON, ignoring the order of object keys (ntn's order is random). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (isRecord(a) && isRecord(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every(key => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
	}
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
	return a === b;
}

export const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));
