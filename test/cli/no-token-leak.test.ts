import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {mintToken, startMockNotion} from '../helpers/mock-notion.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {fact} from '../helpers/token-fixtures.js';
import {freshId} from '../peer/helpers/core.js';
import {addNtnKey} from '../peer/helpers/keyctl.js';

/**
 * No command, error or warning ever shows a token beyond its masked form (first 4 and last 4
 * characters). Each run's stdout and stderr are searched for every 6-character piece of every
 * token; only the token id (segment 2, which `ntn debug` also prints) may appear.
 */

const randomToken = (length: number) => randomBytes(length).toString('base64url').slice(0, length);

function leaks(output: string, token: string): string[] {
	const segments = token.split('.');
	const tokenId = segments.length >= 3 ? segments[1]! : null;
	const found: string[] = [];
	for (let i = 0; i + 6 <= token.length; i++) {
		const piece = token.slice(i, i + 6);
		if (tokenId && tokenId.includes(piece)) continue;
		if (output.includes(piece)) found.push(piece);
	}
	return found;
}

const COMMANDS: string[][] = [
	[],
	['status'],
	['status', '--json'],
	['workspaces'],
	['workspaces', '--json', '--all-envs'],
	['use', 'Beta'],
	['use', '-', '--json'],
	['use', 'NoToken'],
	['logout', 'Alpha'],
	['logout', 'Beta', '--yes', '--json'],
	['fix-permissions', '--json'],
	['logout', '--all', '--all-envs', '--yes', '--json'],
	['status', '--json'],
];

async function runAll(home: NtnHome, env: Record<string, string>, tokens: string[]) {
	let seen = 0;
	for (const argv of COMMANDS) {
		const result = await runCli(argv, {...home.env, ...env});
		const output = result.stdout + result.stderr;
		seen += output.length;
		for (const token of tokens) expect(leaks(output, token), `notion-tokens ${argv.join(' ')}:\n${output}`).toEqual([]);
	}
	expect(seen).toBeGreaterThan(1000);
}

describe('tokens never appear in any output', () => {
	it('file store, long and short tokens, NOTION_API_TOKEN set', async () => {
		const [a, b, c] = ['aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'cccccccc-cccc-4ccc-8ccc-cccccccccccc'];
		const tokens = [mintToken({spaceId: a}), randomToken(12), randomToken(60)];
		const override = `secret_${randomToken(43)}`;
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: a}},
			workspaces: workspacesFile({
				prod: [
					[a, 'Alpha'],
					[b, 'Beta'],
					['d', 'NoToken'],
				],
				dev: [
					[c, 'Gamma'],
					[b, 'Beta'],
				],
			}),
			auth: {[a]: tokens[0], [b]: tokens[1], [c]: tokens[2], orphan: randomToken(40)},
		});
		await runAll(home, {NOTION_API_TOKEN: override}, [...tokens, override]);
	});

	it('keychain store', async () => {
		const [a, b] = [freshId(), freshId()];
		const tokens = [mintToken({spaceId: a}), randomToken(50)];
		addNtnKey(a, tokens[0]!);
		addNtnKey(b, tokens[1]!);
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: a}},
			workspaces: workspacesFile({
				prod: [
					[a, 'Alpha'],
					[b, 'Beta'],
					['d', 'NoToken'],
				],
			}),
		});
		await runAll(home, {}, tokens);
	});

	it('an auth.json whose values have the wrong type: the error names the key, not the value', async () => {
		const token = randomToken(40);
		const home = await ntnHome({workspaces: workspacesFile({prod: [['a', 'Alpha']]}), auth: `{"a": ["${token}"], "b": "${randomToken(30)}"}`});
		for (const argv of [['status', '--json'], ['workspaces'], ['logout', '--all', '--yes']]) {
			const result = await runCli(argv, home.env);
			expect(leaks(result.stdout + result.stderr, token)).toEqual([]);
		}
	});

	// V8's JSON.parse messages quote the text near the error ("Unexpected token 'n', "ntn_secret_"...").
	it('an auth.json that is not JSON (a bare token, an unquoted value): the parse error quotes none of it', async () => {
		const bare = `ntn_${randomToken(40)}`;
		const unquoted = `ntn_${randomToken(40)}`;
		for (const content of [`${bare}\n`, `{"a": ${unquoted}}`]) {
			const home = await ntnHome({workspaces: workspacesFile({prod: [['a', 'Alpha']]}), auth: content});
			for (const argv of [['status', '--json'], ['workspaces']]) {
				const result = await runCli(argv, home.env);
				expect(result.stdout + result.stderr).toContain('auth.json');
				for (const token of [bare, unquoted]) expect(leaks(result.stdout + result.stderr, token), result.stdout + result.stderr).toEqual([]);
			}
		}
	});

	it('saved tokens (a PAT, a connection token, the admin token) and the tokens Notion lists: every listing, check and exec message', async () => {
		const a = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
		const stored = mintToken({tokenId: 'tok-alpha', spaceId: a});
		const pat = `ntn_${randomToken(43)}`;
		const connection = `ntn_${randomToken(43)}`;
		const admin = `ntn_${randomToken(48)}`;
		const mock = await startMockNotion();
		try {
			const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
			// Notion lists two more tokens of Alpha's beside ntn's own.
			mock.setToken(stored, {
				tokens: [
					fact('tok-alpha', 'ntn login', '2026-01-01T00:00:00Z', soon),
					fact('tok-laptop', 'laptop', '2026-01-01T00:00:00Z', soon),
					fact('tok-ci', 'ci', '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z'),
				],
			});
			mock.setToken(pat, {});
			mock.setUser(pat, {kind: 'pat', name: 'Ada Lovelace'});
			mock.setToken(connection, {});
			mock.setUser(connection, {kind: 'bot', name: 'Sync bot', workspaceName: 'Alpha'});
			const home = await ntnHome({
				config: {version: '1', defaultWorkspaceIds: {prod: a}},
				workspaces: workspacesFile({prod: [[a, 'Alpha']]}),
				auth: {[a]: stored},
			});
			const env = {...home.env, NOTION_TOKENS_STORE: 'file', NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl};
			const secrets = [stored, pat, connection, admin];
			let seen = '';
			const scan = async (argv: string[], input?: string) => {
				const result = await runCli(argv, env, input === undefined ? {} : {input});
				const output = result.stdout + result.stderr;
				seen += output;
				for (const token of secrets) expect(leaks(output, token), `notion-tokens ${argv.join(' ')}:\n${output}`).toEqual([]);
				return output;
			};
			await scan(['add', 'ci', '--expires', soon.slice(0, 10)], pat);
			await scan(['add', 'sync'], connection);
			await scan(['add', 'org', '--admin'], admin);
			for (const argv of [
				['tokens'],
				['tokens', '--json'],
				['tokens', '--all-envs', '--json'],
				['status'],
				['status', '--json'],
				['expiring'],
				['expiring', '--json', '--within', '400d'],
				['check'],
				['check', '--json'],
				['check', 'ci'],
				['check', 'sync', '--json'],
				['exec', 'ci', '--', process.execPath, '-e', ''],
				['exec', 'sync', '--', '/nonexistent/command'],
				['exec', 'org', '--', process.execPath, '-e', 'process.exit(3)'],
				['exec', 'nobody', '--', process.execPath, '-e', ''],
				['exec', 'ci'],
				['edit', 'ci', '--note', 'rotated by hand'],
				['tokens'],
			])
				await scan(argv);
			// Notion's answers about the saved tokens echo them back.
			for (const token of [pat, connection])
				mock.setToken(token, {
					status: 401,
					body: JSON.stringify({object: 'error', status: 401, code: 'unauthorized', message: `Bearer ${token} is not valid`}),
				});
			for (const argv of [['check'], ['check', 'sync', '--json'], ['tokens', '--json']]) await scan(argv);
			for (const token of [pat, connection]) mock.setToken(token, {status: 502, body: `<html>Bad gateway for ${token}</html>`});
			for (const argv of [
				['check', '--json'],
				['check', 'ci'],
			])
				await scan(argv);
			// The same token saved twice, and a token given as a label, are refused without echoing it.
			await scan(['add', 'again'], pat);
			await scan(['add', connection], connection);
			// The listing names each saved token by its masked form, and shows the tokens Notion lists.
			const listing = await scan(['tokens']);
			for (const token of [pat, connection, admin]) expect(listing).toContain(`${token.slice(0, 4)}…${token.slice(-4)}`);
			expect(listing).toContain('laptop');
			expect(seen.length).toBeGreaterThan(3000);
		} finally {
			await mock.close();
		}
	});
});
