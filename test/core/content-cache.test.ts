import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {coreOf} from '../peer/helpers/core.js';

/**
 * `status` and the inventory remember what they found in ntn's files under the SHA-256 of their
 * bytes (source/core/content-cache.ts): same bytes, same answer, nothing parsed; any other bytes,
 * a fresh answer. File modes and environment overrides are always read live.
 */

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const TOKEN_A = 'ntn_cache_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_cache_token_BBBB_0123456789abcdef';

const standard = () =>
	ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({prod: [[A, 'Alpha'], [B, 'Beta']]}),
		auth: {[A]: TOKEN_A, [B]: TOKEN_B},
	});

const cacheFile = (home: NtnHome, name = 'status-cache.json') => path.join(home.stateDir, name);
const readCache = async (home: NtnHome, name?: string) => JSON.parse(await fs.readFile(cacheFile(home, name), 'utf8'));

/** Changes what the cache remembers (keeping its key): an answer that differs proves the cache answered. */
async function tamper(home: NtnHome, change: (value: Record<string, any>) => void, name?: string) {
	const cache = await readCache(home, name);
	change(cache.entries[0].value);
	await fs.writeFile(cacheFile(home, name), JSON.stringify(cache));
}

/** Remember answers however small ntn's files are (by default only from 256 KiB). */
const ALWAYS = {rememberFromBytes: 0};

const codes = (problems: Array<{code: string}>) => problems.map(problem => problem.code);

describe('status remembers its report by the content of ntn\'s files', () => {
	it('the second status with the same bytes answers from the cache: mode 600, no token in it', async () => {
		const home = await standard();
		const first = await coreOf(home, ALWAYS).status();
		expect(first).toMatchObject({workspaceCount: 2, defaultWorkspaceName: 'Alpha', problems: []});
		expect((await fs.stat(cacheFile(home))).mode & 0o777).toBe(0o600);
		const text = await fs.readFile(cacheFile(home), 'utf8');
		for (const secret of [TOKEN_A, TOKEN_B, TOKEN_A.slice(-4), TOKEN_B.slice(0, 16)]) expect(text).not.toContain(secret);

		await tamper(home, report => (report['workspaceCount'] = 999));
		expect((await coreOf(home, ALWAYS).status()).workspaceCount).toBe(999);
		// The inventory keeps its own.
		expect((await coreOf(home, ALWAYS).inventory()).workspaces).toHaveLength(2);
	});

	it('a file rewritten in place with the same size and modification time is read again', async () => {
		const home = await standard();
		const file = path.join(home.dir, 'workspaces.json');
		const second = Math.floor(Date.now() / 1000);
		await fs.utimes(file, second, second);
		expect((await coreOf(home, ALWAYS).status()).defaultWorkspaceName).toBe('Alpha');
		const before = await fs.stat(file);
		await home.write('workspaces.json', workspacesFile({prod: [[A, 'Alphx'], [B, 'Beta']]}));
		await fs.utimes(file, second, second);
		const after = await fs.stat(file);
		expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
		expect((await coreOf(home, ALWAYS).status()).defaultWorkspaceName).toBe('Alphx');
	});

	it('a change to auth.json or config.json gives a fresh report', async () => {
		const home = await standard();
		await coreOf(home, ALWAYS).status();
		await home.write('auth.json', {[B]: TOKEN_B}, 0o600);
		expect(codes((await coreOf(home, ALWAYS).status()).problems)).toEqual(['default-without-token']);
		await home.write('config.json', {version: '1', defaultWorkspaceIds: {prod: B}});
		expect(await coreOf(home, ALWAYS).status()).toMatchObject({defaultWorkspaceName: 'Beta', problems: []});
	});

	it('NOTION_API_TOKEN and the environment are part of the key', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A, dev: B}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']], dev: [[B, 'Beta']]}),
			auth: {},
		});
		expect(codes((await coreOf(home, ALWAYS).status()).problems)).toEqual(['default-without-token']);
		const withApiToken = await coreOf(home, {...ALWAYS, extraEnv: {NOTION_API_TOKEN: 'secret_api_token_0123456789abcdefXYZ'}}).status();
		expect(codes(withApiToken.problems)).toEqual([]);
		expect((await coreOf(home, {...ALWAYS, environment: 'dev'}).status()).defaultWorkspaceName).toBe('Beta');
		expect((await coreOf(home, ALWAYS).status()).defaultWorkspaceName).toBe('Alpha');
	});

	it('file modes and overrides are read live on every run', async () => {
		const home = await standard();
		await coreOf(home, ALWAYS).status();
		await fs.chmod(path.join(home.dir, 'auth.json'), 0o644);
		const status = await coreOf(home, {...ALWAYS, extraEnv: {NOTION_WORKSPACE_ID: B}}).status();
		expect(codes(status.problems)).toEqual(['auth-file-readable']);
		expect(status.overrides.map(override => override.variable)).toContain('NOTION_WORKSPACE_ID');
	});

	it('a file that does not parse is reported every time and never remembered', async () => {
		const home = await standard();
		await home.write('auth.json', `{"${A}": "${TOKEN_A}",`, 0o600);
		for (let run = 0; run < 2; run++) {
			const status = await coreOf(home, ALWAYS).status();
			expect(codes(status.problems)).toContain('corrupt-file');
		}
		await expect(fs.access(cacheFile(home))).rejects.toThrow();
	});

	it('a damaged cache is replaced; a cache that cannot be written is no error', async () => {
		const home = await standard();
		await fs.mkdir(home.stateDir, {recursive: true});
		await fs.writeFile(cacheFile(home), '{"version": 1, "entries": [{"key": 5}');
		expect((await coreOf(home, ALWAYS).status()).workspaceCount).toBe(2);
		expect((await readCache(home)).entries).toHaveLength(1);

		// The state dir's parent is a file: nothing can be written there.
		const blocked = path.join(home.dir, 'config.json', 'state');
		expect(await coreOf(home, {...ALWAYS, stateDir: blocked}).status()).toMatchObject({workspaceCount: 2, problems: []});
	});

	it('small files are not remembered: they parse faster than the cache answers', async () => {
		const home = await standard();
		await coreOf(home).status();
		await coreOf(home).inventory();
		expect(await fs.readdir(home.stateDir).catch(() => [])).toEqual([]);
		// Files over the size: remembered.
		const bytes = (await home.read('workspaces.json')).length + (await home.read('auth.json')).length;
		await coreOf(home, {rememberFromBytes: bytes}).status();
		expect((await readCache(home)).entries).toHaveLength(1);
	});

	it('the keychain store is never remembered', async () => {
		const home = await ntnHome({keyring: true, workspaces: workspacesFile({prod: [[A, 'Alpha']]})});
		await coreOf(home, {...ALWAYS, platform: 'darwin', keyring: () => ({Entry: class {}}) as never}).status();
		await expect(fs.access(cacheFile(home))).rejects.toThrow();
	});
});

describe('the inventory remembers its rows the same way', () => {
	const twoEnvironments = () =>
		ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A, dev: B}},
			workspaces: workspacesFile({prod: [[A, 'Alpha'], [B, 'Beta']], dev: [[B, 'Beta']]}),
			auth: {[A]: 'ntn.tok-id-a.c2VnbWVudA.secret_part_AAAA_0123456789'},
		});

	it('answers exactly what it would make: rows, marks, tokens, problems, for one environment and for all', async () => {
		const home = await twoEnvironments();
		// A state dir that cannot be written: nothing is remembered, every answer is made.
		const made = coreOf(home, {...ALWAYS, stateDir: path.join(home.dir, 'config.json', 'state')});
		for (const question of [{}, {allEnvironments: true}, {environment: 'dev' as const}, {}]) {
			const fresh = await made.inventory(question);
			expect(await coreOf(home, ALWAYS).inventory(question)).toEqual(fresh);
			expect(await coreOf(home, ALWAYS).inventory(question)).toEqual(fresh);
		}
		expect((await made.inventory({allEnvironments: true})).workspaces.map(row => [row.environment, row.name, row.isDefault, row.token.state])).toEqual([
			['prod', 'Alpha', true, 'present'],
			['dev', 'Beta', true, 'missing'],
			['prod', 'Beta', false, 'missing'],
		]);
	});

	it('the second inventory with the same bytes answers from the cache: mode 600, tokens masked only', async () => {
		const home = await twoEnvironments();
		await coreOf(home, ALWAYS).inventory();
		const file = cacheFile(home, 'inventory-cache.json');
		expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
		const text = await fs.readFile(file, 'utf8');
		expect(text).toContain('ntn.…6789');
		expect(text).not.toContain('secret_part');

		await tamper(home, value => (value['rows']['name'][0] = 'Remembered'), 'inventory-cache.json');
		expect((await coreOf(home, ALWAYS).inventory()).workspaces[0]!.name).toBe('Remembered');
		// Any other bytes: made again.
		await home.write('auth.json', {}, 0o600);
		const after = await coreOf(home, ALWAYS).inventory();
		expect(after.workspaces.map(row => [row.name, row.token.state])).toEqual([['Alpha', 'missing'], ['Beta', 'missing']]);
	});

	it('a damaged row in the cache is not used', async () => {
		const home = await twoEnvironments();
		await coreOf(home, ALWAYS).inventory();
		await tamper(home, value => (value['rows']['name'][1] = 42), 'inventory-cache.json');
		expect((await coreOf(home, ALWAYS).inventory()).workspaces.map(row => row.name)).toEqual(['Alpha', 'Beta']);
	});

	it('reading only the default token (the question before a logout) is never remembered', async () => {
		const home = await twoEnvironments();
		await coreOf(home, ALWAYS).inventory({tokens: 'default'});
		await expect(fs.access(cacheFile(home, 'inventory-cache.json'))).rejects.toThrow();
	});
});
