/**
 * Reading ntn's files as ntn's parser accepts them: UTF-8 JSON without a byte-order mark, no
 * repeated struct field, a bounded size and depth, and a file caught mid-rewrite read again.
 */
import {constants as fsConstants} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {NotionTokensError} from '../shared/errors.js';
import {sleep} from '../shared/values.js';

/** Files larger than this are refused unread: ntn's files are a few kilobytes. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Deeper nesting is refused: ntn's files are 3 levels deep, and copying a deeper value could exhaust the stack. */
export const MAX_DEPTH = 128;

/**
 * ntn rewrites its files in place (truncate, then write), so a reader can meet an empty or half
 * written file for an instant. A file that does not parse is read again while it keeps changing,
 * and an empty one for up to this long, before it is reported as corrupt.
 */
export const SETTLE_MS = 50;
export const SETTLE_STEP_MS = 5;

export type FileRead<T> = {exists: false} | {exists: true; bytes: Buffer; value: T; mode: number};

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

export function fileError(code: string, file: string, problem: string, fix: string): NotionTokensError {
	return new NotionTokensError(code, `Failed to read ${path.basename(file)} (${file}): ${problem}`, {fix, file});
}

const fixCorrupt = (file: string) =>
	`Repair ${path.basename(file)} by hand or move it aside (ntn cannot read it either); notion-tokens never rewrites a file it cannot parse.`;

export function describeIoError(error: NodeJS.ErrnoException): string {
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
	const {depth, keys} = shapeOf(value);
	if (depth > MAX_DEPTH) {
		throw fileError('corrupt-file', file, `values are nested ${depth} levels deep; notion-tokens reads at most ${MAX_DEPTH}`, fixCorrupt(file));
	}
	// A repeated key leaves fewer keys in the parsed value than the text names: only then is the text searched for it.
	const duplicate = keys === keysNamedIn(text) ? undefined : findDuplicateKey(text, validate.fieldsAt);
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
	for (let waited = 0; ;) {
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
			if (
				!(await fs.lstat(file).then(
					stat => stat.isSymbolicLink(),
					() => false,
				))
			)
				return {exists: false};
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
		return {exists: true, bytes: await readAll(handle), mode: stat.mode & 0o7777};
	} catch (error) {
		if (error instanceof NotionTokensError) throw error;
		throw fileError('unreadable-file', file, describeIoError(error as NodeJS.ErrnoException), `Check the permissions of ${file}.`);
	} finally {
		await handle.close();
	}
}

/** The whole content of an open file from offset 0, however the handle was used before. */
export async function readAll(handle: fs.FileHandle): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let total = 0;
	for (;;) {
		const chunk = Buffer.alloc(64 * 1024);
		const {bytesRead} = await handle.read(chunk, 0, chunk.length, total);
		if (bytesRead === 0 || total > MAX_FILE_BYTES) return Buffer.concat(chunks, total);
		chunks.push(chunk.subarray(0, bytesRead));
		total += bytesRead;
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
	// Token by token (the regex skips whitespace, colons, numbers and literals): a loop over every
	// character gets hot enough for V8 to optimise it on a worker thread that the exit then waits for.
	for (const [token] of text.matchAll(JSON_TOKENS)) {
		const top = stack.at(-1);
		if (token.startsWith('"')) {
			if (expectKey && top?.keys) {
				const key = JSON.parse(token) as string;
				if (top.keys.has(key) && (fieldsAt === undefined || fieldsAt(top.path)?.includes(key))) return key;
				top.keys.add(key);
				top.key = key;
				expectKey = false;
			}
		} else if (token === '{' || token === '[') {
			const path = top ? [...top.path, top.keys ? (top.key ?? '') : '[]'] : [];
			stack.push({keys: token === '{' ? new Set() : null, path});
			expectKey = token === '{';
		} else if (token === '}' || token === ']') {
			stack.pop();
		} else {
			expectKey = top?.keys != null; // a comma
		}
	}
	return undefined;
}

/** A JSON string (with its escapes), or a bracket or comma: what tells keys apart in valid JSON. */
const JSON_TOKENS = /"[^"\\]*(?:\\.[^"\\]*)*"|[{}[\],]/g;

/** How deeply arrays and objects nest in a parsed value, and how many keys its objects hold. Iterative: any depth is safe. */
function shapeOf(root: unknown): {depth: number; keys: number} {
	let depth = 0;
	let keys = 0;
	const pending: Array<{value: unknown; level: number}> = [{value: root, level: 0}];
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const {value, level} = next;
		if (typeof value !== 'object' || value === null) continue;
		depth = Math.max(depth, level + 1);
		const items = Object.values(value);
		if (!Array.isArray(value)) keys += items.length;
		for (const item of items) pending.push({value: item, level: level + 1});
	}
	return {depth, keys};
}

/**
 * Every string of a JSON text, with the colon that follows it when it is a key. Matched in order from
 * the start, each match begins at a string's opening quote (nothing between strings holds a quote).
 */
const STRINGS = /"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?/g;

/** How many keys valid JSON text names, repeats included. */
function keysNamedIn(text: string): number {
	let count = 0;
	for (const match of text.matchAll(STRINGS)) if (match[1] !== undefined) count++;
	return count;
}
