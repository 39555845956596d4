/** A large block of workspace entries (about 100 bytes each): writes of it take measurable time. */
export function bigEntries(n: number): Record<string, {id: string; name: string}> {
	const entries: Record<string, {id: string; name: string}> = {};
	for (let i = 0; i < n; i++) {
		const id = `bbbbbbbb-${String(i % 10000).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`;
		entries[id] = {id, name: `Big workspace number ${i}`};
	}
	return entries;
}
