/**
 * Reliability 4: no leaks. Known tokens sit in auth.json, in the kernel keyring and in
 * NOTION_API_TOKEN; a mock Notion answers 200, 401, 500, malformed bodies, bodies that echo the
 * token, 429 and nothing at all. Everything that can reach a user is captured: stdout and stderr
 * of every command (with and without --json, with bad input, with NOTION_TOKENS_DEBUG), the
 * messages and results the core throws and returns, the real kernel keyring's AccessDenied, and
 * every frame the terminal UI draws. No token, nor any 12-character piece of one, may appear.
 * The only exemption is the token id (segment 2 of ntn's tokens), which ntn itself prints.
 */
import {randomBytes, randomUUID} from 'node:crypto';
import {createRequire} from 'node:module';
import {inspect} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import type {KeyringModule} from '../../source/core/ntn/keychain.js';
import {createCore, type CoreOptions} from '../../source/core/index.js';
import {makePats, startMockAdmin, type AdminBehaviour} from '../helpers/mock-admin.js';
import {mintToken, startMockNotion, type MockBehaviour, type MockNotion} from '../helpers/mock-notion.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {renderApp} from '../ui/helpers/render-app.js';
import {childPath, runCommand} from './support/children.js';
import {figure} from './support/mode.js';

const PIECE = 12;
const opaque = (length: number) => randomBytes(length).toString('base64url').slice(0, length);
const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const C = 'cccccccc-0000-4000-8000-00000000000c';

const scanned = {outputs: 0, bytes: 0};
const leaks: string[] = [];

/** Records every 12-character piece of a token found in `text` (pieces inside the public token id excepted). */
function scan(label: string, text: string, tokens: readonly string[]) {
	scanned.outputs++;
	scanned.bytes += text.length;
	for (const token of tokens) {
		const segments = token.split('.');
		const tokenId = segments.length >= 3 ? segments[1]! : '';
		for (let i = 0; i + PIECE <= token.length; i++) {
			const piece = token.slice(i, i + PIECE);
			if (tokenId.includes(piece)) continue;
			if (text.includes(piece)) {
				leaks.push(`${label}: "${piece}"`);
				break;
			}
		}
	}
}

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

/** How the mock answers, per variant; `echo` variants put the token itself in the answer. */
const VARIANTS: Record<string, (token: string) => MockBehaviour> = {
	ok: () => ({}),
	unauthorized: () => ({status: 401}),
	'server-error': () => ({status: 500}),
	malformed: token => ({status: 200, body: `{"tokens": [ not json ${token}`}),
	'echo-json': token => ({status: 400, body: JSON.stringify({object: 'error', status: 400, code: 'invalid_request', message: `Token ${token} is not valid`})}),
	'echo-text': token => ({status: 502, body: `<html><body>Bad gateway for Bearer ${token}</body></html>`}),
	'echo-429': token => ({status: 429, retryAfter: '0', body: JSON.stringify({message: `slow down, ${token}`})}),
	silent: () => ({delayMs: 3000}),
};

interface Setup {
	home: NtnHome;
	tokens: string[];
	env: Record<string, string>;
	mock: MockNotion;
	core: CoreOptions;
	cleanup?: () => Promise<void>;
}

async function mockFor(tokens: string[]): Promise<MockNotion> {
	const mock = await startMockNotion();
	servers.push(mock);
	for (const token of tokens) {
		const id = token.split('.')[1] ?? randomUUID();
		mock.setToken(token, {tokens: [{id, name: 'ntn login', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', revokedAt: null}]});
	}
	return mock;
}

/** File store: three workspaces (two in prod, one in dev) plus an orphan entry, and NOTION_API_TOKEN. */
async function fileSetup(): Promise<Setup> {
	const stored = [mintToken({spaceId: A}), mintToken({spaceId: B}), opaque(60)];
	const orphan = opaque(40);
	const override = `secret_${opaque(43)}`;
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A, dev: C}},
		workspaces: workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
			dev: [[C, 'Gamma']],
		}),
		auth: {[A]: stored[0], [B]: stored[1], [C]: stored[2], orphan},
	});
	const tokens = [...stored, orphan, override];
	const mock = await mockFor(tokens);
	return {
		home,
		tokens,
		mock,
		core: {httpTimeoutMs: 300},
		env: {NOTION_API_TOKEN: override, NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl},
	};
}

/** Keychain store: the tokens in the real kernel keyring, under ntn's names. */
async function keychainSetup(): Promise<Setup> {
	const keyring = createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
	const [a, b] = [randomUUID(), randomUUID()];
	const entry = (id: string) => keyring.AsyncEntry.withTarget(`keyring-rs:${id}@notion-cli`, 'notion-cli', id, {linux: {store: 'keyutils'}});
	const tokens = [mintToken({spaceId: a}), opaque(50)];
	await entry(a).setPassword(tokens[0]!);
	await entry(b).setPassword(tokens[1]!);
	const home = await ntnHome({
		keyring: true,
		config: {version: '1', defaultWorkspaceIds: {prod: a}},
		workspaces: workspacesFile({
			prod: [
				[a, 'Alpha'],
				[b, 'Beta'],
			],
		}),
	});
	const mock = await mockFor(tokens);
	return {
		home,
		tokens,
		mock,
		core: {httpTimeoutMs: 300},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl},
		cleanup: async () => {
			for (const id of [a, b]) await entry(id).deleteCredential();
		},
	};
}

/** Commands that need no network, in an order that keeps something to show until the end. */
const LOCAL: string[][] = [
	[],
	['--help'],
	['--version'],
	['status'],
	['status', '--json'],
	['status', '--env', 'dev'],
	['workspaces'],
	['workspaces', '--json', '--all-envs'],
	['use', 'Beta'],
	['use', '-', '--json'],
	['use', 'Nobody'],
	['use'],
	['logout', 'Alpha'],
	['bogus-command'],
	['status', '--bogus-flag'],
	['expiring', '--within', 'soon'],
	['revoke', 'not-a-token-id', '--yes'],
	['--env', 'nowhere', 'status'],
	['fix-permissions'],
	['fix-permissions', '--json'],
];

/** Commands that ask Notion. */
const NETWORK: string[][] = [
	['tokens'],
	['tokens', '--json', '--all-envs'],
	['check'],
	['check', '--json'],
	['check', 'Alpha'],
	['expiring'],
	['expiring', '--json', '--within', '400d'],
];

/** Commands that change things, run last. */
const CHANGING: string[][] = [
	['logout', 'Beta', '--yes', '--json'],
	['logout', '--all', '--all-envs', '--yes'],
	['status', '--json'],
	['tokens', '--json'],
];

async function runCommands(setup: Setup, label: string) {
	const env = {...setup.home.env, ...setup.env};
	for (const [name, behaviour] of Object.entries(VARIANTS)) {
		for (const token of setup.tokens) setup.mock.setToken(token, behaviour(token));
		for (const argv of NETWORK) {
			const result = await runCli(argv, {...env, NOTION_TOKENS_DEBUG: '1'}, {core: setup.core});
			scan(`${label}, ${name}: notion-tokens ${argv.join(' ')}`, result.stdout + result.stderr, setup.tokens);
		}
		// Revoking sends the stored token; the answer may echo it.
		const tokenId = setup.tokens[0]!.split('.')[1]!;
		const revoke = await runCli(['revoke', tokenId, '--yes'], env, {core: setup.core});
		scan(`${label}, ${name}: revoke`, revoke.stdout + revoke.stderr, setup.tokens);
	}
	for (const token of setup.tokens) setup.mock.setToken(token, {});
	for (const argv of [...LOCAL, ...CHANGING]) {
		const result = await runCli(argv, env, {core: setup.core});
		scan(`${label}: notion-tokens ${argv.join(' ')}`, result.stdout + result.stderr, setup.tokens);
	}
}

/** What the core returns and throws, as a program (or the UI) would print it. */
async function callCore(setup: Setup, label: string) {
	const core = createCore({...setup.core, env: {...setup.home.env, ...setup.env}, stateDir: setup.home.stateDir});
	const calls: Array<[string, () => Promise<unknown>]> = [
		['inventory', () => core.inventory({allEnvironments: true})],
		['tokens', () => core.tokens({allEnvironments: true})],
		['refresh', () => core.refresh({allEnvironments: true})],
		['expiring', () => core.expiring({withinDays: 400})],
		['revoke', () => core.revoke('00000000-0000-4000-8000-000000000000')],
		['use', () => core.switchWorkspace('Nobody')],
	];
	for (const [name, behaviour] of Object.entries(VARIANTS)) {
		if (name === 'silent') continue;
		for (const token of setup.tokens) setup.mock.setToken(token, behaviour(token));
		for (const [call, run] of calls) {
			try {
				const result = await run();
				scan(`${label}, ${name}: core.${call}() result`, `${JSON.stringify(result)}\n${inspect(result, {depth: 20})}`, setup.tokens);
			} catch (error) {
				scan(`${label}, ${name}: core.${call}() threw`, `${String(error)}\n${inspect(error, {depth: 20})}`, setup.tokens);
			}
		}
	}
}

describe('no leaks', () => {
	it('file store and NOTION_API_TOKEN: every command, every answer of Notion, every core result', async () => {
		const start = leaks.length;
		const setup = await fileSetup();
		await runCommands(setup, 'file store');
		const again = await fileSetup();
		await callCore(again, 'file store');
		expect(leaks.slice(start)).toEqual([]);
	}, 120_000);

	it('keychain store: every command, every core result, and the real AccessDenied without a session keyring', async () => {
		const start = leaks.length;
		const setup = await keychainSetup();
		try {
			const cli = await childPath('cli');
			for (const argv of [['status'], ['status', '--json'], ['use', 'Beta'], ['logout', 'Alpha', '--yes'], ['tokens', '--json'], ['check']]) {
				const result = await runCommand('keyctl', ['session', '_uid_ses.0', process.execPath, cli, ...argv], {
					env: {...process.env, ...setup.home.env, ...setup.env},
				});
				scan(`keychain store without a session keyring: notion-tokens ${argv.join(' ')}`, result.stdout + result.stderr, setup.tokens);
			}
			await callCore(setup, 'keychain store');
			await runCommands(setup, 'keychain store');
		} finally {
			await setup.cleanup?.();
		}
		expect(leaks.slice(start)).toEqual([]);
	}, 120_000);

	it('the admin token: every admin command and core result, with the Admin API echoing it in both error shapes', async () => {
		const start = leaks.length;
		const adminToken = `ntn_org_${opaque(48)}`;
		const mock = await startMockAdmin({token: adminToken});
		try {
			mock.space(A, makePats(120, Date.now()));
			const home = await ntnHome({config: {version: '1', defaultWorkspaceIds: {prod: A}}, workspaces: workspacesFile({prod: [[A, 'Alpha']]})});
			const env = {...home.env, NOTION_ADMIN_TOKEN: adminToken, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, NOTION_TOKENS_DEBUG: '1'};
			const core = {httpTimeoutMs: 300, adminRetry: {maxRetries: 1, baseDelayMs: 1, maxRetryWaitMs: 10}};
			const variants: Record<string, AdminBehaviour> = {
				ok: {},
				unauthorized: {status: 401},
				'missing-scope': {status: 403, code: 'missing_scope'},
				'echo-type': {status: 400, body: JSON.stringify({type: 'error', code: 'validation_error', status: 400, message: `Bearer ${adminToken} is invalid`})},
				'echo-object': {status: 403, body: JSON.stringify({object: 'error', code: `restricted_${adminToken}`, status: 403, message: `token ${adminToken}`})},
				'echo-429': {status: 429, retryAfter: '0', body: JSON.stringify({type: 'error', code: 'rate_limited', status: 429, message: adminToken})},
				'echo-text': {status: 502, body: `<html>Bad gateway for ${adminToken}</html>`},
				malformed: {status: 200, body: `{"results": [${adminToken}`},
				silent: {delayMs: 3000},
			};
			const commands = [
				['admin', 'pats', 'Alpha'],
				['admin', 'pats', A, '--json'],
				['admin', 'pats', A, '--csv', '--status', 'active'],
				['admin', 'pats', A, '--within', '30d', '--unused', '90'],
				['admin', 'revoke', A, '00000001-0000-4000-8000-000000000000', '--yes'],
				['admin', 'revoke', A, '00000002-0000-4000-8000-000000000000', '--yes', '--json'],
				['admin', 'revoke', A, adminToken, '--yes'],
				['admin', 'pats', adminToken],
			];
			for (const [name, behaviour] of Object.entries(variants)) {
				for (const argv of commands) {
					mock.clearQueue();
					mock.queue(behaviour, behaviour);
					const result = await runCli(argv, env, {core});
					scan(`admin token, ${name}: notion-tokens ${argv.join(' ')}`, result.stdout + result.stderr, [adminToken]);
				}
				mock.clearQueue();
				mock.queue(behaviour, behaviour);
				const admin = createCore({...core, env}).admin;
				for (const [call, run] of [
					['token', () => admin.token()],
					['pats', () => admin.pats({id: A, name: 'Alpha'})],
					['revoke', () => admin.revoke({id: A, name: 'Alpha'}, ['00000003-0000-4000-8000-000000000000'])],
				] as const) {
					try {
						const result = await run();
						scan(`admin token, ${name}: core.admin.${call}() result`, `${JSON.stringify(result)}\n${inspect(result, {depth: 20})}`, [adminToken]);
					} catch (error) {
						scan(`admin token, ${name}: core.admin.${call}() threw`, `${String(error)}\n${inspect(error, {depth: 20})}`, [adminToken]);
					}
				}
			}
			const remembered = await createCore({env}).admin.remembered(A);
			scan('admin token: the remembered listing', JSON.stringify(remembered), [adminToken]);
			// The Admin screen: every frame, with Notion echoing the token in its errors.
			for (const behaviour of [variants['ok']!, variants['echo-type']!, variants['echo-object']!]) {
				mock.clearQueue();
				mock.queue(behaviour, behaviour);
				const app = renderApp(createCore({...core, env}), {size: {columns: 120, rows: 30}});
				await app.waitFor('4 Admin');
				await app.press('4');
				await app.waitFor('Which workspace');
				await app.press('\r');
				await app.waitFor(/PATs|Error/);
				await app.press('x');
				await app.press('\u001B');
				await app.press('q');
				await app.waitForExit();
				scan('admin token: the Admin screen', app.allFrames(), [adminToken]);
			}
		} finally {
			await mock.close();
		}
		expect(leaks.slice(start)).toEqual([]);
	}, 120_000);

	it('the terminal UI: saved tokens (a PAT, a connection token, the admin token) and the tokens Notion lists, on every screen that shows them', async () => {
		const start = leaks.length;
		for (const variant of ['ok', 'echo-json', 'echo-text']) {
			const stored = mintToken({tokenId: 'tok-alpha', spaceId: A});
			const pat = `ntn_${opaque(43)}`;
			const connection = `ntn_${opaque(43)}`;
			const adminToken = `ntn_org_${opaque(48)}`;
			const tokens = [stored, pat, connection, adminToken];
			const mock = await startMockNotion();
			servers.push(mock);
			mock.setToken(stored, {
				tokens: [
					{id: 'tok-alpha', name: 'ntn login', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', revokedAt: null},
					{id: 'tok-laptop', name: 'laptop', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', revokedAt: null},
				],
			});
			mock.setUser(pat, {kind: 'pat', name: 'Ada Lovelace'});
			mock.setToken(pat, {});
			mock.setUser(connection, {kind: 'bot', name: 'Sync bot', workspaceName: 'Alpha'});
			mock.setToken(connection, {});
			const home = await ntnHome({
				config: {version: '1', defaultWorkspaceIds: {prod: A}},
				workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
				auth: {[A]: stored},
			});
			const env = {...home.env, NOTION_TOKENS_STORE: 'file', NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl};
			const core = createCore({httpTimeoutMs: 300, env});
			await core.addSaved({label: 'ci', token: pat, lifetime: '30d'});
			await core.addSaved({label: 'sync', token: connection, note: 'the nightly sync'});
			await core.addSaved({label: 'org', token: adminToken, admin: true});
			for (const token of [pat, connection, adminToken]) mock.setToken(token, VARIANTS[variant]!(token));
			const app = renderApp(core, {size: {columns: 140, rows: 40}});
			await app.waitFor('4 Admin');
			await app.press('2');
			await app.waitFor('[2 Tokens]');
			await app.press('r');
			await app.waitFor(frame => /Checked \d+ token/.test(frame) && frame.includes('laptop'));
			await app.press('G');
			for (const label of ['sync', 'org', 'ci']) {
				await app.press('\r');
				await app.waitFor(`◆ ${label} · saved in tokens.json`);
				await app.press('\u001B');
				await app.press('k');
			}
			await app.press('j');
			for (const [key, shows] of [
				['E', 'Edit "ci"'],
				['R', 'Replace the token of "ci"'],
				['D', 'Remove the saved token "ci"'],
			] as const) {
				await app.press(key);
				await app.waitFor(shows);
				await app.press('\u001B');
				await app.waitFor(frame => !frame.includes(shows));
			}
			await app.press('3');
			await app.waitFor('[3 Expiring');
			await app.press('G');
			await app.press('4');
			await app.waitFor('Which workspace');
			await app.press('\r');
			await app.waitFor(/PATs|Error/);
			await app.press('q');
			await app.waitForExit();
			const frames = app.allFrames();
			scan(`terminal UI, saved tokens (${variant})`, frames, tokens);
			// Each is shown, masked.
			for (const token of [pat, connection, adminToken]) expect(frames).toContain(`${token.slice(0, 4)}…${token.slice(-4)}`);
		}
		expect(leaks.slice(start)).toEqual([]);
	}, 120_000);

	it("the terminal UI: every frame of every screen, with Notion's answers echoing the token", async () => {
		const start = leaks.length;
		for (const variant of ['ok', 'echo-json', 'echo-text']) {
			const setup = await fileSetup();
			for (const token of setup.tokens) setup.mock.setToken(token, VARIANTS[variant]!(token));
			const core = createCore({...setup.core, env: {...setup.home.env, ...setup.env}, stateDir: setup.home.stateDir});
			const app = renderApp(core, {size: {columns: 140, rows: 40}});
			await app.waitFor('Alpha');
			await app.press('2');
			await app.waitFor('[2 Tokens]');
			await app.press('r');
			await app.waitFor(/Checked \d+ token/);
			await app.press('\r');
			await app.waitFor('Alpha · prod');
			await app.press('x');
			await app.waitFor('Revoke the stored token');
			await app.press('n');
			await app.waitFor('Nothing was changed.');
			await app.press('\u001B');
			await app.press('3');
			await app.waitFor('[3 Expiring');
			await app.press('?');
			await app.waitFor('Keys (Esc or ? closes');
			await app.press('?');
			await app.press('1');
			await app.waitFor('[1 Workspaces');
			await app.press('d');
			await app.waitFor(/Log out of/);
			await app.press('n');
			await app.press('e');
			await app.press('q');
			await app.waitForExit();
			scan(`terminal UI (${variant})`, app.allFrames(), setup.tokens);
		}
		expect(leaks.slice(start)).toEqual([]);
		figure(
			`no leaks: ${scanned.outputs} outputs scanned (${Math.round(scanned.bytes / 1024)} KB of stdout, stderr, --json, core results and errors, UI frames), ${leaks.length} leaks found`,
			false,
		);
	}, 120_000);
});
