import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnHome, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {freshId} from './helpers/core.js';
import {findNtnKey, readNtnKey} from './helpers/keyctl.js';
import {startLoginMock, type LoginMock} from './helpers/login-mock.js';
import {debugTokenTable, NTN, runNtn} from './helpers/ntn.js';
import {startTmux} from './helpers/tmux.js';

/**
 * The real `ntn login` (NOTION_ENV=local, on a terminal) writes the state notion-tokens then reads
 * and changes; ntn's own picker and `notion-tokens use` make the same change.
 */

let mock: LoginMock;
let noBrowser: string;
beforeAll(async () => {
	mock = await startLoginMock();
	noBrowser = await fs.mkdtemp(path.join(os.tmpdir(), 'nt-nobrowser-'));
});
afterAll(async () => {
	await mock.close();
	await fs.rm(noBrowser, {recursive: true, force: true});
});

const mask = (token: string) => `${token.slice(0, 4)}…${token.slice(-4)}`;

/** Runs `ntn login` on a terminal; `pick` answers its workspace picker (tmux key names). */
async function ntnLogin(home: NtnHome, pick?: {expect: string[]; keys: string[]}) {
	// No browser opener on PATH: ntn prints the URL and polls, which the mock confirms at once.
	const terminal = startTmux([NTN, 'login'], {...home.env, NOTION_ENV: 'local', PATH: noBrowser});
	if (pick) {
		const screen = await terminal.waitFor('Authenticate with new workspace');
		for (const line of pick.expect) expect(screen).toContain(line);
		terminal.keys(...pick.keys);
	}
	return terminal.waitFor(/EXIT=\d+/, 10_000);
}

function workspace(name: string) {
	const spaceId = freshId();
	return {token: mintToken({spaceId}), spaceId, spaceName: name};
}

const ourRows = async (home: NtnHome) =>
	JSON.parse((await runCli(['workspaces', '--json', '--env', 'local'], home.env)).stdout) as Array<Record<string, unknown>>;

describe('after a real `ntn login` (keychain)', () => {
	it('we list what ntn stored, switch exactly as its picker does, and our logout is what its picker then sees', async () => {
		const home = await ntnHome({keyring: true});
		const beta = workspace('Beta');
		const alpha = workspace('Alpha');
		mock.next.push(beta);
		expect(await ntnLogin(home)).toContain('✔ Authenticated!');
		mock.next.push(alpha);
		expect(await ntnLogin(home, {expect: ['Beta'], keys: ['Down', 'Enter']})).toContain('EXIT=0');
		expect(readNtnKey(alpha.spaceId)).toBe(alpha.token);

		expect(await ourRows(home)).toEqual([
			{
				id: alpha.spaceId,
				name: 'Alpha',
				environment: 'local',
				isDefault: true,
				hasToken: true,
				maskedToken: mask(alpha.token),
				storage: 'keychain',
				tokenId: alpha.token.split('.')[1],
			},
			{
				id: beta.spaceId,
				name: 'Beta',
				environment: 'local',
				isDefault: false,
				hasToken: true,
				maskedToken: mask(beta.token),
				storage: 'keychain',
				tokenId: beta.token.split('.')[1],
			},
		]);
		const debug = debugTokenTable((await runNtn(['debug'], home.env)).stdout);
		expect(debug.map(row => [row.name, row.tokenId, row.spaceId])).toEqual([
			['Alpha', alpha.token.split('.')[1], alpha.spaceId],
			['Beta', beta.token.split('.')[1], beta.spaceId],
		]);

		// ntn's picker: cached workspaces sorted by name, then "Authenticate with new workspace".
		const switched = await ntnLogin(home, {expect: ['Alpha', 'Beta'], keys: ['Down', 'Enter']});
		expect(switched).toContain('✔ Switched to workspace Beta');
		const ntnConfig = await home.read('config.json');
		expect((await runCli(['use', 'Alpha', '--env', 'local'], home.env)).code).toBe(0);
		expect((await runCli(['use', 'Beta', '--env', 'local'], home.env)).code).toBe(0);
		expect(await home.read('config.json')).toBe(ntnConfig);

		expect((await runCli(['logout', 'Beta', '--yes', '--env', 'local'], home.env)).code).toBe(0);
		expect(findNtnKey(beta.spaceId)).toBeNull();
		const terminal = startTmux([NTN, 'login'], {...home.env, NOTION_ENV: 'local', PATH: noBrowser});
		const picker = await terminal.waitFor('Authenticate with new workspace');
		expect(picker).toContain('Alpha');
		expect(picker).not.toContain('Beta');
		terminal.keys('C-c');
		expect(await terminal.waitFor(/EXIT=\d+/)).toContain('EXIT=130');
		expect(mock.next).toEqual([]);
	});
});

describe('after a real `ntn login` (file mode)', () => {
	it("ntn creates auth.json 0644; status flags it; fix-permissions makes it 600, which ntn's next login keeps", async () => {
		const home = await ntnHome();
		const first = workspace('First');
		mock.next.push(first);
		expect(await ntnLogin(home)).toContain('✔ Authenticated!');
		const auth = path.join(home.dir, 'auth.json');
		expect((await fs.stat(auth)).mode & 0o777).toBe(0o644);
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[first.spaceId]: first.token});

		const status = await runCli(['status', '--json', '--env', 'local'], home.env);
		expect(status.code).toBe(1);
		expect((JSON.parse(status.stdout) as {problems: Array<{code: string}>}).problems.map(problem => problem.code)).toEqual(['auth-file-readable']);
		expect((await runCli(['fix-permissions'], home.env)).code).toBe(0);
		expect((await fs.stat(auth)).mode & 0o777).toBe(0o600);

		const second = workspace('Second');
		mock.next.push(second);
		await ntnLogin(home, {expect: ['First'], keys: ['Down', 'Enter']});
		expect((await fs.stat(auth)).mode & 0o777).toBe(0o600);
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[first.spaceId]: first.token, [second.spaceId]: second.token});
		expect((await ourRows(home)).map(row => [row['name'], row['hasToken'], row['isDefault']])).toEqual([
			['First', true, false],
			['Second', true, true],
		]);
		expect((await runCli(['status', '--env', 'local'], home.env)).code).toBe(0);
	});
});
