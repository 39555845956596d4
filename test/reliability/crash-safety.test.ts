/**
 * Reliability 2: a notion-tokens process killed with SIGKILL at random points while it writes.
 * The child switches the default (config.json), adds and removes a large block (workspaces.json)
 * and replaces a token (auth.json) in a loop; each file can only ever hold one of two contents.
 * After every kill each file must parse and hold exactly one of them, auth.json must still be
 * 0600, notion-tokens' own state file must parse, and the next start of notion-tokens must remove
 * the temp files the killed writer left.
 */
import {spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCore} from '../../source/core/services.js';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnHome, ntnJson, workspacesFile} from '../helpers/ntn-home.js';
import {bigEntries} from './support/big.js';
import {childPath} from './support/children.js';
import {ids} from './support/fixture.js';
import {count, figure, random, seedFor} from './support/mode.js';

const TEMP = /\.notion-tokens-\d+-[0-9a-f]+\.tmp$/;
const BIG = 3000;
/** notion-tokens' own files in its state dir (the lock of a killed holder stays until the next change takes it over): anything else there is a temp file. */
const OWN_FILES = ['state.json', 'lock'];

describe('crash safety', () => {
	it('leaves every file parsable and either old or new after each SIGKILL, and cleans temp files on the next start', async () => {
		const kills = count(40, 200);
		const rng = random(seedFor('crash-safety'));
		const [first, second] = ids('aaaaaaaa', 2) as [string, string];
		const [tokenA, tokenB] = [mintToken(), mintToken()];
		const base = workspacesFile({
			prod: [
				[first, 'Alpha'],
				[second, 'Beta'],
			],
		});
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: first}},
			workspaces: base,
			auth: {[first]: tokenA, [second]: tokenB},
		});
		const allowed: Record<string, string[]> = {
			'config.json': [first, second].map(id => ntnJson({version: '1', defaultWorkspaceIds: {prod: id}})),
			'workspaces.json': [ntnJson(base), ntnJson({...base, environments: {...base.environments, big: bigEntries(BIG)}})],
			'auth.json': [tokenA, tokenB].map(token => ntnJson({[first]: token, [second]: tokenB})),
		};
		const child = await childPath('crash-writer');
		const failures: string[] = [];
		const stats = {killed: 0, midWrite: 0, removed: 0, stateTemps: 0};

		// At least `kills` kills, and more until a few of them landed while a temp file existed (capped).
		for (let kill = 0; kill < kills || (stats.midWrite < 3 && kill < kills * 10); kill++) {
			const writer = spawn(process.execPath, [child, home.dir, first, second, tokenA, tokenB, String(BIG)], {
				env: {...process.env, ...home.env},
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			const exited = new Promise<NodeJS.Signals | null>(resolve => writer.on('exit', (_, signal) => resolve(signal)));
			let stderr = '';
			writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const ready = await new Promise<boolean>(resolve => {
				writer.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(true));
				void exited.then(() => resolve(false));
			});
			expect(ready, `the writer died before it was ready: ${stderr}`).toBe(true);
			await new Promise(resolve => setTimeout(resolve, rng.int(40)));
			writer.kill('SIGKILL');
			expect(await exited).toBe('SIGKILL');
			stats.killed++;

			for (const [name, contents] of Object.entries(allowed)) {
				const bytes = await fs.readFile(path.join(home.dir, name), 'utf8');
				try {
					JSON.parse(bytes);
				} catch {
					failures.push(`kill ${kill}: ${name} does not parse`);
					continue;
				}
				if (!contents.includes(bytes)) failures.push(`kill ${kill}: ${name} is neither the old nor the new content`);
			}
			const mode = (await fs.stat(path.join(home.dir, 'auth.json'))).mode & 0o777;
			if (mode !== 0o600) failures.push(`kill ${kill}: auth.json has mode ${mode.toString(8)}`);
			// notion-tokens' own files: state.json, written through its own temp files.
			const stateFiles = await fs.readdir(home.stateDir).catch(() => [] as string[]);
			for (const name of ['state.json']) {
				if (stateFiles.includes(name)) JSON.parse(await fs.readFile(path.join(home.stateDir, name), 'utf8'));
			}
			const stateTemps = stateFiles.filter(name => !OWN_FILES.includes(name));
			stats.stateTemps += stateTemps.length;

			const left = (await fs.readdir(home.dir)).filter(name => TEMP.test(name));
			if (left.length > 0) stats.midWrite++;
			const next = createCore({env: home.env});
			await next.inventory();
			await next.preferences();
			const after = (await fs.readdir(home.dir)).filter(name => TEMP.test(name));
			stats.removed += left.length - after.length;
			if (after.length > 0) failures.push(`kill ${kill}: temp files survived the next start: ${after.join(', ')}`);
			const stateAfter = (await fs.readdir(home.stateDir).catch(() => [] as string[])).filter(name => !OWN_FILES.includes(name));
			if (stateAfter.length > 0) failures.push(`kill ${kill}: state temp files survived the next start: ${stateAfter.join(', ')}`);
		}

		figure(
			`${stats.killed} SIGKILLs survived (${stats.midWrite} landed mid-write and left a temp file; ${stats.removed} temp files removed on the next start, ` +
				`and ${stats.stateTemps} of notion-tokens' own state file), ${failures.length} files unparsable, torn, with a wrong mode or left behind (seed ${rng.seed})`,
		);
		expect(failures).toEqual([]);
		expect(stats.killed).toBeGreaterThanOrEqual(kills);
		expect(stats.midWrite).toBeGreaterThanOrEqual(3);
	}, 600_000);
});
