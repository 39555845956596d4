import {constants as fsConstants} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {NotionTokensError} from '../shared/errors.js';
import {crypto} from '../shared/lazy-crypto.js';

/** Files larger than this are refused unread: ntn's files are a few kilobytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Deeper nesting is refused: ntn's files are 3 levels deep, and copying a deeper value could exhaust the stack. */
export const MAX_DEPTH = 128;

/**
 * ntn rewrites its files in place (truncate, then write), so a reader can meet an empty or half
 * written file for an instant. A file that does not parse is read again while it keeps changing,
 * and an empty one for up to this long, before it is reported as corrupt.
 */
const SETTLE_MS = 50;
const SETTLE_STEP_MS = 5;

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export type FileRead<T> =
	| {exists: false}
	| {exists: true; bytes: Buffer; value: T; mode: number};

export type Validate<T> = ((value: unknown) => T) & {
	/**
	 * The fields of ntn's struct found at a path of object keys, if the object there is a struct.
	 * serde rejects a repeated struct field, but a repeated map key keeps the last (as JSON.parse
	 * does). Without it, every repeated key is refused.
	 */
	readonly fieldsAt?: (path: readonly string[]) => readonly string[] | undefined;
};

const utf8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

/** Raised by validators with the problem in ntn's words (e.g. "missing field `version`"). */
export class ShapeError extends Error {}

function fileError(code: string, file: string, problem: string, fix: string): NotionTokensError {
	return new NotionTokensError(code, `Failed to read ${path.basename(file)} (${file}): ${problem}`, {fix, file});
}

const fixCorrupt = (file: string) =>
	`Repair ${path.basename(file)} by hand or move it aside (ntn cannot read it either); notion-tokens never rewrites a file it cannot parse.`;

function describeIoError(error: NodeJS.ErrnoException): string {
	switch (error.code) {
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'it is a directory, not a file';
		case 'ELOOP':
			return 'too many symbolic links';
		case 'ENOTDIR':
			return 'a parent path is not a directory';
		case 'EROFS':
			return 'the file system is read-only';
		case 'ENOSPC':
			return 'no space left on the device';
		case 'EDQUOT':
			return 'the disk quota is exceeded';
		case 'ENOENT':
			return 'a folder on its path does not exist';
		default:
			return error.code ?? 'unknown error';
	}
}

/**
 * JSON.parse's complaint without any of the file's text: V8 quotes the text near the error
 * (`Unexpected token 'n', "ntn_abcdefg"... is not valid JSON`), and in auth.json that is a token.
 * Keeps the grammar part ("Expected ',' or '}' after property value") and the line and column.
 */
function jsonProblem(message: string, text: string): string {
	const at = /at position (\d+)/.exec(message);
	let problem = message.replace(/ (in JSON )?at position \d+[^]*$/, '').replace(/ is not valid JSON$/, '');
	if (problem.includes('"') || problem.startsWith('Unexpected token')) problem = 'unexpected character';
	else if (problem.startsWith('Unexpected end of JSON input')) problem = 'unexpected end of the file';
	if (!at) return problem;
	const position = Number(at[1]);
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	return `${problem} at line ${line} column ${position - before.lastIndexOf('\n')}`;
}

/** Parses bytes as ntn would accept them: UTF-8 JSON without a byte-order mark. */
export function parseJsonBytes<T>(bytes: Buffer, file: string, validate: Validate<T>): T {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		throw fileError('corrupt-file', file, 'starts with a byte-order mark', fixCorrupt(file));
	}
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		throw fileError('corrupt-file', file, 'is not valid UTF-8', fixCorrupt(file));
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const detail = text.trim() === '' ? 'the file is empty' : `not valid JSON (${jsonProblem((error as Error).message, text)})`;
		throw fileError('corrupt-file', file, detail, fixCorrupt(file));
	}
	const depth = depthOf(value);
	if (depth > MAX_DEPTH) {
		throw fileError('corrupt-file', file, `values are nested ${depth} levels deep; notion-tokens reads at most ${MAX_DEPTH}`, fixCorrupt(file));
	}
	const duplicate = findDuplicateKey(text, validate.fieldsAt);
	if (duplicate !== undefined) {
		throw fileError('corrupt-file', file, `duplicate key "${duplicate}"`, fixCorrupt(file));
	}
	return validated(value, file, validate);
}

function validated<T>(value: unknown, file: string, validate: Validate<T>): T {
	try {
		return validate(value);
	} catch (error) {
		if (error instanceof ShapeError) throw fileError('corrupt-file', file, error.message, fixCorrupt(file));
		throw error;
	}
}

/**
 * Reads and validates a JSON file. A missing file is `{exists: false}`; anything else that is
 * wrong (a directory, unreadable, too large, not UTF-8, not JSON, wrong shape) is a
 * NotionTokensError naming the file. A file caught in the middle of an in-place rewrite is read
 * again until it settles (see SETTLE_MS).
 */
export async function readJsonFile<T>(file: string, validate: Validate<T>): Promise<FileRead<T>> {
	let previous: Buffer | undefined;
	for (let waited = 0; ; ) {
		const raw = await readBytes(file);
		if (!raw.exists) return raw;
		try {
			const value = parseJsonBytes(raw.bytes, file, validate);
			return {exists: true, bytes: raw.bytes, value, mode: raw.mode};
		} catch (error) {
			const empty = raw.bytes.length === 0;
			const changing = previous !== undefined && !previous.equals(raw.bytes);
			if (waited >= SETTLE_MS || !(empty || changing || previous === undefined)) throw error;
			previous = raw.bytes;
			// An unparsable file is read once more at once; an empty or changing one after a pause.
			if (empty || changing) {
				await sleep(SETTLE_STEP_MS);
				waited += SETTLE_STEP_MS;
			}
		}
	}
}

type RawRead = {exists: false} | {exists: true; bytes: Buffer; mode: number};

async function readBytes(file: string): Promise<RawRead> {
	let handle: fs.FileHandle;
	try {
		// O_NONBLOCK: opening a FIFO put in place of the file must not wait for a writer.
		handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			if (!(await fs.lstat(file).then(stat => stat.isSymbolicLink(), () => false))) return {exists: false};
			throw fileError('unreadable-file', file, 'it is a symbolic link to a missing file', `Remove the link ${file} or restore its target.`);
		}
		throw fileError('unreadable-file', file, describeIoError(error as NodeJS.ErrnoException), `Check the permissions of ${file}.`);
	}
	try {
		const stat = await handle.stat();
		if (stat.isDirectory()) {
			throw fileError('unreadable-file', file, 'it is a directory, not a file', `Move the directory ${file} aside.`);
		}
		if (!stat.isFile()) {
			throw fileError('unreadable-file', file, 'it is not a regular file', `Replace ${file} with a regular file.`);
		}
		if (stat.size > MAX_FILE_BYTES) {
			throw fileError('corrupt-file', file, `it is ${stat.size} bytes, far larger than ntn ever writes`, fixCorrupt(file));
		}
		return {exists: true, bytes: await readAll(handle, stat.size), mode: stat.mode & 0o7777};
	} catch (error) {
		if (error instanceof NotionTokensError) throw error;
		throw fileError('unreadable-file', file, describeIoError(error as NodeJS.ErrnoException), `Check the permissions of ${file}.`);
	} finally {
		await handle.close();
	}
}

/** The whole content from offset 0, however the handle was used before; `expected` sizes the first read. */
async function readAll(handle: fs.FileHandle, expected = 0): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	for (;;) {
		// One byte more than expected: a full buffer means the file grew, and reading goes on.
		const chunk = Buffer.allocUnsafe(total === 0 ? Math.min(expected, MAX_FILE_BYTES) + 1 : 64 * 1024);
		const {bytesRead} = await handle.read(chunk, 0, chunk.length, total);
		chunks.push(chunk.subarray(0, bytesRead));
		total += bytesRead;
		// A short read of a regular file is its end.
		if (bytesRead < chunk.length || total > MAX_FILE_BYTES) return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
	}
}

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
	const attempts = options.attempts ?? 8;
	// A symbolic link is written through (the rename goes to its target); messages name the user's path.
	const target = await resolveLink(file);
	/**
	 * Set when our rename replaced a file that another program wrote in place after our check:
	 * the file as we last saw it, and that content with their lost change carried onto it.
	 */
	let orphaned: {seen: T; restored: T} | undefined;
	let written = false;
	for (let attempt = 1; ; attempt++) {
		const before = await readJsonFile(file, validate);
		let next: T | undefined;
		if (orphaned && before.exists) {
			// Writes made since we last looked go on top of the restored content, then ours again.
			const restored = carryChanges(orphaned.seen, before.value, orphaned.restored) as T;
			orphaned = {seen: before.value, restored};
			next = mutate(structuredClone(restored)) ?? (sameJson(restored, before.value) ? undefined : restored);
		} else {
			next = mutate(before.exists ? structuredClone(before.value) : undefined);
		}
		if (next === undefined) return {written, value: before.exists ? before.value : undefined};
		const text = serialize(next);
		parseJsonBytes(Buffer.from(text), file, validate); // never write what we could not read back
		const temp = tempName(target);
		const mode = before.exists ? before.mode : options.createMode;
		let current: fs.FileHandle | undefined;
		try {
			await writeTemp(temp, text, mode, file);
			await options.beforeCommit?.();
			current = await openIfExists(file);
			if (!(await holds(current, before))) {
				if (attempt >= attempts) {
					throw new NotionTokensError(
						'concurrent-change',
						`${path.basename(file)} (${file}) kept changing while notion-tokens tried to update it`,
						{fix: 'Another program is writing it right now; try again in a moment.', file},
					);
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

/** Whether the open file still holds what we read (or is still absent). */
async function holds<T>(current: fs.FileHandle | undefined, before: FileRead<T>): Promise<boolean> {
	if (!before.exists || !current) return !before.exists && !current;
	return (await readAll(current, before.bytes.length)).equals(before.bytes);
}

/**
 * After our rename: what another program wrote, in place, into the file we replaced after we
 * checked it (waiting for a write it has begun to finish), or `undefined` if it was not touched.
 */
async function writtenMeanwhile<T>(replaced: fs.FileHandle, checked: Buffer, file: string, validate: Validate<T>): Promise<T | undefined> {
	for (let waited = 0; ; waited += SETTLE_STEP_MS) {
		const bytes = await readAll(replaced, checked.length);
		if (bytes.equals(checked)) return undefined;
		try {
			return parseJsonBytes(bytes, file, validate);
		} catch {
			if (waited >= SETTLE_MS) return undefined;
			await sleep(SETTLE_STEP_MS);
		}
	}
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of parsed JSON, ignoring the order of object keys (ntn's order is random). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (isPlainObject(a) && isPlainObject(b)) {
		const keys = Object.keys(a);
		return keys.length === Object.keys(b).length && keys.every(key => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
	}
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
	return a === b;
}

/**
 * `onto` with the changes that turned `base` into `theirs`, key by key through nested objects
 * (`base` undefined: everything in `theirs` is new); where both sides changed a key, theirs wins.
 */
export function carryChanges(base: unknown, theirs: unknown, onto: unknown): unknown {
	if (sameJson(base, theirs)) return onto;
	if (!isPlainObject(theirs) || !isPlainObject(onto) || !(base === undefined || isPlainObject(base))) return theirs;
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
	return new NotionTokensError('unwritable-file', `Could not write ${path.basename(file)} (${file}): ${problem}; it was left unchanged`, {
		fix: `Make ${path.dirname(file)} writable for you (or set NOTION_HOME to a folder that is), then try again.`,
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

/**
 * Finds a key repeated inside one JSON object (JSON.parse silently keeps the last one). With
 * `fieldsAt`, only a repeated field of a struct counts, as in serde; otherwise any repeated key.
 * `text` is already known to be valid JSON.
 */
export function findDuplicateKey(text: string, fieldsAt?: (path: readonly string[]) => readonly string[] | undefined): string | undefined {
	/** One open object (`keys`) or array (`keys` null), with the keys leading to it. */
	const stack: Array<{keys: Set<string> | null; path: string[]; key?: string}> = [];
	let expectKey = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		const top = stack.at(-1);
		if (char === '"') {
			let end = i + 1;
			while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
			if (expectKey && top?.keys) {
				const key = JSON.parse(text.slice(i, end + 1)) as string;
				if (top.keys.has(key) && (fieldsAt === undefined || fieldsAt(top.path)?.includes(key))) return key;
				top.keys.add(key);
				top.key = key;
				expectKey = false;
			}
			i = end;
		} else if (char === '{' || char === '[') {
			const path = top ? [...top.path, top.keys ? (top.key ?? '') : '[]'] : [];
			stack.push({keys: char === '{' ? new Set() : null, path});
			expectKey = char === '{';
		} else if (char === '}' || char === ']') {
			stack.pop();
		} else if (char === ',') {
			expectKey = top?.keys != null;
		}
	}
	return undefined;
}

/** How deeply arrays and objects nest in a parsed value. Iterative: any depth is safe. */
function depthOf(root: unknown): number {
	let depth = 0;
	const pending: Array<{value: unknown; level: number}> = [{value: root, level: 0}];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const {value, level} = next;
		if (typeof value !== 'object' || value === null) continue;
		depth = Math.max(depth, level + 1);
		for (const item of Object.values(value)) pending.push({value: item, level: level + 1});
	}
	return depth;
}
