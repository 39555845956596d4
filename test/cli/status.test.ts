import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, tempDir, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const TOKEN_A = 'ntn_status_token_AAAA_0123456789abcdef';
const API_TOKEN = 'secret_status_override_0123456789abcdefXYZ';

const healthy = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
		],
	}),
	auth: {[A]: TOKEN_A},
});

describe('status', () => {
	it('healthy: says where everything is, exit 0', async () => {
		const home = await ntnHome(healthy());
		const result = await runCli(['status'], home.env);
		expect(result.code).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(
			[
				'Environment        prod',
				`Config dir         ${home.dir} (NOTION_HOME is set)`,
				'Token store        auth.json (plain file) (NOTION_KEYRING=0)',
				`Default workspace  Alpha ${A}`,
				'Workspaces         2 cached in prod',
				`Saved tokens       0 · new ones go to ${path.join(home.stateDir, 'tokens.json')} (NOTION_KEYRING=0)`,
				'',
				'Overrides in effect',
				'  NOTION_KEYRING=0  — tokens are kept in auth.json, not the keychain',
				`  NOTION_HOME=${home.dir}  — ntn keeps its files in this directory`,
				'',
				'✓ No problems found',
				'',
			].join('\n'),
		);
	});

	it('--json: the stable shape', async () => {
		const home = await ntnHome(healthy());
		const result = await runCli(['status', '--json'], {...home.env, NOTION_API_TOKEN: API_TOKEN});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toEqual({
			environment: 'prod',
			configDir: home.dir,
			configDirSource: 'NOTION_HOME',
			store: 'file',
			storeReason: 'NOTION_KEYRING=0',
			defaultWorkspaceId: A,
			defaultWorkspaceName: 'Alpha',
			workspaceCount: 2,
			overrides: [
				{variable: 'NOTION_API_TOKEN', value: 'secr…fXYZ', effect: 'ntn uses this token instead of any stored token'},
				{variable: 'NOTION_KEYRING', value: '0', effect: 'tokens are kept in auth.json, not the keychain'},
				{variable: 'NOTION_HOME', value: home.dir, effect: 'ntn keeps its files in this directory'},
			],
			problems: [],
			savedStore: {kind: 'file', reason: 'NOTION_KEYRING=0', where: path.join(home.stateDir, 'tokens.json'), count: 0},
		});
		expect(Object.keys(JSON.parse(result.stdout))).toEqual([
			'environment',
			'configDir',
			'configDirSource',
			'store',
			'storeReason',
			'defaultWorkspaceId',
			'defaultWorkspaceName',
			'workspaceCount',
			'overrides',
			'problems',
			'savedStore',
		]);
		expect(result.stdout).not.toContain(API_TOKEN);
	});

	it('reports which rule chose the config dir', async () => {
		const root = await tempDir();
		await fs.mkdir(path.join(root, '.config'));
		const env = {HOME: root, NOTION_KEYRING: '0', NOTION_TOKENS_HOME: path.join(root, 'state')};
		const json = JSON.parse((await runCli(['status', '--json'], env)).stdout);
		expect([json.configDir, json.configDirSource]).toEqual([path.join(root, '.config', 'notion'), '~/.config']);
		const text = (await runCli(['status'], env)).stdout;
		expect(text).toContain(`Config dir         ${path.join(root, '.config', 'notion')} (~/.config is a directory)`);
		await fs.rmdir(path.join(root, '.config'));
		const fallback = JSON.parse((await runCli(['status', '--json'], env)).stdout);
		expect([fallback.configDir, fallback.configDirSource]).toEqual([path.join(root, '.notion'), '~/.notion']);
	});

	it('nothing stored yet: healthy, and says how to start', async () => {
		const home = await ntnHome();
		const result = await runCli(['status'], home.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Default workspace  none\n');
		expect(result.stdout).toContain('Nothing stored for prod yet: run `ntn login` to sign in to a workspace.\n');
	});

	const problemCases: Array<[string, () => Promise<{env: Record<string, string>}>, string]> = [
		['a corrupt file', async () => ntnHome({...healthy(), config: '{"version":1}'}), 'corrupt-file'],
		[
			'auth.json readable by others',
			async () => {
				const home = await ntnHome(healthy());
				await fs.chmod(path.join(home.dir, 'auth.json'), 0o644);
				return home;
			},
			'auth-file-readable',
		],
		['the default workspace without a token', async () => ntnHome({...healthy(), auth: {}}), 'default-without-token'],
		[
			'one token shared by two environments',
			async () => ntnHome({...healthy(), workspaces: workspacesFile({prod: [[A, 'Alpha']], dev: [[A, 'Alpha']]})}),
			'shared-token',
		],
		[
			'"keyring": false, which ntn 0.4.0 ignores',
			async () => {
				const home = await ntnHome({...healthy(), config: {version: '1', defaultWorkspaceIds: {prod: A}, keyring: false}});
				const {NOTION_KEYRING: _, ...env} = home.env;
				return {env};
			},
			'keyring-false-ignored',
		],
	];
	for (const [label, make, code] of problemCases) {
		it(`exit 1 for ${label}, with the problem and its fix (text and --json)`, async () => {
			const {env} = await make();
			const json = await runCli(['status', '--json'], env);
			expect(json.code).toBe(1);
			const problems = JSON.parse(json.stdout).problems as Array<{code: string; message: string; fix: string}>;
			expect(problems.map(problem => problem.code)).toEqual([code]);
			const text = await runCli(['status'], env);
			expect(text.code).toBe(1);
			expect(text.stdout).toContain(`\n1 problem found\n  ✗ ${problems[0]!.message}\n    fix: ${problems[0]!.fix}\n`);
		});
	}

	it("NOTION_HOME naming a missing dir: ntn's message and hint, exit 3, nothing on stdout", async () => {
		const root = await tempDir();
		const missing = path.join(root, 'missing');
		for (const argv of [['status'], ['status', '--json'], ['workspaces'], ['use', 'x'], ['logout', '--all', '--yes']]) {
			const result = await runCli(argv, {HOME: root, NOTION_HOME: missing, NOTION_TOKENS_HOME: path.join(root, 'state')});
			expect(result.code).toBe(3);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe(
				`error: NOTION_HOME is set but does not point to an existing directory: ${missing}\n` +
					'  hint: Create the directory first, or unset NOTION_HOME to use the default config/cache locations.\n',
			);
		}
		// Nothing where ntn looks; at most notion-tokens' own state dir, for its lock.
		expect((await fs.readdir(root)).filter(name => name !== 'state')).toEqual([]);
	});

	it("no config dir at all: ntn's message and hint", async () => {
		const result = await runCli(['status'], {NOTION_TOKENS_HOME: await tempDir()});
		expect(result.code).toBe(3);
		expect(result.stderr).toBe('error: Could not determine config directory\n  hint: Set NOTION_HOME or XDG_CONFIG_HOME to a valid directory.\n');
	});

	it('with no command and no terminal, prints the same status', async () => {
		const home = await ntnHome(healthy());
		expect((await runCli([], home.env)).stdout).toBe((await runCli(['status'], home.env)).stdout);
		expect(JSON.parse((await runCli(['--json'], home.env)).stdout)).toEqual(JSON.parse((await runCli(['status', '--json'], home.env)).stdout));
	});

	it('shows every override in effect, NOTION_API_TOKEN masked', async () => {
		const home = await ntnHome(healthy());
		const result = await runCli(['status'], {...home.env, NOTION_API_TOKEN: API_TOKEN, NOTION_WORKSPACE_ID: B, NOTION_ENV: 'prod'});
		expect(result.stdout).toContain(
			[
				'Overrides in effect',
				'  NOTION_API_TOKEN=secr…fXYZ  — ntn uses this token instead of any stored token',
				`  NOTION_WORKSPACE_ID=${B}  — ntn uses this workspace instead of the default in config.json`,
				'  NOTION_KEYRING=0  — tokens are kept in auth.json, not the keychain',
				`  NOTION_HOME=${home.dir}  — ntn keeps its files in this directory`,
				'  NOTION_ENV=prod  — selects the environment (local, dev, stg or prod)',
			].join('\n'),
		);
		expect(result.stdout).not.toContain(API_TOKEN);
	});

	it('--env chooses the environment shown', async () => {
		const home = await ntnHome({
			...healthy(),
			config: {version: '1', defaultWorkspaceIds: {prod: A, dev: B}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']], dev: [[B, 'Beta']]}),
			auth: {[A]: TOKEN_A, [B]: TOKEN_A},
		});
		const json = JSON.parse((await runCli(['status', '--json', '--env', 'dev'], home.env)).stdout);
		expect([json.environment, json.defaultWorkspaceName]).toEqual(['dev', 'Beta']);
	});
});
