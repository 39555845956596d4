/**
 * notion-tokens never changes which config dir ntn uses (ntn-compat §1): on a machine without
 * `~/.config`, and with XDG_CONFIG_HOME naming a dir that does not exist yet, every command and
 * the UI run, and then the real ntn 0.4.0 still resolves the same dir and sees the same default.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {mintToken, startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {ntnJson, tempDir, workspacesFile} from '../helpers/ntn-home.js';
import {headlessCommand, runCliProcess} from './helpers/headless-cli.js';
import {debugConfigPath, runNtn} from './helpers/ntn.js';
import {startTmux} from './helpers/tmux.js';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';

let server: MockNotion;
beforeAll(async () => {
	server = await startMockNotion();
});
afterAll(async () => server.close());

const COMMANDS = [
	['status'],
	['workspaces'],
	['use', 'Beta'],
	['use', '-'],
	['tokens'],
	['check'],
	['expiring'],
	['expiry-window'],
	['expiry-window', '40'],
	['revoke', 'tok-other', '--yes'],
	['logout', 'Beta', '--yes'],
];

async function machine(extraEnv: Record<string, string> = {}) {
	const home = await tempDir();
	const notion = path.join(home, '.notion');
	await fs.mkdir(notion);
	const tokens = {[A]: mintToken({tokenId: 'tok-alpha', spaceId: A}), [B]: mintToken({tokenId: 'tok-beta', spaceId: B})};
	for (const token of Object.values(tokens)) server.setToken(token, {});
	await fs.writeFile(path.join(notion, 'config.json'), ntnJson({version: '1', defaultWorkspaceIds: {prod: A}}));
	await fs.writeFile(
		path.join(notion, 'workspaces.json'),
		ntnJson(
			workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
				],
			}),
		),
	);
	await fs.writeFile(path.join(notion, 'auth.json'), ntnJson(tokens), {mode: 0o600});
	const env = {HOME: home, NOTION_KEYRING: '0', NOTION_API_BASE_URL: server.baseUrl, NOTION_PUBLIC_API_BASE_URL: server.baseUrl, ...extraEnv};
	return {home, notion, env};
}

async function everyCommandAndTheUi(env: Record<string, string>): Promise<string[]> {
	const codes: string[] = [];
	for (const argv of COMMANDS) codes.push(`${argv.join(' ')}: ${(await runCliProcess(argv, env)).code}`);
	const ui = startTmux(await headlessCommand(), env);
	try {
		await ui.waitFor('Alpha');
		ui.keys('2');
		await ui.waitFor('Tokens');
		ui.keys('q');
		await ui.waitFor('EXIT=');
	} finally {
		ui.kill();
	}
	return codes;
}

describe("ntn's config dir never moves because of notion-tokens", () => {
	it('a HOME without ~/.config: after every command and the UI, ntn still uses ~/.notion', async () => {
		const {home, notion, env} = await machine();
		const codes = await everyCommandAndTheUi(env);
		expect(codes).toContain('use Beta: 0');
		await expect(fs.stat(path.join(home, '.config'))).rejects.toThrow();
		const debug = await runNtn(['debug'], {HOME: home, NOTION_KEYRING: '0'});
		expect(debugConfigPath(debug.stdout)).toBe(path.join(notion, 'config.json'));
		// notion-tokens' own state went where ntn never looks.
		expect(JSON.parse(await fs.readFile(path.join(home, '.local/state/notion-tokens/state.json'), 'utf8'))).toMatchObject({
			preferences: {expiryWindowDays: 40},
		});
	});

	it('XDG_CONFIG_HOME naming a dir that does not exist yet stays absent', async () => {
		const {home, notion, env} = await machine();
		const xdg = path.join(home, 'xdg-config');
		await everyCommandAndTheUi({...env, XDG_CONFIG_HOME: xdg});
		await expect(fs.stat(xdg)).rejects.toThrow();
		await expect(fs.stat(path.join(home, '.config'))).rejects.toThrow();
		const debug = await runNtn(['debug'], {HOME: home, NOTION_KEYRING: '0', XDG_CONFIG_HOME: xdg});
		expect(debugConfigPath(debug.stdout)).toBe(path.join(notion, 'config.json'));
	});
});
