import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {NotionTokensError} from './errors.js';

/** Files larger than this are refused unread: ntn's files are a few kilobytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export type FileRead<T> =
	| {exists: false}
	| {exists: true; bytes: Buffer; value: T; mode: number};

export type Validate<T> = (value: unknown) => T;

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
		default:
			return error.code ?? 'unknown error';
	}
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
		const detail = text.trim() === '' ? 'the file is empty' : `not valid JSON (${(error as Error).message})`;
		throw fileError('corrupt-file', file, detail, fixCorrupt(file));
	}
	const duplicate = findDuplicateKey(text);
	if (duplicate !== undefined) {
		throw fileError('corrupt-file', file, `duplicate key "${duplicate}"`, fixCorrupt(file));
	}
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
 * NotionTokensError naming the file.
 */
export async function readJsonFile<T>(file: string, validate: Validate<T>): Promise<FileRead<T>> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(file, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {exists: false};
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
		const bytes = await handle.readFile();
		return {exists: true, bytes, value: parseJsonBytes(bytes, file, validate), mode: stat.mode & 0o7777};
	} catch (error) {
		if (error instanceof NotionTokensError) throw error;
		throw fileError('unreadable-file', file, describeIoError(error as NodeJS.ErrnoException), `Check the permissions of ${file}.`);
	} finally {
		await handle.close();
	}
}

/** ntn's format: `serde_json::to_string_pretty`, i.e. 2-space JSON with no trailing newline. */
export const serialize = (value: unknown): string => JSON.stringify(value, null, 2);

const TEMP_MARK = '.notion-tokens-';
const tempName = (file: string) =>
	path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);

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
		if (pid !== process.pid && isAlive(pid)) continue;
		if (pid === process.pid) continue;
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
	/** How many times to re-read and re-apply when the file changed under us. */
	attempts?: number;
}

/**
 * Read-modify-write that never clobbers: `mutate` receives the freshly parsed value and returns
 * the new one (or `undefined` for "no change, do not write"). The result is written to a temp file
 * in the same dir with the existing file's mode, and renamed over the file only if the file still
 * holds the bytes we read; otherwise the change is re-applied to the new content. A file that does
 * not parse is never written.
 */
export async function updateJsonFile<T>(
	file: string,
	validate: Validate<T>,
	mutate: (current: T | undefined) => T | undefined,
	options: UpdateOptions,
): Promise<{written: boolean; value: T | undefined}> {
	const attempts = options.attempts ?? 8;
	file = await resolveLink(file);
	for (let attempt = 1; ; attempt++) {
		const before = await readJsonFile(file, validate);
		const next = mutate(before.exists ? structuredClone(before.value) : undefined);
		if (next === undefined) return {written: false, value: before.exists ? before.value : undefined};
		const text = serialize(next);
		parseJsonBytes(Buffer.from(text), file, validate); // never write what we could not read back
		const temp = tempName(file);
		const mode = before.exists ? before.mode : options.createMode;
		await writeTemp(temp, text, mode);
		try {
			await options.beforeCommit?.();
			if (!(await stillHolds(file, before))) {
				if (attempt >= attempts) {
					throw new NotionTokensError(
						'concurrent-change',
						`${path.basename(file)} (${file}) kept changing while notion-tokens tried to update it`,
						{fix: 'Another program is writing it right now; try again in a moment.'},
					);
				}
				continue;
			}
			await fs.rename(temp, file);
			return {written: true, value: next};
		} finally {
			await fs.rm(temp, {force: true});
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

async function writeTemp(temp: string, text: string, mode: number): Promise<void> {
	const handle = await fs.open(temp, 'wx', 0o600);
	try {
		await handle.writeFile(text);
		await handle.chmod(mode);
		await handle.sync();
	} finally {
		await handle.close();
	}
}

async function stillHolds<T>(file: string, before: FileRead<T>): Promise<boolean> {
	try {
		const now = await fs.readFile(file);
		return before.exists && now.equals(before.bytes);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return !before.exists;
		throw error;
	}
}

/**
 * Finds a key repeated inside one JSON object (JSON.parse would silently keep the last one; ntn
 * rejects duplicate fields). `text` is already known to be valid JSON.
 */
export function findDuplicateKey(text: string): string | undefined {
	const stack: Array<Set<string> | null> = [];
	let expectKey = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '"') {
			let end = i + 1;
			while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
			const keys = stack.at(-1);
			if (expectKey && keys) {
				const key = JSON.parse(text.slice(i, end + 1)) as string;
				if (keys.has(key)) return key;
				keys.add(key);
				expectKey = false;
			}
			i = end;
		} else if (char === '{') {
			stack.push(new Set());
			expectKey = true;
		} else if (char === '[') {
			stack.push(null);
		} else if (char === '}' || char === ']') {
			stack.pop();
		} else if (char === ',') {
			expectKey = stack.at(-1) !== null;
		}
	}
	return undefined;
}
