import {AsyncLocalStorage} from 'node:async_hooks';
import fs from 'node:fs/promises';
import os from 'node:os';
import {NotionTokensError} from '../shared/errors.js';
import {sleep} from '../shared/values.js';

/**
 * One notion-tokens process at a time changes ntn's files and its own state: an exclusive lock
 * file (created with O_EXCL) in notion-tokens' state dir, never in a place ntn looks at. It names
 * its holder (pid, host, time). A holder that is gone (its pid no longer runs on this host) or
 * older than STALE_MS no longer holds it. Within one process the lock is re-entrant: an operation
 * that holds it can change the state without waiting for itself.
 */
const STALE_MS = 10 * 60 * 1000;
const held = new AsyncLocalStorage<ReadonlySet<string>>();
/** Callers in this process wait for each other here before they try the file. */
const queues = new Map<string, Promise<unknown>>();

export interface LockOptions {
	/** How long to wait for another process before giving up (default 10 s). */
	waitMs?: number;
}

export async function withLock<T>(file: string, run: () => Promise<T>, options: LockOptions = {}): Promise<T> {
	const mine = held.getStore();
	if (mine?.has(file)) return run();
	const previous = queues.get(file) ?? Promise.resolve();
	const turn = previous.then(async () => {
		const token = await acquire(file, options.waitMs ?? 10_000);
		try {
			return await held.run(new Set([...(mine ?? []), file]), run);
		} finally {
			await release(file, token);
		}
	});
	const settled = turn.catch(() => undefined);
	queues.set(file, settled);
	void settled.then(() => {
		if (queues.get(file) === settled) queues.delete(file);
	});
	return turn;
}

async function acquire(file: string, waitMs: number): Promise<string> {
	const token = `${process.pid}\n${os.hostname()}\n${Date.now()}\n${Math.random().toString(36).slice(2)}\n`;
	const deadline = Date.now() + waitMs;
	for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
		try {
			await fs.writeFile(file, token, {flag: 'wx', mode: 0o600});
			return token;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(file, error);
		}
		const holder = await fs.readFile(file, 'utf8').catch(() => null);
		if (holder === null) continue; // released meanwhile
		if (await isStale(file, holder)) {
			// Removed only if it is still the stale holder's file.
			if ((await fs.readFile(file, 'utf8').catch(() => null)) === holder) await fs.rm(file, {force: true});
			continue;
		}
		if (Date.now() >= deadline) {
			const [pid] = holder.split('\n');
			throw new NotionTokensError(
				'busy',
				`Another notion-tokens${pid ? ` (process ${pid})` : ''} is changing ntn's files or notion-tokens' state, and did not finish within ${Math.round(waitMs / 1000)} s`,
				{
					fix: `Try again when it is done. If no other notion-tokens is running, remove ${file}.`,
					file,
				},
			);
		}
		await sleep(pause + Math.random() * pause);
	}
}

async function isStale(file: string, holder: string): Promise<boolean> {
	// Empty: its holder was killed between creating it and naming itself (that takes microseconds).
	if (holder === '') {
		const stat = await fs.stat(file).catch(() => undefined);
		return stat !== undefined && Date.now() - stat.mtimeMs > 2000;
	}
	const [pid, host, since] = holder.split('\n');
	if (host === os.hostname() && /^\d+$/.test(pid ?? '') && !isRunning(Number(pid))) return true;
	const started = Number(since);
	if (Number.isFinite(started)) return Date.now() - started > STALE_MS;
	const stat = await fs.stat(file).catch(() => undefined);
	return stat !== undefined && Date.now() - stat.mtimeMs > STALE_MS;
}

export function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function release(file: string, token: string): Promise<void> {
	if ((await fs.readFile(file, 'utf8').catch(() => null)) === token) await fs.rm(file, {force: true}).catch(() => undefined);
}

function lockError(file: string, error: unknown): NotionTokensError {
	const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
	return new NotionTokensError('lock-failed', `Could not create the lock file ${file}: ${code}`, {
		fix: "Make notion-tokens' state dir writable for you, or set NOTION_TOKENS_HOME to a folder that is.",
		file,
	});
}
