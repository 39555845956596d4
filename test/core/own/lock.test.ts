import {spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {withLock} from '../../../source/core/own/lock.js';

let dir: string;
let file: string;
beforeEach(async () => {
	dir = await fs.mkdtemp(path.join(os.tmpdir(), 'notion-tokens-lock-'));
	file = path.join(dir, 'lock');
});
afterEach(async () => {
	await fs.rm(dir, {recursive: true, force: true});
});

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'}).stdout);
const aged = async (seconds: number) => {
	const past = new Date(Date.now() - seconds * 1000);
	await fs.utimes(file, past, past);
};

describe('the state lock', () => {
	it('is taken over from a holder killed between creating the lock file and naming itself in it', async () => {
		await fs.writeFile(file, '');
		await aged(5);
		expect(await withLock(file, async () => 'ran', {waitMs: 500})).toBe('ran');
		await expect(fs.stat(file)).rejects.toMatchObject({code: 'ENOENT'});
	});

	it('is taken over from a holder whose process has ended', async () => {
		await fs.writeFile(file, `${deadPid()}\n${os.hostname()}\n${Date.now()}\nx\n`);
		expect(await withLock(file, async () => 'ran', {waitMs: 500})).toBe('ran');
	});

	it('makes others wait for a live holder, then says who holds it', async () => {
		await fs.writeFile(file, `1\n${os.hostname()}\n${Date.now()}\nx\n`);
		await expect(withLock(file, async () => 'ran', {waitMs: 200})).rejects.toMatchObject({code: 'busy', message: expect.stringContaining('process 1)')});
		expect(await fs.readFile(file, 'utf8')).toContain('1\n');
	});

	it('is never seen empty while it is being taken, and leaves nothing behind', async () => {
		const seen: string[] = [];
		let watching = true;
		const watcher = (async () => {
			while (watching) {
				const text = await fs.readFile(file, 'utf8').catch(() => null);
				if (text !== null) seen.push(text);
				await new Promise(resolve => setImmediate(resolve));
			}
		})();
		for (let round = 0; round < 50; round++) await withLock(file, async () => undefined);
		watching = false;
		await watcher;
		expect(seen.filter(text => text === '')).toEqual([]);
		expect(await fs.readdir(dir)).toEqual([]);
	});
});
