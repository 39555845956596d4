import fs from 'node:fs/promises';
import path from 'node:path';
import type {CoreContext} from './context.js';
import {envValue} from './environment.js';
import {parseJsonBytes, readFileBytes, replaceOwnFile} from './json-file.js';
import {crypto} from './lazy-crypto.js';
import {validateAuth, validateWorkspaces} from './ntn-files.js';
import type {Snapshot, SnapshotBase} from './snapshot.js';
import {FileTokenStore} from './token-store.js';
import type {Environment, StatusReport} from './types.js';

/**
 * `status` is made to run often (in a shell prompt, on every line), and with thousands of
 * workspaces most of its time goes to parsing workspaces.json and auth.json. So its report is
 * remembered in `status-cache.json` next to state.json, under a SHA-256 of everything the report
 * depends on: the environment, the config dir, the store, config.json's content, whether
 * NOTION_API_TOKEN is set, and the exact bytes of both files. Same bytes, same report: nothing is
 * parsed. Content decides, not modification times, so a file rewritten in place within one clock
 * tick is never mistaken for the old one.
 *
 * Only the file store is remembered (the keychain's tokens cannot be hashed without reading
 * them), only when config.json reads cleanly and both files parse, and never what `status` reads
 * live: file modes and environment overrides. The cache holds no token, only a hash over bytes
 * that include them. A missing or damaged cache is rebuilt; failing to read or write it is never
 * an error.
 */

/** The report without the parts `status` always reads live. */
export type RememberedStatus = Omit<StatusReport, 'overrides'>;

export const STATUS_CACHE_FILE = 'status-cache.json';
const VERSION = 1;
/** Reports kept: one per environment and store a person switches between is plenty. */
const KEEP = 8;

interface Entry {
	key: string;
	report: RememberedStatus;
}

export interface StatusCache {
	/** The report remembered for exactly these inputs, if any. */
	readonly remembered: RememberedStatus | undefined;
	/**
	 * The snapshot of the bytes the key was made from, or undefined when either file does not parse
	 * (the normal reads then report it, and nothing is remembered).
	 */
	snapshot(): Snapshot | undefined;
	/** Remembers the report made from `snapshot()`. */
	remember(report: RememberedStatus): Promise<void>;
}

export async function openStatusCache(ctx: CoreContext, base: SnapshotBase, environment: Environment): Promise<StatusCache | undefined> {
	if (base.store.info.kind !== 'file' || base.configError) return undefined;
	let file: string;
	let workspaces: Buffer | null;
	let auth: Buffer | null;
	try {
		file = path.join(path.dirname(ctx.state().path), STATUS_CACHE_FILE);
		[workspaces, auth] = await Promise.all([readFileBytes(base.paths.workspaces), readFileBytes(base.paths.auth)]);
	} catch {
		return undefined;
	}
	const hash = crypto().createHash('sha256');
	hash.update(`notion-tokens status ${VERSION}\n`);
	hash.update(`${JSON.stringify([environment, base.configDir, base.store.info, base.config ?? null, base.keyringFalseInConfig, envValue(ctx.env, 'NOTION_API_TOKEN') !== undefined])}\n`);
	for (const bytes of [workspaces, auth]) {
		hash.update(bytes === null ? 'absent\n' : `${bytes.length}\n`);
		if (bytes !== null) hash.update(bytes);
	}
	const key = hash.digest('hex');
	const entries = await readEntries(file);

	return {
		remembered: entries.find(entry => entry.key === key)?.report,
		snapshot() {
			try {
				return {
					...base,
					workspaces: workspaces === null ? undefined : parseJsonBytes(workspaces, base.paths.workspaces, validateWorkspaces),
					workspacesError: undefined,
					store: new FileTokenStore(base.paths, base.store.info.reason, auth === null ? {} : parseJsonBytes(auth, base.paths.auth, validateAuth)),
				};
			} catch {
				return undefined;
			}
		},
		async remember(report) {
			const kept = [{key, report}, ...entries.filter(entry => entry.key !== key)].slice(0, KEEP);
			await replaceOwnFile(file, JSON.stringify({version: VERSION, entries: kept})).catch(() => undefined);
		},
	};
}

async function readEntries(file: string): Promise<Entry[]> {
	try {
		const cache = JSON.parse(await fs.readFile(file, 'utf8')) as {version?: unknown; entries?: unknown};
		if (cache.version !== VERSION || !Array.isArray(cache.entries)) return [];
		return cache.entries.filter(
			(entry: Partial<Entry> | null): entry is Entry =>
				typeof entry?.key === 'string' && typeof entry.report?.workspaceCount === 'number' && Array.isArray(entry.report.problems),
		);
	} catch {
		return [];
	}
}
