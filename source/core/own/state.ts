import {constants as fsConstants} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {NotionTokensError} from '../shared/errors.js';
import {crypto} from '../shared/lazy-crypto.js';
import {isRecord} from '../shared/values.js';
import {isRunning, withLock} from './lock.js';
import {makePrivateDir} from './state-dir.js';

export {resolveStateDir} from './state-dir.js';

/**
 * notion-tokens' own state — previous defaults, preferences, facts cached from Notion, the saved
 * tokens' labels, dates and notes (never the tokens) — in its own
 * file, never in ntn's: `state.json` in the state dir (see state-dir.ts). It holds no token.
 * Every change is a read-modify-write under the state dir's lock (lock.ts), written to a temp file
 * (0600, synced) renamed over the file, in a dir created 0700.
 */
export interface StateStore {
	readonly path: string;
	/** The lock that serialises changes to ntn's files and to this state between processes. */
	readonly lockFile: string;
	/** The whole state as it is on disk now: one read of the file. */
	read(): Promise<Record<string, unknown>>;
	get<T>(key: string): Promise<T | undefined>;
	update<T>(key: string, change: (current: T | undefined) => T): Promise<T>;
	/** Runs `run` holding the lock (re-entrant within this process). */
	locked<T>(run: () => Promise<T>): Promise<T>;
}

export interface StateOptions {
	/** Paths this store must never create (they decide ntn's config dir). */
	forbidden?: ReadonlySet<string>;
	/** Where earlier versions kept the state: moved from there on first use. */
	legacyDir?: string;
}

const TEMP = /^\.state\.json\.\d+-[0-9a-f]+\.tmp$/;
/** Earlier versions' files beside the state: answer caches and conf's temp files. */
const RETIRED = /^(status-cache\.json|inventory-cache\.json|state\.json\.tmp-\d{10}[0-9a-f]{6})$/;

export function createStateStore(dir: string, options: StateOptions = {}): StateStore {
	const file = path.join(dir, 'state.json');
	const lockFile = path.join(dir, 'lock');
	const forbidden = options.forbidden ?? new Set<string>();
	let moved: Promise<void> | undefined;
	const ready = () => (moved ??= moveLegacy(options.legacyDir, dir, forbidden).then(() => removeLeftovers(dir)));
	const store: StateStore = {
		path: file,
		lockFile,
		async read() {
			await ready();
			return readState(file);
		},
		async get(key) {
			const all = await store.read();
			return Object.hasOwn(all, key) ? (all[key] as never) : undefined;
		},
		async update(key, change) {
			await ready();
			await makePrivateDir(dir, forbidden).catch(error => Promise.reject(writeFailure(file, error)));
			return store.locked(async () => {
				const all = await readState(file);
				const next = change((Object.hasOwn(all, key) ? all[key] : undefined) as never);
				await writeState(file, {...all, [key]: next});
				return next;
			});
		},
		async locked(run) {
			await makePrivateDir(dir, forbidden).catch(error => Promise.reject(writeFailure(file, error)));
			return withLock(lockFile, run);
		},
	};
	return store;
}

/** The state on disk; a missing file is empty. Anything but a regular file of JSON is refused at once. */
async function readState(file: string): Promise<Record<string, unknown>> {
	let handle: fs.FileHandle;
	try {
		// O_NONBLOCK: a FIFO at the path must not wait for a writer.
		handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw stateFailure(file, (error as NodeJS.ErrnoException).code ?? 'unreadable');
	}
	try {
		const stat = await handle.stat();
		if (!stat.isFile()) throw stateFailure(file, 'it is not a regular file');
		const text = await handle.readFile('utf8');
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			// JSON.parse's message quotes the text near the error: never shown.
			throw stateFailure(file, text.trim() === '' ? 'the file is empty' : 'it is not valid JSON');
		}
		if (!isRecord(value)) throw stateFailure(file, 'it does not hold a JSON object');
		return value;
	} catch (error) {
		if (error instanceof NotionTokensError) throw error;
		throw stateFailure(file, (error as NodeJS.ErrnoException).code ?? 'unreadable');
	} finally {
		await handle.close();
	}
}

async function writeState(file: string, value: Record<string, unknown>): Promise<void> {
	const temp = path.join(path.dirname(file), `.state.json.${process.pid}-${crypto().randomBytes(6).toString('hex')}.tmp`);
	try {
		const handle = await fs.open(temp, 'wx', 0o600);
		try {
			await handle.writeFile(`${JSON.stringify(value)}\n`);
			await handle.chmod(0o600);
			await handle.sync();
		} finally {
			await handle.close();
		}
		await fs.rename(temp, file);
	} catch (error) {
		await fs.rm(temp, {force: true}).catch(() => undefined);
		throw writeFailure(file, error);
	}
}

/** Temp files of writes a killed process never finished (its pid runs no more), and earlier versions' files. */
async function removeLeftovers(dir: string): Promise<void> {
	const names = await fs.readdir(dir).catch(() => [] as string[]);
	await Promise.all(
		names
			.filter(name => RETIRED.test(name) || TEMP.test(name))
			.map(async name => {
				const pid = /^\.state\.json\.(\d+)-/.exec(name)?.[1];
				if (pid !== undefined && isRunning(Number(pid))) return;
				await fs.rm(path.join(dir, name), {force: true}).catch(() => undefined);
			}),
	);
}

/** Moves `state.json` from where earlier versions kept it, once, when there is none here yet. */
async function moveLegacy(legacyDir: string | undefined, dir: string, forbidden: ReadonlySet<string>): Promise<void> {
	if (legacyDir === undefined || path.resolve(legacyDir) === path.resolve(dir)) return;
	const from = path.join(legacyDir, 'state.json');
	const to = path.join(dir, 'state.json');
	const old = await fs.lstat(from).catch(() => undefined);
	if (
		!old?.isFile() ||
		(await fs.lstat(to).then(
			() => true,
			() => false,
		))
	)
		return;
	try {
		await makePrivateDir(dir, forbidden);
		await fs.copyFile(from, to, fsConstants.COPYFILE_EXCL);
		await fs.chmod(to, 0o600);
		await fs.rm(from, {force: true});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return; // another process moved it first
		throw writeFailure(to, error);
	}
	// The rest of the old dir: its caches and temp files, then the dir itself if nothing else is left.
	for (const name of await fs.readdir(legacyDir).catch(() => [] as string[])) {
		if (RETIRED.test(name)) await fs.rm(path.join(legacyDir, name), {force: true}).catch(() => undefined);
	}
	await fs.rmdir(legacyDir).catch(() => undefined);
}

function stateFailure(file: string, problem: string): NotionTokensError {
	return new NotionTokensError('corrupt-state', `Could not use notion-tokens' state file ${file}: ${problem}`, {
		fix:
			`Repair ${file}, or move it aside: that loses the saved tokens' labels, dates and notes, the previous defaults, ` +
			'preferences and facts cached from Notion; the saved tokens themselves stay in the keychain or in tokens.json, never in this file.',
		file,
	});
}

function writeFailure(file: string, error: unknown): NotionTokensError {
	if (error instanceof NotionTokensError) return error;
	return new NotionTokensError(
		'state-unwritable',
		`Could not write notion-tokens' state file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
		{
			fix: `Make ${path.dirname(file)} writable for you, or set NOTION_TOKENS_HOME to a folder that is.`,
			file,
		},
	);
}
