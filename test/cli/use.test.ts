import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, ntnJson, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const TOKEN_A = 'ntn_use_cli_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_use_cli_token_BBBB_0123456789abcdef';

const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
			[C, 'Gamma'],
		],
		dev: [[B, 'Beta']],
	}),
	auth: {[A]: TOKEN_A, [B]: TOKEN_B},
});

describe('use', () => {
	it("switches and says so; config.json is exactly what ntn's picker writes", async () => {
		const home = await ntnHome(files());
		const result = await runCli(['use', 'Beta'], home.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`✓ Switched to workspace Beta (${B}, prod)\n`);
		expect(result.stderr).toBe('');
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {prod: B}}));
	});

	it('--json gives previous and current as workspace rows', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['use', B, '--json'], home.env);
		expect(JSON.parse(result.stdout)).toEqual({
			environment: 'prod',
			previous: {id: A, name: 'Alpha', environment: 'prod', isDefault: false, hasToken: true, maskedToken: 'ntn_…cdef', storage: 'file', tokenId: null},
			current: {id: B, name: 'Beta', environment: 'prod', isDefault: true, hasToken: true, maskedToken: 'ntn_…cdef', storage: 'file', tokenId: null},
			shadowedBy: null,
		});
	});

	it('--env switches that environment only', async () => {
		const home = await ntnHome(files());
		expect((await runCli(['use', 'Beta', '--env', 'dev'], home.env)).stdout).toBe(`✓ Switched to workspace Beta (${B}, dev)\n`);
		expect(JSON.parse(await home.read('config.json'))).toEqual({version: '1', defaultWorkspaceIds: {prod: A, dev: B}});
	});

	it('use - switches back', async () => {
		const home = await ntnHome(files());
		await runCli(['use', 'Beta'], home.env);
		const back = await runCli(['use', '-'], home.env);
		expect(back.stdout).toBe(`✓ Switched to workspace Alpha (${A}, prod)\n`);
		expect(JSON.parse(await home.read('config.json')).defaultWorkspaceIds).toEqual({prod: A});
		expect(await fs.readdir(home.stateDir)).toEqual(['state.json']);
	});

	it('use - after the previous default was logged out: says so and what to do, exit 3, nothing changed', async () => {
		const home = await ntnHome(files());
		expect((await runCli(['use', 'Beta'], home.env)).code).toBe(0);
		expect((await runCli(['logout', 'Alpha', '--yes'], home.env)).code).toBe(0);
		const config = await home.read('config.json');
		const result = await runCli(['use', '-'], home.env);
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`error: The previous default workspace of prod (${A}) is no longer cached (logged out?), so \`use -\` cannot switch back to it\n` +
				'  hint: Pick a workspace with `notion-tokens use <workspace>` (`notion-tokens workspaces` lists them), or sign in to it again with `ntn login`.\n',
		);
		expect(await home.read('config.json')).toBe(config);
	});

	it('use - with no previous default: error with a hint, exit 3', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['use', '-'], home.env);
		expect(result.code).toBe(3);
		expect(result.stderr).toBe(
			'error: There is no previous default workspace for prod to switch back to\n' +
				'  hint: Switch with `notion-tokens use <workspace>` first; `use -` then toggles between the last two.\n',
		);
	});

	it('refuses a workspace with no stored token, saying to run `ntn login`; config.json unchanged', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['use', 'Gamma'], home.env);
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`error: Gamma (${C}) has no stored token in the auth.json file, so ntn could not use it\n` + '  hint: Run `ntn login` and pick Gamma to sign in again.\n',
		);
		expect(await home.read('config.json')).toBe(ntnJson(files().config));
	});

	it('an unknown workspace is exit 3, an ambiguous one a usage error (exit 2)', async () => {
		const home = await ntnHome({
			...files(),
			workspaces: workspacesFile({
				prod: [
					[A, 'Twin'],
					[B, 'Twin'],
				],
			}),
		});
		const unknown = await runCli(['use', 'Nope'], home.env);
		expect(unknown.code).toBe(3);
		expect(unknown.stderr).toBe(
			"error: No cached workspace in prod matches 'Nope'; known: Twin, Twin\n  hint: Run `notion-tokens workspaces` to list them, or `ntn login` to add one.\n",
		);
		const ambiguous = await runCli(['use', 'Twin'], home.env);
		expect(ambiguous.code).toBe(2);
		expect(ambiguous.stderr).toContain(`error: 'Twin' matches 2 workspaces in prod: Twin (${A}), Twin (${B})\n  hint: Name the workspace by its full id.\n`);
	});

	it('warns when NOTION_WORKSPACE_ID keeps ntn on another workspace in this shell', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['use', 'Beta'], {...home.env, NOTION_WORKSPACE_ID: A});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(`warning: NOTION_WORKSPACE_ID=${A} is set in this shell, so ntn keeps using that workspace here until you unset it.\n`);
	});

	it("never writes anything of its own into ntn's dir", async () => {
		const home = await ntnHome(files());
		await runCli(['use', 'Beta'], home.env);
		await runCli(['use', '-'], home.env);
		expect((await fs.readdir(home.dir)).sort()).toEqual(['auth.json', 'config.json', 'workspaces.json']);
		expect(Object.keys(JSON.parse(await home.read('config.json')))).toEqual(['version', 'defaultWorkspaceIds']);
		expect(path.dirname(home.stateDir)).not.toBe(home.dir);
	});
});
