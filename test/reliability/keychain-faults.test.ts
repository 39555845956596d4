/**
 * Reliability 6: keychain faults. A stand-in for @napi-rs/keyring (createCore's `keyring` option)
 * throws exactly what the real module throws (toolchain §4.4) when the store is unavailable,
 * locked or denies access, or never answers; plus the real AccessDenied of the kernel keyring in a
 * process without a session keyring of its own (ntn-compat §5.3). Every command must give a clear
 * message naming the workspace, exit non-zero when it could not do its work, and leave no half-done
 * state: a token that cannot be deleted keeps its workspace cached and its default set.
 */
import {randomUUID} from 'node:crypto';
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import type {KeychainEntry, KeyringModule} from '../../source/core/ntn/keychain.js';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {childPath, runCommand} from './support/children.js';
import {figure} from './support/mode.js';

type Operation = 'construct' | 'get' | 'set' | 'delete';
type Fault = 'unavailable' | 'locked' | 'denied' | 'timeout';

/** What @napi-rs/keyring 2.1.2 throws: a plain Error with `code` and a `cause` (toolchain §4.4). */
function napiError(message: string): Error {
	const cause = Object.assign(new Error(message.replace(/^[^:]+: /, '')), {code: 'GenericFailure'});
	return Object.assign(new Error(message), {code: 'GenericFailure', cause});
}

/** `said`: the reason as errors give it; `fix`: the hint, which is all `logout --all` prints per workspace kept. */
const FAULTS: Record<Fault, {operation?: string; construct?: string; said: RegExp; fix: RegExp; code: string}> = {
	unavailable: {
		construct: 'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
		operation: "Couldn't access platform storage: Secret Service: no result found",
		said: /Secret Service|org\.freedesktop\.secrets/,
		fix: /Check that the system keychain works/,
		code: 'keychain-unavailable',
	},
	locked: {
		operation: "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
		said: /keychain is locked/,
		fix: /Unlock your keychain/,
		code: 'keychain-locked',
	},
	denied: {operation: "Couldn't access platform storage: AccessDenied", said: /access denied/, fix: /session keyring|keychain/, code: 'keychain-access-denied'},
	timeout: {said: /did not answer in time/, fix: /keychain service is running/, code: 'keychain-timeout'},
};

/** An in-memory keychain whose calls fail as `faultOf` says. */
function standIn(store: Map<string, string>, faultOf: (operation: Operation, account: string) => Fault | undefined): () => KeyringModule {
	const fail = async (operation: Operation, account: string): Promise<void> => {
		const fault = faultOf(operation, account);
		if (fault === undefined) return;
		if (fault === 'timeout') return new Promise<never>(() => {}); // never answers, ignores the abort signal
		throw napiError(FAULTS[fault].operation!);
	};
	const entry = (account: string): KeychainEntry => {
		const fault = faultOf('construct', account);
		if (fault && FAULTS[fault].construct) throw napiError(FAULTS[fault].construct);
		return {
			getPassword: async () => (await fail('get', account), store.get(account) ?? null),
			setPassword: async password => void (await fail('set', account), store.set(account, password)),
			deleteCredential: async () => (await fail('delete', account), store.delete(account)),
		};
	};
	class AsyncEntry {
		static withTarget(_target: string, _service: string, account: string): KeychainEntry {
			return entry(account);
		}
		constructor(_service: string, account: string) {
			return entry(account) as unknown as AsyncEntry;
		}
	}
	return () => ({AsyncEntry}) as unknown as KeyringModule;
}

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';

async function keychainHome(defaultId = A): Promise<NtnHome> {
	return ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: defaultId}},
		workspaces: workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		}),
		keyring: true,
	});
}

const snapshot = async (home: NtnHome) => ({config: await home.read('config.json'), workspaces: await home.read('workspaces.json')});

const COMMANDS: Array<{args: string[]; exit: number}> = [
	{args: ['status'], exit: 1},
	{args: ['status', '--json'], exit: 1},
	{args: ['use', 'Beta'], exit: 3},
	{args: ['logout', 'Beta', '--yes'], exit: 3},
	{args: ['logout', '--all', '--yes'], exit: 3},
	{args: ['tokens'], exit: 3},
];

describe('keychain faults', () => {
	let checks = 0;

	it('unavailable, locked, access denied, timed out: a clear message, a failing exit code, nothing half done', async () => {
		for (const fault of Object.keys(FAULTS) as Fault[]) {
			for (const {args, exit} of COMMANDS) {
				const home = await keychainHome();
				const tokens = new Map([
					[A, mintToken()],
					[B, mintToken()],
				]);
				const store = new Map(tokens);
				const before = await snapshot(home);
				const started = Date.now();
				const result = await runCli(args, home.env, {
					core: {keyring: standIn(store, () => fault), keychainTimeoutMs: 100, platform: 'linux', stateDir: home.stateDir},
				});
				const label = `${fault}, \`${args.join(' ')}\``;
				const printed = result.stdout + result.stderr;
				const all = args.includes('--all');
				expect(printed, label).toMatch(all ? FAULTS[fault].fix : FAULTS[fault].said);
				expect(printed, label).toMatch(all ? /Alpha stays logged in/ : /workspace (aaaaaaaa|bbbbbbbb)-/);
				expect(printed, label).toMatch(/hint:|fix:|"fix":|warning:/);
				expect(printed, label).not.toMatch(/unexpected failure/);
				expect(result.code, label).toBe(exit);
				expect(Date.now() - started, `${label}: took too long`).toBeLessThan(5000);
				// Nothing half done: the files and the tokens are as they were.
				expect(await snapshot(home), label).toEqual(before);
				expect(store, label).toEqual(tokens);
				if (args[0] === 'logout') expect(printed, label).toMatch(/stays logged in/);
				if (args.includes('--json')) {
					const codes = (JSON.parse(result.stdout) as {problems: Array<{code: string}>}).problems.map(problem => problem.code);
					expect(codes, label).toContain(FAULTS[fault].code);
				}
				checks += 8;
			}
		}
	});

	it('logout --all deletes what it can and keeps exactly the workspaces whose token it could not delete', async () => {
		for (const fault of Object.keys(FAULTS) as Fault[]) {
			const home = await keychainHome(B);
			const store = new Map([
				[A, mintToken()],
				[B, mintToken()],
			]);
			const tokenB = store.get(B);
			const result = await runCli(['logout', '--all', '--yes'], home.env, {
				core: {
					keyring: standIn(store, (operation, account) => (operation === 'delete' && account === B ? fault : undefined)),
					keychainTimeoutMs: 100,
					platform: 'linux',
				},
			});
			const label = `${fault} on Beta only`;
			expect(result.code, label).toBe(3);
			expect(result.stdout, label).toContain('Logged out of Alpha');
			expect(result.stderr, label).toMatch(/Beta stays logged in: Could not delete the keychain entry for workspace bbbbbbbb-[0-9a-f-]+: /);
			expect(store.has(A), label).toBe(false);
			expect(store.get(B), label).toBe(tokenB);
			const workspaces = JSON.parse(await home.read('workspaces.json')) as {environments: Record<string, Record<string, unknown>>};
			expect(Object.keys(workspaces.environments['prod'] ?? {}), label).toEqual([B]);
			expect(JSON.parse(await home.read('config.json')), label).toMatchObject({defaultWorkspaceIds: {prod: B}});
			checks += 7;
		}
	});

	it('the real AccessDenied: a process without its own session keyring refuses instead of trusting "no token"', async () => {
		// Tokens stored by ntn's naming from this (proper) session; they live in the persistent keyring.
		const require = createRequire(import.meta.url);
		const keyring = require('@napi-rs/keyring') as KeyringModule;
		const [a, b] = [randomUUID(), randomUUID()];
		const entry = (id: string) => keyring.AsyncEntry.withTarget(`keyring-rs:${id}@notion-cli`, 'notion-cli', id, {linux: {store: 'keyutils'}});
		const tokens = {[a]: mintToken(), [b]: mintToken()};
		for (const [id, token] of Object.entries(tokens)) await entry(id).setPassword(token);
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: b}},
			workspaces: workspacesFile({
				prod: [
					[a, 'Alpha'],
					[b, 'Beta'],
				],
			}),
			keyring: true,
		});
		const cli = await childPath('cli');
		try {
			const before = await snapshot(home);
			const inShared = (args: string[]) =>
				// Joining the user-session keyring by name: what a process without a session keyring of its own uses.
				runCommand('keyctl', ['session', '_uid_ses.0', 'sh', '-c', 'keyctl rdescribe @s >&2; exec "$@"', 'sh', process.execPath, cli, ...args], {
					env: {...process.env, ...home.env},
				});
			for (const {args, exit} of COMMANDS.filter(command => command.args[0] !== 'tokens')) {
				const result = await inShared(args);
				const label = `\`${args.join(' ')}\` without a session keyring`;
				expect(result.stderr, label).toMatch(/_uid_ses\.\d+/);
				const printed = result.stdout + result.stderr;
				if (!args.includes('--all')) expect(printed, label).toMatch(/no session keyring of its own/);
				expect(printed, label).toMatch(/keyctl session -/);
				expect(result.code, label).toBe(exit);
				if (args[0] === 'logout') expect(printed, label).toMatch(/stays logged in/);
				expect(await snapshot(home), label).toEqual(before);
				for (const [id, token] of Object.entries(tokens)) expect(await entry(id).getPassword(), label).toBe(token);
				checks += 6;
			}
		} finally {
			for (const id of [a, b]) await entry(id).deleteCredential();
		}
		figure(
			`keychain faults: ${checks} checks over unavailable, locked, access denied (stand-in and real kernel keyring), timed out; 0 half-done states, 0 tokens left behind by a logout that said it succeeded`,
			false,
		);
	});
});
