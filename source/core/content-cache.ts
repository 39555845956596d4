import fs from 'node:fs/promises';
import path from 'node:path';
import type {CoreContext} from './context.js';
import {envValue} from './environment.js';
import {parseJsonBytes, readFileBytes, removeStaleTempFiles, replaceOwnFile} from './json-file.js';
import {crypto} from './lazy-crypto.js';
import {validateAuth, validateWorkspaces} from './ntn-files.js';
import type {Snapshot, SnapshotBase} from './snapshot.js';
import {FileTokenStore} from './token-store.js';

/**
 * `status`, `workspaces` and the UI's first screen run often (a shell prompt may run `status` on
 * every line), and with thousands of workspaces most of their time goes to parsing and checking
 * workspaces.json and auth.json. So what they find there is remembered in notion-tokens' state
 * dir under a SHA-256 of everything it depends on: what was asked, the config dir, the store,
 * config.json's content, whether NOTION_API_TOKEN is set, and the exact bytes of both files. Same
 * bytes, same answer: nothing is parsed. Content decides, not modification times, so a file
 * rewritten in place within one clock tick is never mistaken for the old one.
 *
 * Only big files are remembered (from `rememberFromBytes`, ~1,000 workspaces: smaller ones parse
 * faster than the cache answers), only with the file store (the keychain's tokens cannot be
 * hashed without reading them), only when config.json reads cleanly and both files parse, and
 * never what is read live: file modes and environment overrides. Nothing remembered holds a token: tokens appear masked
 * (first 4 and last 4 characters) as everywhere else, and in a hash over bytes that include them.
 * A missing or damaged cache is rebuilt; failing to read or write one is never an error.
 */

export interface CacheKind<T> {
	/** The file in the state dir. */
	file: string;
	/** How many answers the file keeps (the most recent first). */
	keep: number;
	/** What was asked (part of the key). */
	question: unknown;
	/** The stored form of an answer. */
	encode(value: T): unknown;
	/** An answer from its stored form; undefined when it is not one (a damaged cache). */
	decode(stored: unknown): T | undefined;
}

export interface ContentCache<T> {
	/** The answer remembered for exactly these inputs, if any (never for files under `rememberFromBytes`). */
	readonly remembered: T | undefined;
	/**
	 * The snapshot of exactly the bytes the key was made from, or undefined when either file does
	 * not parse (the normal reads then report it, and nothing is remembered).
	 */
	snapshot(): Snapshot | undefined;
	/** Remembers the answer made from `snapshot()` (nothing, for small files). */
	remember(value: T): Promise<void>;
}

/** Part of every key: raise it whenever what is remembered, or how an answer is made, changes. */
const VERSION = 1;

export async function openContentCache<T>(ctx: CoreContext, base: SnapshotBase, kind: CacheKind<T>): Promise<ContentCache<T> | undefined> {
	if (base.store.info.kind !== 'file' || base.configError) return undefined;
	let file: string;
	let workspaces: Buffer | null;
	let auth: Buffer | null;
	try {
		file = path.join(path.dirname(ctx.state().path), kind.file);
		[workspaces, auth] = await Promise.all([readFileBytes(base.paths.workspaces), readFileBytes(base.paths.auth)]);
	} catch {
		return undefined;
	}
	const snapshot = () => snapshotOf(base, workspaces, auth);
	// Small files parse faster than the cache answers (hashing needs node:crypto, ~2 ms to load):
	// their bytes, already read, are only parsed.
	if ((workspaces?.length ?? 0) + (auth?.length ?? 0) < ctx.rememberFromBytes) return {remembered: undefined, snapshot, remember: async () => {}};
	const hash = crypto().createHash('sha256');
	const asked = [kind.file, VERSION, kind.question, base.configDir, base.store.info, base.config ?? null, base.keyringFalseInConfig, envValue(ctx.env, 'NOTION_API_TOKEN') !== undefined, envValue(ctx.env, 'NOTION_WORKSPACE_ID') ?? null];
	hash.update(`${JSON.stringify(asked)}\n`);
	for (const bytes of [workspaces, auth]) {
		hash.update(bytes === null ? 'absent\n' : `${bytes.length}\n`);
		if (bytes !== null) hash.update(bytes);
	}
	const key = hash.digest('hex');
	// A cache write cut short by a killed process leaves its temp file: removed here, on every run.
	const [entries] = await Promise.all([readEntries(file), removeStaleTempFiles(path.dirname(file))]);
	const stored = entries.find(entry => entry.key === key);

	return {
		remembered: stored === undefined ? undefined : kind.decode(stored.value),
		snapshot,
		async remember(value) {
			const kept = [{key, value: kind.encode(value)}, ...entries.filter(entry => entry.key !== key)].slice(0, kind.keep);
			await replaceOwnFile(file, JSON.stringify({version: VERSION, entries: kept})).catch(() => undefined);
		},
	};
}

/** The snapshot of exactly these bytes, or undefined when either file does not parse. */
function snapshotOf(base: SnapshotBase, workspaces: Buffer | null, auth: Buffer | null): Snapshot | undefined {
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
}

async function readEntries(file: string): Promise<Array<{key: string; value: unknown}>> {
	try {
		const cache = JSON.parse(await fs.readFile(file, 'utf8')) as {version?: unknown; entries?: unknown};
		if (cache.version !== VERSION || !Array.isArray(cache.entries)) return [];
		return cache.entries.filter((entry: {key?: unknown} | null): entry is {key: string; value: unknown} => typeof entry?.key === 'string');
	} catch {
		return [];
	}
}
