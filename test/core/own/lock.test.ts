import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {withLock} from '../../../source/core/own/lock.js';
import {tempDir} from '../../helpers/ntn-home.js';
import {rejectionOf} from '../../peer/helpers/core.js';

/**
 * The state lock with real files: a holder that runs keeps it (the waiter gets `busy`), a holder
 * that is gone, an empty lock older than 2 s and any lock older than 10 min are taken over.
 */

const children: ChildProcess[] = [];
afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function lockFile(content: string, ageMs = 0): Promise<string> {
	const file = path.join(await tempDir(), 'lock');
	await fs.writeFile(file, content, {mode: 0o600});
	if (ageMs > 0) {
		const at = new Date(Date.now() - ageMs);
		await fs.utimes(file, at, at);
	}
	return file;
}

const holder = (pid: number, host = os.hostname(), since = Date.now()): string => `${pid}\n${host}\n${since}\nabc123\n`;

/** A process that runs until the test ends. */
function sleeper(): number {
	const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], {stdio: 'ignore'});
	children.push(child);
	return child.pid!;
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'});
	await once(child, 'exit');
	return child.pid!;
}

/** Runs under the lock; says whether it ran, and leaves the lock file as it was found meanwhile. */
async function take(file: string, waitMs: number): Promise<{ran: boolean; during: string | null}> {
	let during: string | null = null;
	await withLock(
		file,
		async () => {
			during = await fs.readFile(file, 'utf8');
		},
		{waitMs},
	);
	return {ran: during !== null, during};
}

async function expectBusy(file: string, content: string, waitMs = 150): Promise<Error & {code?: string; fix?: string}> {
	let ran = false;
	const error = await rejectionOf(() =>
		withLock(
			file,
			async () => {
				ran = true;
			},
			{waitMs},
		),
	);
	expect(error.code).toBe('busy');
	expect(error.fix).toContain(file);
	expect(ran).toBe(false);
	// The holder's file is left as it was.
	expect(await fs.readFile(file, 'utf8')).toBe(content);
	return error;
}

describe('the state lock', () => {
	it('is created 0600 naming this process, and removed when done', async () => {
		const file = path.join(await tempDir(), 'lock');
		const {during} = await take(file, 150);
		const [pid, host, since] = (during ?? '').split('\n');
		expect(pid).toBe(String(process.pid));
		expect(host).toBe(os.hostname());
		expect(Number(since)).toBeGreaterThan(0);
		await expect(fs.stat(file)).rejects.toMatchObject({code: 'ENOENT'});
	});

	it('an empty lock newer than 2 s is not taken: the waiter gets busy', async () => {
		const file = await lockFile('', 0);
		const error = await expectBusy(file, '');
		// It names no process yet, and the message does not pretend it does.
		expect(error.message).toMatch(/^Another notion-tokens is changing/);
	});

	it('an empty lock older than 2 s is taken over', async () => {
		const file = await lockFile('', 3000);
		const {ran, during} = await take(file, 150);
		expect(ran).toBe(true);
		expect(during?.split('\n')[0]).toBe(String(process.pid));
		await expect(fs.stat(file)).rejects.toMatchObject({code: 'ENOENT'});
	});

	it('a waiter takes an empty lock over once it turns 2 s old', async () => {
		const file = await lockFile('', 1500);
		expect((await take(file, 5000)).ran).toBe(true);
	});

	it('a lock naming a process of this host that has ended is taken over', async () => {
		const file = await lockFile(holder(await deadPid()));
		expect((await take(file, 150)).ran).toBe(true);
	});

	it('a lock naming a running process of this host is not taken: busy names its pid', async () => {
		const pid = sleeper();
		const content = holder(pid);
		const file = await lockFile(content);
		const error = await expectBusy(file, content);
		expect(error.message).toContain(`process ${pid}`);
	});

	it('a lock of a running process is taken over once it is more than 10 min old', async () => {
		const file = await lockFile(holder(sleeper(), os.hostname(), Date.now() - 11 * 60_000));
		expect((await take(file, 150)).ran).toBe(true);
	});

	it('a lock of another host is not judged by its pid, only by its age', async () => {
		const fresh = holder(await deadPid(), 'another-host.invalid');
		await expectBusy(await lockFile(fresh), fresh);
		const old = await lockFile(holder(await deadPid(), 'another-host.invalid', Date.now() - 11 * 60_000));
		expect((await take(old, 150)).ran).toBe(true);
	});

	it('a lock without a time counts from its file: taken once the file is more than 10 min old', async () => {
		await expectBusy(await lockFile('garbage'), 'garbage');
		expect((await take(await lockFile('garbage', 11 * 60_000), 150)).ran).toBe(true);
	});
});
