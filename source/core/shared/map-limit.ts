/**
 * Maps `items` through `fn` with at most `limit` calls running at once. Results keep the order of
 * `items`. The first rejection rejects the whole call, and no new items are started after it.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (!failed && next < items.length) {
			const index = next++;
			try {
				results[index] = await fn(items[index] as T, index);
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	await Promise.all(Array.from({length: workers}, worker));
	return results;
}
