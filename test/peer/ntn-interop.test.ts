import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {KeychainTokenStore} from '../../source/core/ntn/token-store.js';
import {Secret} from '../../source/core/shared/secret.js';
import {mintToken, startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {ntnHome, tempDir, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {freshId} from './helpers/core.js';
import {addNtnKey, findNtnKey, readNtnKey} from './helpers/keyctl.js';
import {debugTokenTable, runNtn} from './helpers/ntn.js';

/**
 * The real ntn 0.4.0 as a peer: what notion-tokens writes, ntn reads and sends; what ntn writes,
 * notion-tokens reads; and logout leaves the same state ntn's own logout leaves.
 */

let server: MockNotion;
beforeAll(async () => {
	server = await startMockNotion();
});
afterAll(async () => {
	await server.close();
});

type Mode = 'file' | 'keychain';

interface World {
	home: NtnHome;
	ids: {alpha: string; beta: string; gamma: string};
	tokens: {alpha: string; beta: string; gamma: string};
	/** Stores a token where ntn looks for it in this mode. */
	store(id: string, token: string): Promise<void>;
	/** The token ntn would find for the workspace in this mode, or null. */
	stored(id: string): Promise<string | null>;
}

/** prod: Alpha (default) and Beta; dev: Gamma; each with a token the mock server knows. */
async function world(mode: Mode): Promise<World> {
	const ids = {alpha: freshId(), beta: freshId(), gamma: freshId()};
	const tokens = {alpha: mintToken({spaceId: ids.alpha}), beta: mintToken({spaceId: ids.beta}), gamma: mintToken({spaceId: ids.gamma})};
	for (const token of Object.values(tokens)) server.setToken(token, {tokens: []});
	const home = await ntnHome({
		keyring: mode === 'keychain',
		config: {version: '1', defaultWorkspaceIds: {prod: ids.alpha, dev: ids.gamma}},
		workspaces: workspacesFile({
			prod: [
				[ids.alpha, 'Alpha'],
				[ids.beta, 'Beta'],
			],
			dev: [[ids.gamma, 'Gamma']],
		}),
	});
	const auth: Record<string, string> = {};
	const result: World = {
		home,
		ids,
		tokens,
		async store(id, token) {
			if (mode === 'keychain') addNtnKey(id, token);
			else {
				auth[id] = token;
				await home.write('auth.json', auth, 0o600);
			}
		},
		async stored(id) {
			if (mode === 'keychain') return readNtnKey(id);
			const exists = await home.exists('auth.json');
			return exists ? ((JSON.parse(await home.read('auth.json')) as Record<string, string>)[id] ?? null) : null;
		},
	};
	for (const key of ['alpha', 'beta', 'gamma'] as const) await result.store(ids[key], tokens[key]);
	return result;
}

/** `ntn tokens list` against the mock server; returns ntn's result and the token it sent, if any. */
async function ntnTokensList(home: NtnHome, env: Record<string, string> = {}) {
	const before = server.requests.length;
	const result = await runNtn(['tokens', 'list'], {...home.env, NOTION_API_BASE_URL: server.baseUrl, ...env});
	const sent = server.requests.slice(before).map(request => request.headers.authorization);
	return {...result, sent};
}

const cli = (home: NtnHome, ...argv: string[]) => runCli(argv, home.env);

for (const mode of ['file', 'keychain'] as const) {
	describe(`ntn reads what notion-tokens changed (${mode} store)`, () => {
		it("after `notion-tokens use Beta`, `ntn tokens list` sends Beta's token", async () => {
			const w = await world(mode);
			expect((await ntnTokensList(w.home)).sent).toEqual([`Bearer ${w.tokens.alpha}`]);
			const use = await cli(w.home, 'use', 'Beta');
			expect(use.code).toBe(0);
			const ntn = await ntnTokensList(w.home);
			expect(ntn.code).toBe(0);
			expect(ntn.sent).toEqual([`Bearer ${w.tokens.beta}`]);
			const back = await cli(w.home, 'use', '-');
			expect(back.code).toBe(0);
			expect((await ntnTokensList(w.home)).sent).toEqual([`Bearer ${w.tokens.alpha}`]);
		});

		it('after `notion-tokens logout Beta`, ntn finds no token for Beta; after logging out the default, no workspace is selected', async () => {
			const w = await world(mode);
			expect((await cli(w.home, 'logout', 'Beta', '--yes')).code).toBe(0);
			expect(await w.stored(w.ids.beta)).toBeNull();
			const beta = await ntnTokensList(w.home, {NOTION_WORKSPACE_ID: w.ids.beta});
			expect(beta.code).toBe(4);
			expect(beta.stderr).toContain('No auth token found for the current workspace.');
			expect(beta.sent).toEqual([]);
			expect((await ntnTokensList(w.home)).sent).toEqual([`Bearer ${w.tokens.alpha}`]);

			expect((await cli(w.home, 'logout', 'Alpha', '--yes')).code).toBe(0);
			const none = await ntnTokensList(w.home);
			expect(none.code).toBe(4);
			expect(none.stderr).toContain('error: No workspace selected.');
			const dev = await ntnTokensList(w.home, {NOTION_ENV: 'dev'});
			expect(dev.sent).toEqual([`Bearer ${w.tokens.gamma}`]);
		});

		it("`ntn debug`'s token table agrees with `notion-tokens workspaces --json --all-envs`", async () => {
			const w = await world(mode);
			const orphanless = freshId();
			// A cached workspace without a token shows N/A in both.
			const workspaces = JSON.parse(await w.home.read('workspaces.json'));
			workspaces.environments.dev[orphanless] = {id: orphanless, name: 'Delta'};
			await w.home.write('workspaces.json', workspaces);

			const ours = await cli(w.home, 'workspaces', '--json', '--all-envs');
			expect(ours.code).toBe(0);
			const rows = JSON.parse(ours.stdout) as Array<{id: string; name: string; environment: string; hasToken: boolean; tokenId: string | null}>;
			const debug = await runNtn(['debug'], w.home.env);
			const table = debugTokenTable(debug.stdout);
			const asOurs = (list: Array<{environment: string; name: string; tokenId: string | null}>) =>
				list.map(row => `${row.environment}|${row.name}|${row.tokenId ?? 'N/A'}`).sort();
			expect(asOurs(rows)).toEqual(asOurs(table.map(row => ({...row, tokenId: row.tokenId === 'N/A' ? null : row.tokenId}))));
			expect(table.map(row => row.spaceId).sort()).toEqual([w.ids.alpha, w.ids.beta, w.ids.gamma, 'N/A'].sort());
			expect(rows.find(row => row.name === 'Delta')?.hasToken).toBe(false);
			for (const row of table.filter(entry => entry.spaceId !== 'N/A')) {
				expect(rows.find(ourRow => ourRow.environment === row.environment && ourRow.name === row.name)?.id).toBe(row.spaceId);
			}
		});
	});
}

describe('keychain entries are shared with ntn both ways', () => {
	it("a token stored by our KeychainTokenStore is sent by ntn; ntn's logout then removes it", async () => {
		const id = freshId();
		const token = mintToken({spaceId: id});
		server.setToken(token, {tokens: []});
		await new KeychainTokenStore('default', {timeoutMs: 5000, platform: 'linux'}).set(id, new Secret(token));
		const home = await ntnHome({keyring: true, config: {version: '1', defaultWorkspaceIds: {prod: id}}, workspaces: workspacesFile({prod: [[id, 'Ours']]})});
		expect((await ntnTokensList(home)).sent).toEqual([`Bearer ${token}`]);
		expect((await runNtn(['logout'], home.env)).code).toBe(0);
		expect(findNtnKey(id)).toBeNull();
		const ours = JSON.parse((await cli(home, 'workspaces', '--json')).stdout);
		expect(ours).toEqual([]);
	});

	it('a key added exactly as ntn adds one (keyctl padd) is sent by ntn and listed by us; our logout removes it for ntn', async () => {
		const id = freshId();
		const token = mintToken({spaceId: id});
		server.setToken(token, {tokens: []});
		addNtnKey(id, token);
		const home = await ntnHome({keyring: true, config: {version: '1', defaultWorkspaceIds: {prod: id}}, workspaces: workspacesFile({prod: [[id, 'Theirs']]})});
		expect((await ntnTokensList(home)).sent).toEqual([`Bearer ${token}`]);
		const listed = JSON.parse((await cli(home, 'workspaces', '--json')).stdout);
		expect(listed).toEqual([
			{
				id,
				name: 'Theirs',
				environment: 'prod',
				isDefault: true,
				hasToken: true,
				maskedToken: `${token.slice(0, 4)}…${token.slice(-4)}`,
				storage: 'keychain',
				tokenId: token.split('.')[1],
			},
		]);
		expect((await cli(home, 'logout', 'Theirs', '--yes')).code).toBe(0);
		expect(findNtnKey(id)).toBeNull();
		const after = await ntnTokensList(home, {NOTION_WORKSPACE_ID: id});
		expect(after.code).toBe(4);
		expect(after.stderr).toContain('No auth token found for the current workspace.');
	});
});

describe('which store: ntn and notion-tokens agree on NOTION_KEYRING', () => {
	for (const value of ['0', '1', 'false', ' 0', '00', '']) {
		it(`NOTION_KEYRING=${JSON.stringify(value)}`, async () => {
			const id = freshId();
			const token = mintToken({spaceId: id});
			server.setToken(token, {tokens: []});
			const home = await ntnHome({
				config: {version: '1', defaultWorkspaceIds: {prod: id}},
				workspaces: workspacesFile({prod: [[id, 'Only In File']]}),
				auth: {[id]: token},
			});
			const env = {NOTION_KEYRING: value};
			const ntn = await ntnTokensList(home, env);
			const status = JSON.parse((await runCli(['status', '--json'], {...home.env, ...env})).stdout) as {store: string};
			if (value === '0') {
				expect(ntn.sent).toEqual([`Bearer ${token}`]);
				expect(status.store).toBe('file');
			} else {
				expect(ntn.stderr).toContain('No auth token found for the current workspace.');
				expect(status.store).toBe('keychain');
			}
		});
	}

	it('"keyring": false in config.json: ntn 0.4.0 still uses the keychain; we use auth.json and warn', async () => {
		const id = freshId();
		const token = mintToken({spaceId: id});
		server.setToken(token, {tokens: []});
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: id}, keyring: false},
			workspaces: workspacesFile({prod: [[id, 'W']]}),
			auth: {[id]: token},
		});
		const ntn = await ntnTokensList(home);
		expect(ntn.stderr).toContain('No auth token found for the current workspace.');
		const status = await runCli(['status', '--json'], home.env);
		expect(status.code).toBe(1);
		const json = JSON.parse(status.stdout) as {store: string; problems: Array<{code: string}>};
		expect(json.store).toBe('file');
		expect(json.problems.map(problem => problem.code)).toEqual(['keyring-false-ignored']);
	});
});

/** The starting state both logouts get: shared ids across envs, an unknown env, an orphan token. */
async function logoutStart(mode: Mode) {
	const [a, b, c, z, orphan] = [freshId(), freshId(), freshId(), freshId(), freshId()];
	const tokens = Object.fromEntries([a, b, c, z, orphan].map(id => [id, mintToken({spaceId: id})]));
	return {
		ids: {a, b, c, z, orphan},
		tokens,
		config: {version: '1', defaultWorkspaceIds: {prod: a, local: c, zz: z}},
		workspaces: workspacesFile({
			prod: [
				[a, 'Alpha'],
				[b, 'Beta'],
			],
			local: [
				[b, 'Beta'],
				[c, 'Gamma'],
			],
			dev: [[a, 'Alpha']],
			zz: [[z, 'Zeta']],
		}),
		auth: mode === 'file' ? tokens : undefined,
	};
}

async function makeCopy(start: Awaited<ReturnType<typeof logoutStart>>, mode: Mode): Promise<NtnHome> {
	const home = await ntnHome({keyring: mode === 'keychain', config: start.config, workspaces: start.workspaces, ...(start.auth ? {auth: start.auth} : {})});
	if (mode === 'file') await fs.chmod(path.join(home.dir, 'auth.json'), 0o640);
	if (mode === 'keychain') for (const [id, token] of Object.entries(start.tokens)) addNtnKey(id, token);
	return home;
}

async function resultOf(home: NtnHome, start: Awaited<ReturnType<typeof logoutStart>>, mode: Mode) {
	const files: Record<string, unknown> = {};
	const formats: Record<string, {ntnFormat: boolean; mode: number} | null> = {};
	for (const name of ['config.json', 'workspaces.json', 'auth.json']) {
		if (!(await home.exists(name))) {
			files[name] = null;
			formats[name] = null;
			continue;
		}
		const text = await home.read(name);
		files[name] = JSON.parse(text);
		formats[name] = {ntnFormat: text === JSON.stringify(JSON.parse(text), null, 2), mode: (await fs.stat(path.join(home.dir, name))).mode & 0o777};
	}
	const keys = mode === 'keychain' ? Object.fromEntries(Object.keys(start.tokens).map(id => [id, readNtnKey(id) !== null])) : null;
	return {files, formats, keys};
}

for (const mode of ['file', 'keychain'] as const) {
	for (const allEnvs of [false, true]) {
		const ntnArgs = allEnvs ? ['logout', '--all-environments'] : ['logout'];
		const ourArgs = allEnvs ? ['logout', '--all', '--all-envs', '--yes'] : ['logout', '--all', '--yes'];
		for (const environment of allEnvs ? ['prod'] : ['prod', 'local', 'stg']) {
			it(`logout${allEnvs ? ' --all-envs' : ''} (${mode}, ${environment}) leaves exactly the state \`ntn ${ntnArgs.join(' ')}\` leaves`, async () => {
				const start = await logoutStart(mode);
				const env = {NOTION_ENV: environment};

				const theirs = await makeCopy(start, mode);
				const ntn = await runNtn(ntnArgs, {...theirs.env, ...env});
				expect(ntn.code, ntn.stderr).toBe(0);
				const expected = await resultOf(theirs, start, mode);

				const ours = await makeCopy(start, mode);
				const cliResult = await runCli(ourArgs, {...ours.env, ...env});
				expect(cliResult.code, cliResult.stderr).toBe(0);
				const actual = await resultOf(ours, start, mode);

				expect(actual.files).toEqual(expected.files);
				expect(actual.keys).toEqual(expected.keys);
				expect(actual.formats).toEqual(expected.formats);
				for (const format of Object.values(actual.formats)) if (format) expect(format.ntnFormat).toBe(true);
			});
		}
	}
}

describe('an empty config dir', () => {
	it('logout --all creates the same two files `ntn logout` creates ("Already logged out")', async () => {
		const theirs = path.join(await tempDir(), 'notion');
		await fs.mkdir(theirs);
		const ntn = await runNtn(['logout'], {NOTION_HOME: theirs, NOTION_KEYRING: '0', HOME: path.dirname(theirs)});
		expect(ntn.stderr).toContain('Already logged out');
		const ours = await ntnHome();
		const result = await runCli(['logout', '--all', '--yes'], ours.env);
		expect(result.stdout).toContain('✓ Already logged out of prod');
		for (const name of ['config.json', 'workspaces.json']) {
			expect(await ours.read(name)).toBe(await fs.readFile(path.join(theirs, name), 'utf8'));
		}
		expect(await fs.readdir(theirs)).not.toContain('auth.json');
		expect(await ours.exists('auth.json')).toBe(false);
	});
});
