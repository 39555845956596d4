import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, workspacesFile} from '../../helpers/ntn-home.js';
import {coreOf} from '../../peer/helpers/core.js';
import {runNtn} from '../../peer/helpers/ntn.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777;

describe('fix-permissions: auth.json readable by its owner alone', () => {
	for (const before of [0o644, 0o640, 0o666, 0o604, 0o755]) {
		it(`${before.toString(8)} → 600`, async () => {
			const home = await ntnHome({auth: {}});
			const auth = path.join(home.dir, 'auth.json');
			await fs.chmod(auth, before);
			expect(await coreOf(home).fixPermissions()).toEqual({path: auth, before, after: 0o600, changed: true, remaining: []});
			expect(await modeOf(auth)).toBe(0o600);
			expect((await coreOf(home).inventory()).problems).toEqual([]);
		});
	}

	it('a private file is left as it is', async () => {
		const home = await ntnHome({auth: {}});
		const auth = path.join(home.dir, 'auth.json');
		await fs.chmod(auth, 0o400);
		expect(await coreOf(home).fixPermissions()).toEqual({path: auth, before: 0o400, after: 0o400, changed: false, remaining: []});
		expect(await modeOf(auth)).toBe(0o400);
	});

	for (const dirMode of [0o777, 0o1777, 0o775, 0o757]) {
		it(`never changes the config dir's mode (${dirMode.toString(8)}): status keeps reporting it, with its own fix`, async () => {
			const home = await ntnHome({auth: {}});
			const auth = path.join(home.dir, 'auth.json');
			await fs.chmod(home.dir, dirMode);
			await fs.chmod(auth, 0o644);
			const result = await coreOf(home).fixPermissions();
			expect(result).toMatchObject({path: auth, before: 0o644, after: 0o600, changed: true});
			expect((await fs.stat(home.dir)).mode & 0o7777).toBe(dirMode);
			expect(await modeOf(auth)).toBe(0o600);
			const problems = (await coreOf(home).inventory()).problems;
			expect(problems.map(problem => problem.code)).toEqual(['config-dir-writable']);
			expect(problems[0]!.fix).toContain(`chmod go-w ${home.dir}`);
			expect(problems[0]!.fix).not.toContain('notion-tokens fix-permissions');
			expect(result.remaining).toEqual(problems);
		});
	}

	it('a shared sticky dir is described as one', async () => {
		const home = await ntnHome({auth: {}});
		await fs.chmod(home.dir, 0o1777);
		const [problem] = (await coreOf(home).inventory()).problems;
		expect(problem!.message).toBe(
			`${home.dir} can be written by everyone (mode 1777); it is sticky, so others cannot replace auth.json, but they can add the files ntn has not written yet`,
		);
	});

	it('no auth.json: nothing to do', async () => {
		const home = await ntnHome();
		expect(await coreOf(home).fixPermissions()).toEqual({path: path.join(home.dir, 'auth.json'), before: null, after: null, changed: false, remaining: []});
		expect(await home.exists('auth.json')).toBe(false);
	});

	it('ntn keeps the fixed mode when it rewrites auth.json afterwards', async () => {
		const home = await ntnHome({workspaces: workspacesFile({prod: [[A, 'Alpha']]}), auth: {[A]: 'ntn_perm_token_0123456789abcdef'}});
		const auth = path.join(home.dir, 'auth.json');
		await fs.chmod(auth, 0o644);
		await coreOf(home).fixPermissions();
		const ntn = await runNtn(['logout'], home.env);
		expect(ntn.code).toBe(0);
		expect(await home.read('auth.json')).toBe('{}');
		expect(await modeOf(auth)).toBe(0o600);
	});
});
