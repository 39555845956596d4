import {randomBytes} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
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
});
