import {describe, expect, it} from 'vitest';
import {ntnHome, ntnJson, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const tok = (id: string) => `ntn_logout_cli_${id.slice(0, 4)}_0123456789abcdef`;

/** prod: Alpha (default), Beta; dev: Beta (shares Beta's token), Gamma (no token). */
const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A, dev: C}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
		],
		dev: [
			[B, 'Beta'],
			[C, 'Gamma'],
		],
	}),
	auth: {[A]: tok(A), [B]: tok(B)},
});

describe('logout <id|name>', () => {
	it('needs --yes off a terminal: usage error naming the flag, exit 2, nothing changed', async () => {
		const home = await ntnHome(files());
		for (const argv of [
			['logout', 'Alpha'],
			['logout', '--all'],
			['logout', '--all', '--all-envs'],
		]) {
			const result = await runCli(argv, home.env);
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe('error: Cannot confirm logout in a non-interactive environment.\n  hint: Use --yes to skip the confirmation prompt.\n');
		}
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
		expect(await home.read('workspaces.json')).toBe(ntnJson(files().workspaces));
	});

	it('--yes: logs out, says what happened to the default', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', 'Alpha', '--yes'], home.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`✓ Logged out of Alpha (${A}, prod)\nprod has no default workspace now.\n`);
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[B]: tok(B)});
		expect(JSON.parse(await home.read('config.json'))).toEqual({version: '1', defaultWorkspaceIds: {dev: C}});
	});

	it('keeps a token another environment still uses, and says so', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', 'Beta', '--yes'], home.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`✓ Logged out of Beta (${B}, prod)\n  token kept: dev still uses this workspace's token\nDefault workspace of prod: Alpha\n`);
		expect(JSON.parse(await home.read('auth.json'))).toEqual(files().auth);
	});

	it('a workspace with no token: said, and still forgotten', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', 'Gamma', '--yes', '--env', 'dev'], home.env);
		expect(result.stdout).toBe(`✓ Logged out of Gamma (${C}, dev) — no token was stored\ndev has no default workspace now.\n`);
	});

	it('--json: the results', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', 'Alpha', '--yes', '--json'], home.env);
		expect(JSON.parse(result.stdout)).toEqual([
			{
				environment: 'prod',
				removed: [{id: A, name: 'Alpha', environment: 'prod', isDefault: true, hasToken: false, maskedToken: null, storage: 'file', tokenId: null}],
				tokensDeleted: [A],
				tokensKept: [],
				defaultWorkspaceId: null,
				defaultWorkspaceName: null,
				warnings: [],
			},
		]);
	});

	it('an unknown workspace: exit 3, nothing changed', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', 'Nope', '--yes'], home.env);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain("error: No cached workspace in prod matches 'Nope'; known: Alpha, Beta\n");
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
	});

	it('needs a workspace, or --all', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', '--yes'], home.env);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'error: usage: notion-tokens logout <id|name> [--yes] [--json], or notion-tokens logout --all [--all-envs] [--yes] [--json]\n' +
				'  hint: Run `notion-tokens logout --help` for its arguments and options.\n',
		);
		expect((await runCli(['logout', 'Alpha', '--all', '--yes'], home.env)).code).toBe(2);
	});
});

describe('logout --all [--all-envs]', () => {
	it('the environment: every workspace, a warning for the token another environment loses (as with ntn)', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', '--all', '--yes'], home.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(`✓ Logged out of Alpha (${A}, prod)\n✓ Logged out of Beta (${B}, prod)\nprod has no default workspace now.\n`);
		expect(result.stderr).toBe(
			`warning: The token of ${B} was also the one dev used (ntn shares one token per workspace id); log in there again with \`ntn login\`.\n`,
		);
		expect(await home.read('auth.json')).toBe('{}');
	});

	it('--all-envs: every environment, in ntn\'s order, "Already logged out" where there was nothing', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['logout', '--all', '--all-envs', '--yes'], home.env);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(
			[
				'✓ Already logged out of local',
				'local has no default workspace now.',
				`✓ Logged out of Beta (${B}, dev)`,
				`✓ Logged out of Gamma (${C}, dev) — no token was stored`,
				'dev has no default workspace now.',
				'✓ Already logged out of stg',
				'stg has no default workspace now.',
				`✓ Logged out of Alpha (${A}, prod)`,
				`✓ Logged out of Beta (${B}, prod)`,
				'prod has no default workspace now.',
				'',
			].join('\n'),
		);
		expect(await home.read('workspaces.json')).toBe('{\n  "version": "1",\n  "environments": {}\n}');
		expect(await home.read('config.json')).toBe('{\n  "version": "1",\n  "defaultWorkspaceIds": {}\n}');
		expect(await home.read('auth.json')).toBe('{}');
	});
});
