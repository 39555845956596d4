import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const TOKEN_A = mintToken({tokenId: 'tok-alpha', spaceId: A});
const TOKEN_C = 'ntn_ws_token_CCCC_0123456789abcdef';
const mask = (token: string) => `${token.slice(0, 4)}…${token.slice(-4)}`;

const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A, dev: C}},
	workspaces: workspacesFile({
		prod: [
			[B, 'beta'],
			[A, 'Alpha'],
		],
		dev: [[C, 'Gamma']],
	}),
	auth: {[A]: TOKEN_A, [C]: TOKEN_C},
});

describe('workspaces', () => {
	it('--json: [{id, name, environment, isDefault, hasToken, maskedToken, storage, tokenId}], sorted by name in byte order', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['workspaces', '--json'], home.env);
		expect(result.code).toBe(0);
		expect(result.stdout).toBe(
			`${JSON.stringify(
				[
					{id: A, name: 'Alpha', environment: 'prod', isDefault: true, hasToken: true, maskedToken: mask(TOKEN_A), storage: 'file', tokenId: 'tok-alpha'},
					{id: B, name: 'beta', environment: 'prod', isDefault: false, hasToken: false, maskedToken: null, storage: 'file', tokenId: null},
				],
				null,
				2,
			)}\n`,
		);
	});

	it('--json with a long list (written in pieces) prints the same bytes as one indented array', async () => {
		const rows = Array.from({length: 1234}, (_, index): [string, string] => [
			`${String(index).padStart(8, '0')}-aaaa-4aaa-8aaa-aaaaaaaaaaaa`,
			`Workspace ${index}`,
		]);
		const home = await ntnHome({
			workspaces: workspacesFile({prod: rows}),
			auth: Object.fromEntries(rows.map(([id], index) => [id, `ntn_long_list_${index}_0123456789abcdef`])),
		});
		const {stdout, code} = await runCli(['workspaces', '--json'], home.env);
		expect(code).toBe(0);
		const parsed = JSON.parse(stdout) as Array<{id: string; maskedToken: string}>;
		expect(parsed).toHaveLength(1234);
		expect(new Set(parsed.map(row => row.id)).size).toBe(1234);
		expect(stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
	});

	it('removes the answer caches earlier versions left in the state dir, and answers from the files', async () => {
		const rows = Array.from({length: 30}, (_, index): [string, string] => [`${String(index).padStart(8, '0')}-bbbb-4bbb-8bbb-bbbbbbbbbbbb`, `Space ${index}`]);
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: rows[0]![0]}},
			workspaces: workspacesFile({prod: rows}),
			auth: Object.fromEntries(rows.map(([id], index) => [id, `ntn_cached_list_${index}_0123456789abcdef`])),
		});
		await fs.mkdir(home.stateDir, {recursive: true});
		for (const name of ['status-cache.json', 'inventory-cache.json']) await fs.writeFile(path.join(home.stateDir, name), '{"version":1,"entries":[]}');
		expect((await runCli(['workspaces', '--json'], home.env)).code).toBe(0);
		expect((await runCli(['use', 'Space 7'], home.env)).code).toBe(0);
		const after = JSON.parse((await runCli(['workspaces', '--json'], home.env)).stdout) as Array<{name: string; isDefault: boolean}>;
		expect(after.filter(row => row.isDefault).map(row => row.name)).toEqual(['Space 7']);
		expect(JSON.parse((await runCli(['status', '--json'], home.env)).stdout)).toMatchObject({defaultWorkspaceName: 'Space 7', workspaceCount: 30});
		expect((await fs.readdir(home.stateDir)).filter(name => name.includes('cache'))).toEqual([]);
	});

	it('--all-envs lists every environment', async () => {
		const home = await ntnHome(files());
		const rows = JSON.parse((await runCli(['workspaces', '--json', '--all-envs'], home.env)).stdout) as Array<Record<string, unknown>>;
		expect(rows.map(row => [row['name'], row['environment'], row['isDefault'], row['maskedToken']])).toEqual([
			['Alpha', 'prod', true, mask(TOKEN_A)],
			['Gamma', 'dev', true, mask(TOKEN_C)],
			['beta', 'prod', false, null],
		]);
	});

	it('the table: default marked, tokens masked, missing tokens say what to do', async () => {
		const home = await ntnHome(files());
		const result = await runCli(['workspaces'], home.env);
		expect(result.stdout).toBe(
			[
				`  NAME   ID${' '.repeat(34)}  TOKEN`,
				`★ Alpha  ${A}  ${mask(TOKEN_A)} (file)`,
				`  beta   ${B}  missing — run \`ntn login\``,
				'★ default workspace',
				'',
			].join('\n'),
		);
		const all = await runCli(['workspaces', '--all-envs'], home.env);
		expect(all.stdout.split('\n')[0]).toBe(`  NAME   ENV   ID${' '.repeat(34)}  TOKEN`);
		expect(all.stdout).toContain(`★ Gamma  dev   ${C}  ${mask(TOKEN_C)} (file)`);
	});

	it('nothing cached: says how to add one; JSON is an empty array', async () => {
		const home = await ntnHome();
		expect((await runCli(['workspaces'], home.env)).stdout).toBe('No cached workspaces in prod. Run `ntn login` to add one.\n');
		expect((await runCli(['workspaces', '--json'], home.env)).stdout).toBe('[]\n');
	});

	it('an unreadable workspaces.json: the error on stderr, no list, exit 3', async () => {
		const home = await ntnHome({...files(), workspaces: '{"version":"1"}'});
		for (const argv of [['workspaces'], ['workspaces', '--json']]) {
			const result = await runCli(argv, home.env);
			expect(result.code).toBe(3);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe(
				`error: Failed to read workspaces.json (${home.dir}/workspaces.json): missing field \`environments\`\n` +
					'  hint: Repair workspaces.json by hand or move it aside (ntn cannot read it either); notion-tokens never rewrites a file it cannot parse.\n',
			);
		}
	});

	it('an unreadable token store: the list with tokens unknown (hasToken null), the error on stderr, exit 3', async () => {
		const home = await ntnHome({...files(), auth: 'garbage{'});
		const result = await runCli(['workspaces', '--json'], home.env);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain(`error: Failed to read auth.json (${home.dir}/auth.json): not valid JSON`);
		const rows = JSON.parse(result.stdout) as Array<{hasToken: boolean | null; maskedToken: string | null}>;
		expect(rows.map(row => [row.hasToken, row.maskedToken])).toEqual([
			[null, null],
			[null, null],
		]);
		expect((await runCli(['workspaces'], home.env)).stdout).toContain('unknown — store unreadable');
	});
});
