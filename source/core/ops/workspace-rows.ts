import {NotionTokensError, EXIT} from '../shared/errors.js';
import type {StoreKind, TokenPresence, WorkspaceRow} from '../shared/types.js';
import type {WorkspaceEntry} from '../ntn/files.js';
export {MISSING, presenceOf} from '../ntn/token-presence.js';

export interface CachedEntry {
	environment: string;
	key: string;
	entry: WorkspaceEntry;
}

export function toRow(cached: CachedEntry, defaults: Record<string, string>, token: TokenPresence, storage: StoreKind): WorkspaceRow {
	return {
		id: cached.entry.id,
		name: cached.entry.name,
		environment: cached.environment,
		isDefault: defaults[cached.environment] === cached.entry.id,
		token,
		storage,
	};
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** ntn's picker order: by name in byte (UTF-8) order; then environment and id for a stable list. */
export function sortLikeNtn<T extends {name: string; environment: string; id: string}>(rows: T[]): T[] {
	const byEnvAndId = (a: T, b: T) => (a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	// Without surrogates (characters beyond U+FFFF), UTF-16 order is UTF-8 byte order: compare strings, no Buffers.
	if (!rows.some(row => SURROGATE.test(row.name))) {
		return [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || byEnvAndId(a, b));
	}
	const keyed = rows.map(row => ({row, name: Buffer.from(row.name)}));
	keyed.sort((a, b) => Buffer.compare(a.name, b.name) || byEnvAndId(a.row, b.row));
	return keyed.map(item => item.row);
}

/**
 * Finds one cached workspace by exact id, exact name, case-insensitive name or unique id prefix
 * (at least 4 characters). No match or several matches is an error that lists what there is.
 */
export function findWorkspace(entries: CachedEntry[], query: string, environment: string): CachedEntry {
	const rules: Array<(row: CachedEntry) => boolean> = [
		row => row.entry.id === query,
		row => row.entry.name === query,
		row => row.entry.name.toLowerCase() === query.toLowerCase(),
		row => query.length >= 4 && row.entry.id.startsWith(query),
	];
	for (const rule of rules) {
		const matches = entries.filter(rule);
		if (matches.length === 1) return matches[0]!;
		if (matches.length > 1) {
			throw new NotionTokensError(
				'ambiguous-workspace',
				`'${query}' matches ${matches.length} workspaces in ${environment}: ${matches.map(row => `${row.entry.name} (${row.entry.id})`).join(', ')}`,
				{fix: 'Name the workspace by its full id.', exitCode: EXIT.usage},
			);
		}
	}
	const known = sortLikeNtn(entries.map(row => ({...row, name: row.entry.name, id: row.entry.id})));
	throw new NotionTokensError(
		'unknown-workspace',
		`No cached workspace in ${environment} matches '${query}'` +
			(known.length > 0
				? `; known: ${known
						.slice(0, 10)
						.map(row => row.name)
						.join(', ')}${known.length > 10 ? ', …' : ''}`
				: ''),
		{fix: known.length > 0 ? 'Run `notion-tokens workspaces` to list them, or `ntn login` to add one.' : 'Run `ntn login` to add a workspace.'},
	);
}
