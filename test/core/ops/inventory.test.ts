import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, workspacesFile} from '../../helpers/ntn-home.js';
import {coreOf} from '../../peer/helpers/core.js';
import {debugTokenTable, runNtn} from '../../peer/helpers/ntn.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const TOKEN_A = 'ntn_inv_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_inv_token_BBBB_0123456789abcdef';
const API_TOKEN = 'secret_override_token_0123456789abcdefXYZ';

const codes = (problems: Array<{code: string}>) => problems.map(problem => problem.code);

describe('which token store: NOTION_KEYRING exactly 0, or "keyring": false in config.json', () => {
	const keychainValues = [undefined, '', '1', 'true', 'false', 'no', 'off', '00', ' 0', '0 ', '0.0', 'O'];
	for (const value of keychainValues) {
		it(`NOTION_KEYRING=${JSON.stringify(value)} → keychain`, async () => {
			const home = await ntnHome({keyring: true});
			const inventory = await coreOf(home, {extraEnv: {NOTION_KEYRING: value}}).inventory({tokens: 'default'});
			expect(inventory.store.kind).toBe('keychain');
			expect(inventory.store.reason).toBe(value === undefined || value === '' ? 'default' : `NOTION_KEYRING=${value} (only 0 selects auth.json)`);
		});
	}

	it('NOTION_KEYRING=0 → auth.json', async () => {
		const home = await ntnHome();
		expect((await coreOf(home).inventory()).store).toEqual({kind: 'file', reason: 'NOTION_KEYRING=0'});
	});

	it('"keyring": false in config.json → auth.json here, with a problem saying ntn 0.4.0 ignores it', async () => {
		const home = await ntnHome({keyring: true, config: {version: '1', keyring: false}});
		const inventory = await coreOf(home).inventory();
		expect(inventory.store).toEqual({kind: 'file', reason: 'config.json has "keyring": false'});
		const problem = inventory.problems.find(entry => entry.code === 'keyring-false-ignored');
		expect(problem?.message).toBe(
			'config.json has "keyring": false, which ntn 0.4.0 ignores: ntn keeps using the keychain, while notion-tokens uses auth.json',
		);
		expect(problem?.fix).toContain('NOTION_KEYRING=0');
	});

	it('"keyring": false together with NOTION_KEYRING=0 agrees with ntn: no problem', async () => {
		const home = await ntnHome({config: {version: '1', keyring: false}});
		const inventory = await coreOf(home).inventory();
		expect(inventory.store.kind).toBe('file');
		expect(inventory.problems).toEqual([]);
	});

	it('"keyring": true, "false" or 0 in config.json change nothing', async () => {
		for (const keyring of [true, 'false', 0]) {
			const home = await ntnHome({keyring: true, config: {version: '1', keyring}});
			const inventory = await coreOf(home).inventory({tokens: 'default'});
			expect(inventory.store.kind).toBe('keychain');
			expect(codes(inventory.problems)).not.toContain('keyring-false-ignored');
		}
	});
});

describe('problems, each with a fix', () => {
	it('a healthy file-mode home has none', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
			auth: {[A]: TOKEN_A},
		});
		expect((await coreOf(home).inventory({tokens: 'default'})).problems).toEqual([]);
	});

	it('auth.json readable by others or by its group, in either store mode', async () => {
		for (const [mode, who] of [
			[0o644, 'everyone'],
			[0o604, 'everyone'],
			[0o640, 'its group'],
		] as const) {
			for (const keyring of [false, true]) {
				const home = await ntnHome({keyring, auth: {}});
				await fs.chmod(path.join(home.dir, 'auth.json'), mode);
				const problem = (await coreOf(home).inventory({tokens: 'default'})).problems.find(entry => entry.code === 'auth-file-readable');
				expect(problem?.message).toBe(`${path.join(home.dir, 'auth.json')} holds tokens in plain text and is readable by ${who} (mode ${mode.toString(8)})`);
				expect(problem?.fix).toBe('Run `notion-tokens fix-permissions` (sets it to 600).');
			}
		}
		const home = await ntnHome({auth: {}});
		expect((await coreOf(home).inventory()).problems).toEqual([]);
	});

	it('a config dir others can write, when it holds auth.json', async () => {
		const home = await ntnHome({auth: {}});
		await fs.chmod(home.dir, 0o777);
		expect(codes((await coreOf(home).inventory()).problems)).toEqual(['config-dir-writable']);
		const empty = await ntnHome();
		await fs.chmod(empty.dir, 0o777);
		expect((await coreOf(empty).inventory()).problems).toEqual([]);
	});

	it('the default workspace without a token, unless NOTION_API_TOKEN supplies one', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
			auth: {[B]: TOKEN_B},
		});
		const problems = (await coreOf(home).inventory({tokens: 'default'})).problems;
		expect(problems).toEqual([
			{
				code: 'default-without-token',
				message: `The default workspace of prod (Alpha, ${A}) has no stored token, so ntn cannot call the API`,
				fix: 'Run `ntn login` and pick it again, or choose another with `notion-tokens use <workspace>`.',
			},
		]);
		const overridden = await coreOf(home, {extraEnv: {NOTION_API_TOKEN: API_TOKEN}}).inventory({tokens: 'default'});
		expect(codes(overridden.problems)).toEqual([]);
	});

	it('NOTION_WORKSPACE_ID naming no cached workspace of the environment: ntn finds no token for it', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']], dev: [[B, 'Beta']]}),
			auth: {[A]: TOKEN_A, [B]: TOKEN_B},
		});
		const unknown = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
		const expected = {
			code: 'workspace-override-unknown',
			message: `NOTION_WORKSPACE_ID=${unknown} names no workspace cached in prod, so ntn in this shell finds no token for it`,
			fix: 'Set NOTION_WORKSPACE_ID to the id of a cached workspace (`notion-tokens workspaces` lists them), or unset it.',
		};
		for (const tokens of ['all', 'default'] as const) {
			expect((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: unknown}}).inventory({tokens})).problems).toEqual([expected]);
		}
		expect((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: unknown}}).status()).problems).toEqual([expected]);
		// Cached in another environment only is still unknown to this one.
		expect(codes((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: B}}).status()).problems)).toEqual(['workspace-override-unknown']);
		// A cached id, or an empty value (ntn ignores it), is no problem.
		expect((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: A}}).status()).problems).toEqual([]);
		expect((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: ''}}).status()).problems).toEqual([]);
	});

	it('a default that is not in the workspace cache but has a token is fine (ntn uses it)', async () => {
		const home = await ntnHome({config: {version: '1', defaultWorkspaceIds: {prod: A}}, auth: {[A]: TOKEN_A}});
		const inventory = await coreOf(home).inventory({tokens: 'default'});
		expect(inventory.defaultWorkspaceId).toBe(A);
		expect(inventory.problems).toEqual([]);
	});

	it('one workspace id cached in two environments: one token shared (§5.1)', async () => {
		const home = await ntnHome({workspaces: workspacesFile({prod: [[A, 'Alpha']], local: [[A, 'Alpha (local)']]}), auth: {[A]: TOKEN_A}});
		const problems = (await coreOf(home).inventory()).problems;
		expect(problems).toEqual([
			{
				code: 'shared-token',
				message: `Workspace ${A} is cached in local and prod, which share one token: \`ntn logout\` in one deletes it for the other`,
				fix: `Use \`notion-tokens logout ${A} --env <env>\`, which keeps a token another environment still uses.`,
			},
		]);
	});
});

describe('overrides are shown, never hidden', () => {
	it('lists each variable ntn honours, with what it does; the token is masked', async () => {
		const home = await ntnHome();
		const inventory = await coreOf(home, {
			extraEnv: {NOTION_API_TOKEN: API_TOKEN, NOTION_WORKSPACE_ID: B, NOTION_ENV: 'dev', NOTION_API_BASE_URL: 'http://127.0.0.1:9'},
		}).inventory();
		expect(inventory.environment).toBe('dev');
		expect(inventory.overrides).toEqual([
			{variable: 'NOTION_API_TOKEN', value: 'secr…fXYZ', effect: 'ntn uses this token instead of any stored token'},
			{variable: 'NOTION_WORKSPACE_ID', value: B, effect: 'ntn uses this workspace instead of the default in config.json'},
			{variable: 'NOTION_KEYRING', value: '0', effect: 'tokens are kept in auth.json, not the keychain'},
			{variable: 'NOTION_HOME', value: home.dir, effect: 'ntn keeps its files in this directory'},
			{variable: 'NOTION_ENV', value: 'dev', effect: 'selects the environment (local, dev, stg or prod)'},
			{variable: 'NOTION_API_BASE_URL', value: 'http://127.0.0.1:9', effect: "API calls go to this address instead of the environment's own"},
		]);
		expect(JSON.stringify(inventory)).not.toContain(API_TOKEN);
	});

	it('NOTION_KEYRING other than 0 is shown as having no effect; empty variables are not overrides', async () => {
		const home = await ntnHome({keyring: true});
		const inventory = await coreOf(home, {extraEnv: {NOTION_KEYRING: 'false', NOTION_API_TOKEN: '', NOTION_WORKSPACE_ID: ''}}).inventory({tokens: 'default'});
		expect(inventory.overrides.map(override => [override.variable, override.effect])).toEqual([
			['NOTION_KEYRING', 'no effect: only the value 0 selects auth.json'],
			['NOTION_HOME', 'ntn keeps its files in this directory'],
		]);
	});
});

describe('workspaces, sorted as ntn sorts them', () => {
	const names = ['beta', 'Émile', '_under', 'Zulu', '2 digits', 'alpha', 'Alpha', '10 digits'];
	const ids = names.map((_, index) => `0000000${index}-0000-4000-8000-000000000000`);

	it('by name in byte order, as the picker and ntn debug order them', async () => {
		const home = await ntnHome({workspaces: workspacesFile({prod: names.map((name, index) => [ids[index]!, name])}), auth: {}});
		const inventory = await coreOf(home).inventory();
		const expected = ['10 digits', '2 digits', 'Alpha', 'Zulu', '_under', 'alpha', 'beta', 'Émile'];
		expect(inventory.workspaces.map(row => row.name)).toEqual(expected);
		const debug = await runNtn(['debug'], home.env);
		expect(debugTokenTable(debug.stdout).map(row => row.name)).toEqual(expected);
	});

	it('one environment by default; --all-envs lists every environment key, unknown ones too', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A, zz: B}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']], zz: [[B, 'Beta']], dev: [[A, 'Alpha']]}),
			auth: {[A]: TOKEN_A},
		});
		const core = coreOf(home);
		const one = await core.inventory();
		expect(one.workspaces.map(row => [row.environment, row.name, row.isDefault])).toEqual([['prod', 'Alpha', true]]);
		const all = await core.inventory({allEnvironments: true});
		expect(all.workspaces.map(row => [row.environment, row.name, row.isDefault, row.token.state])).toEqual([
			['dev', 'Alpha', false, 'present'],
			['prod', 'Alpha', true, 'present'],
			['zz', 'Beta', true, 'missing'],
		]);
		expect(all.defaults).toEqual({prod: A, zz: B});
	});
});

describe('status: the inventory counted, not listed', () => {
	it('counts the environment\u2019s workspaces and names its default, with the same problems as the inventory', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: B}},
			workspaces: workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
				],
				dev: [[A, 'Alpha']],
			}),
			auth: {[A]: TOKEN_A},
		});
		const core = coreOf(home);
		const status = await core.status();
		expect(status.workspaceCount).toBe(2);
		expect(status.defaultWorkspaceName).toBe('Beta');
		expect(status).not.toHaveProperty('workspaces');
		const inventory = await core.inventory({tokens: 'default'});
		expect(codes(status.problems)).toEqual(codes(inventory.problems));
		expect(codes(status.problems)).toContain('default-without-token');
		expect((await core.status({environment: 'dev'})).workspaceCount).toBe(1);
	});

	it('a default that is not in the workspace cache has no name', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: B}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
			auth: {[A]: TOKEN_A, [B]: TOKEN_B},
		});
		const status = await coreOf(home).status();
		expect(status).toMatchObject({defaultWorkspaceId: B, defaultWorkspaceName: null, workspaceCount: 1});
	});
});
