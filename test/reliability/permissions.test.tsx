/**
 * Reliability 5: permissions. auth.json holds tokens in plain text: notion-tokens creates it 0600
 * whatever the umask, keeps the mode of an existing file (as ntn does), creates a missing config
 * folder private to the user; `status` flags an auth.json that its group or everyone can read and
 * a folder others can write; `notion-tokens fix-permissions` and the UI's `p` key repair auth.json and
 * leave the folder's mode to its owner.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCore} from '../../source/core/services.js';
import {ntnPaths} from '../../source/core/ntn/files.js';
import {Secret} from '../../source/core/shared/secret.js';
import {FileTokenStore} from '../../source/core/ntn/token-store.js';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnHome, tempDir, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {renderApp} from '../ui/helpers/render-app.js';
import {figure} from './support/mode.js';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777;
const checks = {made: 0};
const check = <T,>(value: T) => {
	checks.made++;
	return expect(value);
};

/** Runs `body` with the process umask set to `mask`. */
async function withUmask<T>(mask: number, body: () => Promise<T>): Promise<T> {
	const previous = process.umask(mask);
	try {
		return await body();
	} finally {
		process.umask(previous);
	}
}

const cachedHome = (auth?: Record<string, string>, authMode = 0o600) =>
	ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		}),
	}).then(async home => {
		if (auth) await home.write('auth.json', auth, authMode);
		return home;
	});

describe('permissions', () => {
	it('creates auth.json 0600 under any umask, keeps an existing mode, and creates a missing folder 0700', async () => {
		for (const mask of [0o000, 0o002, 0o022, 0o077]) {
			await withUmask(mask, async () => {
				// A token stored in file mode.
				const stored = await cachedHome();
				await new FileTokenStore(ntnPaths(stored.dir), 'test').set(A, new Secret(mintToken()));
				check(await modeOf(path.join(stored.dir, 'auth.json'))).toBe(0o600);

				// ntn's logout writes `{}` when auth.json is absent; so do we, privately.
				const loggedOut = await cachedHome();
				check((await runCli(['logout', '--all', '--yes'], loggedOut.env)).code).toBe(0);
				check(await loggedOut.read('auth.json')).toBe('{}');
				check(await modeOf(path.join(loggedOut.dir, 'auth.json'))).toBe(0o600);

				// No config folder yet: it is created private (not writable, not even readable, by others).
				const root = await tempDir();
				const fresh = {HOME: root, NOTION_TOKENS_HOME: path.join(root, 'state'), NOTION_KEYRING: '0'};
				check((await runCli(['logout', '--all', '--yes'], fresh)).code).toBe(0);
				const folder = (await createCore({env: fresh}).inventory()).configDir!.path;
				check(await modeOf(folder)).toBe(0o700);
			});
		}

		// A rewrite keeps the mode the file has, as ntn does: tightening it is fix-permissions' job.
		for (const mode of [0o600, 0o640, 0o644]) {
			const home = await cachedHome({[A]: mintToken(), [B]: mintToken()}, mode);
			check((await runCli(['logout', 'Beta', '--yes'], home.env)).code).toBe(0);
			check(await modeOf(path.join(home.dir, 'auth.json'))).toBe(mode);
			check(JSON.parse(await home.read('auth.json'))).not.toHaveProperty(B);
		}
	});

	it('status flags a group- or world-readable auth.json and a folder others can write; fix-permissions repairs auth.json and leaves the folder as it is', async () => {
		const cases: Array<{auth: number; dir: number; flags: string[]}> = [
			{auth: 0o600, dir: 0o755, flags: []},
			{auth: 0o400, dir: 0o700, flags: []},
			{auth: 0o640, dir: 0o755, flags: ['auth-file-readable']},
			{auth: 0o644, dir: 0o755, flags: ['auth-file-readable']},
			{auth: 0o604, dir: 0o755, flags: ['auth-file-readable']},
			{auth: 0o666, dir: 0o777, flags: ['auth-file-readable', 'config-dir-writable']},
			{auth: 0o600, dir: 0o775, flags: ['config-dir-writable']},
			{auth: 0o600, dir: 0o757, flags: ['config-dir-writable']},
			{auth: 0o644, dir: 0o1777, flags: ['auth-file-readable', 'config-dir-writable']},
		];
		for (const {auth, dir, flags} of cases) {
			const home = await cachedHome({[A]: mintToken()}, auth);
			await fs.chmod(home.dir, dir);
			const status = await runCli(['status', '--json'], home.env);
			const codes = (JSON.parse(status.stdout) as {problems: Array<{code: string; message: string}>}).problems.map(problem => problem.code);
			check(codes.filter(code => code === 'auth-file-readable' || code === 'config-dir-writable')).toEqual(flags);
			check(status.code).toBe(flags.length > 0 ? 1 : 0);
			const text = await runCli(['status'], home.env);
			if (flags.includes('auth-file-readable'))
				check(text.stdout).toContain(`${path.join(home.dir, 'auth.json')} holds tokens in plain text and is readable by`);
			if (flags.includes('auth-file-readable')) check(text.stdout).toContain('notion-tokens fix-permissions');
			if (flags.includes('config-dir-writable')) check(text.stdout).toContain(`chmod go-w ${home.dir}`);

			const fixed = await runCli(['fix-permissions'], home.env);
			check(fixed.code).toBe(0);
			check(await modeOf(path.join(home.dir, 'auth.json'))).toBe(auth & 0o700);
			check((await fs.stat(home.dir)).mode & 0o7777).toBe(dir);
			check(fixed.stdout).toContain(flags.includes('auth-file-readable') ? 'only you can read it now' : 'is already private');
			if (flags.includes('config-dir-writable')) check(fixed.stdout).toContain(`left as it is: ${home.dir} can be written by`);
			else check(fixed.stdout).not.toContain(home.dir + ' can be');
			const after = JSON.parse((await runCli(['status', '--json'], home.env)).stdout) as {problems: Array<{code: string}>};
			check(after.problems.map(problem => problem.code)).toEqual(flags.filter(code => code === 'config-dir-writable'));
			check(JSON.parse((await runCli(['fix-permissions', '--json'], home.env)).stdout)).toMatchObject({changed: false});
		}
	});

	it('the UI offers p while auth.json is readable by others, and p repairs it', async () => {
		const home = await cachedHome({[A]: mintToken(), [B]: mintToken()}, 0o644);
		const auth = path.join(home.dir, 'auth.json');
		const app = renderApp(createCore({env: home.env}), {size: {columns: 120, rows: 30}});
		await app.waitFor('Press p to fix');
		await app.press('p');
		await app.waitFor(frame => frame.includes('only you can read it') && !frame.includes('Press p to fix'));
		check(await modeOf(auth)).toBe(0o600);
		figure(
			`permissions: ${checks.made} checks (auth.json created 0600 under umask 000/002/022/077, mode kept on rewrite, folder created 0700, status flags, fix-permissions, UI key p), 0 failed`,
			false,
		);
	});
});
