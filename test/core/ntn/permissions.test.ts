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
			expect(await coreOf(home).fixPermissions()).toEqual({path: auth, before, after: 0o600, changed: true});
			expect(await modeOf(auth)).toBe(0o600);
			expect((await coreOf(home).inventory()).problems).toEqual([]);
		});
	}

	it('a private file is left as it is', async () => {
		const home = await ntnHome({auth: {}});
		const auth = path.join(home.dir, 'auth.json');
		await fs.chmod(auth, 0o400);
		expect(await coreOf(home).fixPermissions()).toEqual({path: auth, before: 0o400, after: 0o400, changed: false});
		expect(await modeOf(auth)).toBe(0o400);
	});

	it('removes write access for group and others from the config dir', async () => {
		const home = await ntnHome({auth: {}});
		await fs.chmod(home.dir, 0o777);
		await fs.chmod(path.join(home.dir, 'auth.json'), 0o600);
		expect((await coreOf(home).fixPermissions()).changed).toBe(true);
		expect(await modeOf(home.dir)).toBe(0o755);
	});

	it('no auth.json: nothing to do', async () => {
		const home = await ntnHome();
		expect(await coreOf(home).fixPermissions()).toEqual({path: path.join(home.dir, 'auth.json'), before: null, after: null, changed: false});
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
