/**
 * Writing ntn's files: read-modify-write against the file's current content, through a temp file
 * in the same dir renamed over it, with the file's mode kept; in-place writes by ntn that land
 * between our check and our rename are recovered.
 */
import {constants as fsConstants} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {NotionTokensError} from '../shared/errors.js';
import {crypto} from '../shared/lazy-crypto.js';
import {isRecord, sameJson, sleep} from '../shared/values.js';
import {describeIoError, fileError, parseJsonBytes, readAll, readJsonFile, SETTLE_MS, SETTLE_STEP_MS, type FileRead, type Validate} from './read-json.js';

/** ntn's format: `serde_json::to_string_pretty`, i.e. 2-space JSON with no trailing newline. */
export const serialize = (value: unknown): string => JSON.stringify(value, null, 2);

const TEMP_MARK = '.notion-tokens-';
const tempName = (file: string) =>
	path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${process.pid}-${crypto().randomBytes(6).toString('hex')}.tmp`);

/**
 * Removes temp files left by a notion-tokens process that was killed mid-write. Only files whose
 * writer process is gone are touched.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
	let names: string[];
	try {
		names = await fs.readdir(dir);
	} catch {
		return [];
	}
	const removed: string[] = [];
	for (const name of names) {
		const match = /^\..+\.notion-tokens-(\d+)-[0-9a-f]+\.tmp$/.exec(name);
		if (!match) continue;
		const pid = Number(match[1]);
		if (pid === process.pid || isAlive(pid)) continue;
		await fs.rm(path.join(dir, name), {force: true});
		removed.push(name);
	}
	return removed;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export interface UpdateOptions {
	/** Mode for a file that does not exist yet (the process umask does not apply). */
	createMode: number;
	/** Called between our read and our write: lets tests interleave another writer there. */
	beforeCommit?: () => Promise<void> | void;
	/** Called between our last check of the file and our rename: the instant an in-place writer can still hit. */
	afterCheck?: () => Promise<void> | void;
	/** How many times to re-read and re-apply when the file changed under us. */
	attempts?: number;
}

/**
 * Read-modify-write that never clobbers: `mutate` receives the freshly parsed value and returns
 * the new one (or `undefined` for "no change, do not write"). The result is written to a temp file
 * in the same dir with the existing file's mode, and renamed over the file only if the file still
 * holds the bytes we read; otherwise the change is re-applied to the new content. A file that does
 * not parse is never written.
 *
 * ntn writes in place without a lock, so it can still write in the instant between our check and
 * our rename; that write lands in the file the rename replaces. We keep that file open across the
 * rename and look at it afterwards: if it changed, our change is re-applied to what ntn wrote.
 */
export async function updateJsonFile<T>(
	file: string,
	validate: Validate<T>,
	mutate: (current: T | undefined) => T | undefined,
	options: UpdateOptions,
): Promise<{written: boolean; value: T | undefined}> {
	return (await prepareJsonUpdate(file, validate, mutate, options)).commit();
}

/** An update whose new content already sits, written and read back, in a temp file beside the file. */
export interface PreparedUpdate<T> {
	readonly file: string;
	/** Whether the update changes the file (false: `commit` writes nothing). */
	readonly changes: boolean;
	/**
	 * Renames the temp file over the file; when the file changed since it was read, the change is
	 * re-applied to its new content first (as `updateJsonFile` does), which writes a new temp file.
	 */
	commit(): Promise<{written: boolean; value: T | undefined}>;
	/** Removes the temp file: the file stays as it is. */
	discard(): Promise<void>;
}

/**
 * The first half of `updateJsonFile`: reads the file, applies `mutate` and writes the result to a
 * temp file (synced, then read back and compared), so that what can fail for lack of space or
 * rights fails here, before anything that cannot be undone. Throws as `updateJsonFile` does.
 */
export async function prepareJsonUpdate<T>(
	file: string,
	validate: Validate<T>,
	mutate: (current: T | undefined) => T | undefined,
	options: UpdateOptions,
): Promise<PreparedUpdate<T>> {
	// A symbolic link is written through (the rename goes to its target); messages name the user's path.
	const target = await resolveLink(file);
	const before = await readJsonFile(file, validate);
	const next = mutate(before.exists ? structuredClone(before.value) : undefined);
	const first =
		next === undefined ? undefined : {before, next, temp: await writeVerified(file, target, validate, next, before.exists ? before.mode : options.createMode)};
	let settled = false;
	return {
		file,
		changes: next !== undefined,
		async commit() {
			if (settled) throw new Error(`the update of ${file} was already committed or discarded`);
			settled = true;
			if (!first) return {written: false, value: before.exists ? before.value : undefined};
			return commitUpdate(file, target, validate, mutate, options, first);
		},
		async discard() {
			settled = true;
			if (first) await fs.rm(first.temp, {force: true}).catch(() => undefined);
		},
	};
}

/** Writes `value` to a new temp file beside `target` and reads it back: what is there is what we meant. */
async function writeVerified<T>(file: string, target: string, validate: Validate<T>, value: T, mode: number): Promise<string> {
	const text = serialize(value);
	parseJsonBytes(Buffer.from(text), file, validate); // never write what we could not read back
	const temp = tempName(target);
	try {
		await writeTemp(temp, text, mode, file);
		const written = await fs.readFile(temp).catch(error => Promise.reject(writeError(error, file)));
		if (!written.equals(Buffer.from(text))) {
			throw new NotionTokensError(
				'unwritable-file',
				`Could not write ${path.basename(file)} (${file}): what was written does not read back; it was left unchanged`,
				{
					fix: `Check the disk that holds ${path.dirname(file)}, then try again.`,
					file,
				},
			);
		}
		return temp;
	} catch (error) {
		await fs.rm(temp, {force: true}).catch(() => undefined);
		throw error;
	}
}

/** The second half of `updateJsonFile`, from the check before the rename; `first` is the prepared attempt. */
async function commitUpdate<T>(
	file: string,
	target: string,
	validate: Validate<T>,
	mutate: (current: T | undefined) => T | undefined,
	options: UpdateOptions,
	first: {before: FileRead<T>; next: T; temp: string},
): Promise<{written: boolean; value: T | undefined}> {
	const attempts = options.attempts ?? 8;
	/**
	 * Set when our rename replaced a file that another program wrote in place after our check:
	 * the file as we last saw it, and that content with their lost change carried onto it.
	 */
	let orphaned: {seen: T; restored: T} | undefined;
	let written = false;
	let prepared: typeof first | undefined = first;
	for (let attempt = 1; ; attempt++) {
		let before: FileRead<T>;
		let next: T | undefined;
		let temp: string;
		if (prepared) {
			({before, next, temp} = prepared);
			prepared = undefined;
		} else {
			before = await readJsonFile(file, validate);
			if (orphaned && before.exists) {
				// Writes made since we last looked go on top of the restored content, then ours again.
				const restored = carryChanges(orphaned.seen, before.value, orphaned.restored) as T;
				orphaned = {seen: before.value, restored};
				next = mutate(structuredClone(restored)) ?? (sameJson(restored, before.value) ? undefined : restored);
			} else {
				next = mutate(before.exists ? structuredClone(before.value) : undefined);
			}
			if (next === undefined) return {written, value: before.exists ? before.value : undefined};
			temp = await writeVerified(file, target, validate, next, before.exists ? before.mode : options.createMode);
		}
		let current: fs.FileHandle | undefined;
		try {
			await options.beforeCommit?.();
			current = await openIfExists(file);
			if (!(await holds(file, current, before))) {
				if (attempt >= attempts) {
					throw new NotionTokensError('concurrent-change', `${path.basename(file)} (${file}) kept changing while notion-tokens tried to update it`, {
						fix: 'Another program is writing it right now; try again in a moment.',
						file,
					});
				}
				continue;
			}
			await options.afterCheck?.();
			await fs.rename(temp, target).catch(error => Promise.reject(writeError(error, file)));
			written = true;
			orphaned = undefined;
			const theirs = current && before.exists ? await writtenMeanwhile(current, before.bytes, file, validate) : undefined;
			if (theirs === undefined || !before.exists || attempt >= attempts) return {written: true, value: next};
			orphaned = {seen: next, restored: carryChanges(before.value, theirs, next) as T};
		} finally {
			await current?.close();
			await fs.rm(temp, {force: true}).catch(() => undefined);
		}
	}
}

async function openIfExists(file: string): Promise<fs.FileHandle | undefined> {
	try {
		return await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw fileError('unreadable-file', file, describeIoError(error as NodeJS.ErrnoException), `Check the permissions of ${file}.`);
	}
}

/** Whether the file at the path is still the one we opened, and still holds what we read (or is still absent). */
async function holds<T>(file: string, current: fs.FileHandle | undefined, before: FileRead<T>): Promise<boolean> {
	if (!before.exists || !current)
		return (
			!before.exists &&
			!current &&
			!(await fs.lstat(file).then(
				() => true,
				() => false,
			))
		);
	if (!(await readAll(current)).equals(before.bytes)) return false;
	const [opened, now] = await Promise.all([current.stat(), fs.stat(file).catch(() => undefined)]);
	return now !== undefined && now.ino === opened.ino && now.dev === opened.dev;
}

/**
 * After our rename: what another program wrote, in place, into the file we replaced after we
 * checked it (waiting for a write it has begun to finish), or `undefined` if it was not touched.
 */
async function writtenMeanwhile<T>(replaced: fs.FileHandle, checked: Buffer, file: string, validate: Validate<T>): Promise<T | undefined> {
	for (let waited = 0; ; waited += SETTLE_STEP_MS) {
		const bytes = await readAll(replaced);
		if (bytes.equals(checked)) return undefined;
		try {
			return parseJsonBytes(bytes, file, validate);
		} catch {
			if (waited >= SETTLE_MS) return undefined;
			await sleep(SETTLE_STEP_MS);
		}
	}
}

/**
 * `onto` with the changes that turned `base` into `theirs`, key by key through nested objects
 * (`base` undefined: everything in `theirs` is new); where both sides changed a key, theirs wins.
 */
export function carryChanges(base: unknown, theirs: unknown, onto: unknown): unknown {
	if (sameJson(base, theirs)) return onto;
	if (!isRecord(theirs) || !isRecord(onto) || !(base === undefined || isRecord(base))) return theirs;
	const before: Record<string, unknown> = base ?? {};
	const result: Record<string, unknown> = {...onto};
	for (const key of new Set([...Object.keys(before), ...Object.keys(theirs)])) {
		const inBase = Object.hasOwn(before, key);
		if (!Object.hasOwn(theirs, key)) {
			delete result[key];
			continue;
		}
		if (inBase && sameJson(before[key], theirs[key])) continue;
		const value = Object.hasOwn(onto, key) ? carryChanges(inBase ? before[key] : undefined, theirs[key], onto[key]) : theirs[key];
		// defineProperty, not assignment: a key named "__proto__" must stay a plain key.
		Object.defineProperty(result, key, {value, enumerable: true, writable: true, configurable: true});
	}
	return result;
}

function writeError(error: unknown, file: string): NotionTokensError {
	if (error instanceof NotionTokensError) return error;
	const problem = describeIoError(error as NodeJS.ErrnoException);
	const code = (error as NodeJS.ErrnoException).code;
	return new NotionTokensError('unwritable-file', `Could not write ${path.basename(file)} (${file}): ${problem}; it was left unchanged`, {
		fix:
			code === 'ENOSPC' || code === 'EDQUOT'
				? `Free some space on the disk that holds ${path.dirname(file)}, then try again.`
				: `Make ${path.dirname(file)} writable for you (or set NOTION_HOME to a folder that is), then try again.`,
		file,
	});
}

/**
 * Fails early — before anything that cannot be undone, such as a keychain delete — when `file`
 * could not be replaced: its folder (or, while that does not exist yet, the nearest existing
 * parent) is not writable, e.g. on a read-only mount.
 */
export async function assertReplaceable(file: string): Promise<void> {
	let dir = path.dirname(await resolveLink(file));
	for (;;) {
		try {
			await fs.access(dir, fsConstants.W_OK);
			return;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT' && path.dirname(dir) !== dir) {
				dir = path.dirname(dir);
				continue;
			}
			throw writeError(error, file);
		}
	}
}

/** Writes through a symbolic link to its target, as editors do; a dangling link is refused. */
async function resolveLink(file: string): Promise<string> {
	let stat;
	try {
		stat = await fs.lstat(file);
	} catch {
		return file;
	}
	if (!stat.isSymbolicLink()) return file;
	try {
		return await fs.realpath(file);
	} catch {
		throw fileError('unreadable-file', file, 'it is a symbolic link to a missing file', `Remove the link ${file} or restore its target.`);
	}
}

/** A config dir we create is private to the user (ntn's files need nothing more). */
const DIR_MODE = 0o700;

async function writeTemp(temp: string, text: string, mode: number, file: string): Promise<void> {
	try {
		const handle = await fs.open(temp, 'wx', 0o600).catch(async (error: NodeJS.ErrnoException) => {
			// The config dir does not exist yet (nothing was ever stored): create it, as ntn does.
			if (error.code !== 'ENOENT') throw error;
			await fs.mkdir(path.dirname(temp), {recursive: true, mode: DIR_MODE});
			return fs.open(temp, 'wx', 0o600);
		});
		try {
			await handle.writeFile(text);
			await handle.chmod(mode);
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch (error) {
		throw writeError(error, file);
	}
}
