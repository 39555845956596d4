import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {KeychainEntry, KeyringModule} from '../../../source/core/ntn/keychain.js';
import {Secret} from '../../../source/core/shared/secret.js';
import {KeychainTokenStore} from '../../../source/core/ntn/token-store.js';
import {ntnHome, workspacesFile} from '../../helpers/ntn-home.js';
import {coreOf, freshId, rejectionOf} from '../../peer/helpers/core.js';
import {addNtnKey, findNtnKey, hasOwnSessionKeyring, printNtnKey, readNtnKey} from '../../peer/helpers/keyctl.js';

/**
 * The keychain as ntn 0.4.0 uses it (ntn-compat §4, §5, §12): on Linux the real kernel keyring,
 * checked with keyctl; the macOS branch, which this machine cannot run, with a stand-in module.
 */

const store = (timeoutMs = 5000) => new KeychainTokenStore('default', {timeoutMs, platform: 'linux'});
const token = (label: string) => `ntn_test_${label}_${'x'.repeat(24)}_end`;

describe('the real kernel keyring, named as ntn names it', () => {
	it('runs in a session keyring of its own (the test script uses `keyctl session -`)', () => {
		expect(hasOwnSessionKeyring()).toBe(true);
	});

	it('stores a token as a `user` key `keyring-rs:<id>@notion-cli` whose payload is the raw token', async () => {
		const id = freshId();
		const value = token('store');
		await store().set(id, new Secret(value));
		expect(findNtnKey(id)).toMatch(/^\d+$/);
		expect(printNtnKey(id)).toBe(value);
		expect(readNtnKey(id)).toBe(value);
	});

	it('reads a key that was added the way ntn adds it, and answers null for a missing one', async () => {
		const id = freshId();
		const missing = freshId();
		addNtnKey(id, token('ntn'));
		const read = await store().getMany([id, missing]);
		expect((read.get(id) as Secret).reveal()).toBe(token('ntn'));
		expect(read.get(missing)).toBeNull();
	});

	it('deletes the key (gone for keyctl too) and says whether there was one', async () => {
		const id = freshId();
		addNtnKey(id, token('del'));
		const first = await store().deleteMany([id]);
		expect(first.get(id)).toBe(true);
		expect(findNtnKey(id)).toBeNull();
		expect((await store().deleteMany([id])).get(id)).toBe(false);
	});

	it('does not answer for a key named the @napi-rs/keyring default way (`keyring:`), which ntn never reads', async () => {
		const id = freshId();
		const key = execFileSync('keyctl', ['padd', 'user', `keyring:${id}@notion-cli`, '@s'], {input: 'not-ntns-token-0123456789', encoding: 'utf8'}).trim();
		try {
			expect((await store().getMany([id])).get(id)).toBeNull();
		} finally {
			execFileSync('keyctl', ['invalidate', key]);
		}
	});
});

describe('the core in keychain mode', () => {
	it("lists tokens from the keychain (masked), switches, and logs out by deleting ntn's keys", async () => {
		const [a, b, orphan] = [freshId(), freshId(), freshId()];
		addNtnKey(a, token('alpha'));
		addNtnKey(b, token('beta'));
		addNtnKey(orphan, token('orphan'));
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
		const core = coreOf(home);
		const inventory = await core.inventory();
		expect(inventory.store).toEqual({kind: 'keychain', reason: 'default'});
		expect(inventory.problems).toEqual([]);
		expect(inventory.workspaces.map(row => [row.name, row.token])).toEqual([
			['Alpha', {state: 'present', masked: 'ntn_…_end', tokenId: null}],
			['Beta', {state: 'present', masked: 'ntn_…_end', tokenId: null}],
		]);
		expect((await core.switchWorkspace('Beta')).current.id).toBe(b);

		const [result] = await core.logoutAll();
		expect(result!.tokensDeleted.sort()).toEqual([a, b].sort());
		expect(findNtnKey(a)).toBeNull();
		expect(findNtnKey(b)).toBeNull();
		expect(readNtnKey(orphan)).toBe(token('orphan'));
		expect(await home.exists('auth.json')).toBe(false);
	});

	it('keychain-mode logout leaves an existing auth.json untouched, as ntn does', async () => {
		const a = freshId();
		addNtnKey(a, token('alpha'));
		const home = await ntnHome({keyring: true, workspaces: workspacesFile({prod: [[a, 'Alpha']]})});
		await home.write('auth.json', `{"${a}":"file-token-0123456789abcdef"}`, 0o600);
		await coreOf(home).logoutAll();
		expect(await home.read('auth.json')).toBe(`{"${a}":"file-token-0123456789abcdef"}`);
		expect(findNtnKey(a)).toBeNull();
	});

	it('use refuses a workspace whose keychain entry is missing, saying to run `ntn login`', async () => {
		const a = freshId();
		const home = await ntnHome({keyring: true, workspaces: workspacesFile({prod: [[a, 'Alpha']]})});
		const error = await rejectionOf(() => coreOf(home).switchWorkspace('Alpha'));
		expect(error.message).toBe(`Alpha (${a}) has no stored token in the keychain, so ntn could not use it`);
		expect(error.fix).toBe('Run `ntn login` and pick Alpha to sign in again.');
		expect(await home.exists('config.json')).toBe(false);
	});
});

interface Call {
	how: 'new' | 'withTarget';
	args: unknown[];
	method?: string;
}

/** A stand-in for @napi-rs/keyring that records how entries are made and what is called on them. */
function standIn(behaviour: {tokens?: Record<string, string>; get?: () => Promise<string | null>; del?: () => Promise<boolean>} = {}) {
	const calls: Call[] = [];
	const tokens = new Map(Object.entries(behaviour.tokens ?? {}));
	const entry = (call: Call, account: string): KeychainEntry => ({
		getPassword: async () => {
			calls.push({...call, method: 'getPassword'});
			return behaviour.get ? behaviour.get() : (tokens.get(account) ?? null);
		},
		setPassword: async (password: string) => {
			calls.push({...call, method: 'setPassword'});
			tokens.set(account, password);
		},
		deleteCredential: async () => {
			calls.push({...call, method: 'deleteCredential'});
			return behaviour.del ? behaviour.del() : tokens.delete(account);
		},
	});
	class AsyncEntry {
		constructor(service: string, account: string, ...rest: unknown[]) {
			const call: Call = {how: 'new', args: [service, account, ...rest]};
			calls.push(call);
			return entry(call, account) as unknown as AsyncEntry;
		}

		static withTarget(target: string, service: string, account: string, options?: object) {
			const call: Call = {how: 'withTarget', args: [target, service, account, options]};
			calls.push(call);
			return entry(call, account);
		}
	}
	const module = {AsyncEntry} as unknown as KeyringModule;
	return {calls, tokens, load: () => module};
}

describe('platform branches (stand-in module: this machine cannot run macOS)', () => {
	it('macOS: `new AsyncEntry("notion-cli", id)` for every read and delete; withTarget is never used', async () => {
		const fake = standIn({tokens: {'id-a': token('mac-a'), 'id-b': token('mac-b')}});
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: 'id-a'}},
			workspaces: workspacesFile({
				prod: [
					['id-a', 'Alpha'],
					['id-b', 'Beta'],
				],
			}),
		});
		const core = coreOf(home, {platform: 'darwin', keyring: fake.load});
		const inventory = await core.inventory();
		expect(inventory.workspaces.map(row => row.token.state)).toEqual(['present', 'present']);
		await core.logout('Beta');
		expect(fake.calls.filter(call => call.how === 'withTarget')).toEqual([]);
		expect(fake.calls.filter(call => call.method === undefined).map(call => call.args)).toEqual([
			['notion-cli', 'id-a'],
			['notion-cli', 'id-b'],
			['notion-cli', 'id-b'],
		]);
		expect(fake.calls.filter(call => call.method === 'deleteCredential').map(call => call.args[1])).toEqual(['id-b']);
		expect(fake.calls.some(call => call.method === 'setPassword')).toBe(false);
		expect([...fake.tokens.keys()]).toEqual(['id-a']);
	});

	it('Linux: withTarget("keyring-rs:<id>@notion-cli", "notion-cli", id, {linux: {store: "keyutils"}}), never the plain constructor', async () => {
		const fake = standIn({tokens: {'id-a': token('linux-a')}});
		const home = await ntnHome({keyring: true, workspaces: workspacesFile({prod: [['id-a', 'Alpha']]})});
		await coreOf(home, {platform: 'linux', keyring: fake.load}).inventory();
		expect(fake.calls.filter(call => call.how === 'new')).toEqual([]);
		expect(fake.calls.filter(call => call.method === undefined).map(call => call.args)).toEqual([
			['keyring-rs:id-a@notion-cli', 'notion-cli', 'id-a', {linux: {store: 'keyutils'}}],
		]);
	});
});

describe('keychain failures: a time limit on every call, and messages with the fix', () => {
	const never = () => new Promise<never>(() => {});

	it('a keychain that never answers a read gives a timeout problem within the limit, not a hang', async () => {
		const fake = standIn({get: never});
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: 'id-a'}},
			workspaces: workspacesFile({prod: [['id-a', 'Alpha']]}),
		});
		const started = performance.now();
		const inventory = await coreOf(home, {platform: 'darwin', keyring: fake.load, keychainTimeoutMs: 300}).inventory();
		expect(performance.now() - started).toBeLessThan(3000);
		const problem = inventory.problems.find(entry => entry.code === 'keychain-timeout');
		expect(problem?.message).toBe('Could not read the keychain entry for workspace id-a: the keychain did not answer in time');
		expect(problem?.fix).toContain('NOTION_KEYRING=0');
		expect(inventory.workspaces[0]!.token).toEqual({state: 'unknown', reason: problem!.message});
		expect(inventory.problems.map(entry => entry.code)).not.toContain('default-without-token');
	});

	it('a delete that never answers fails the logout within the limit, and nothing is changed', async () => {
		const fake = standIn({tokens: {'id-a': token('slow')}, del: never});
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: 'id-a'}},
			workspaces: workspacesFile({prod: [['id-a', 'Alpha']]}),
		});
		const before = [await home.read('config.json'), await home.read('workspaces.json')];
		const error = await rejectionOf(() => coreOf(home, {platform: 'darwin', keyring: fake.load, keychainTimeoutMs: 300}).logout('Alpha'));
		expect(error.code).toBe('keychain-timeout');
		expect(error.message).toContain('Alpha stays logged in; nothing was changed.');
		expect([await home.read('config.json'), await home.read('workspaces.json')]).toEqual(before);
	});

	it('"AccessDenied" from the module becomes a message that says how to fix it', async () => {
		const fake = standIn({get: () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied"))});
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: 'id-a'}},
			workspaces: workspacesFile({prod: [['id-a', 'Alpha']]}),
		});
		const inventory = await coreOf(home, {platform: 'linux', keyring: fake.load}).inventory({tokens: 'default'});
		const problem = inventory.problems.find(entry => entry.code === 'keychain-access-denied');
		expect(problem?.message).toContain('access denied');
		expect(problem?.fix).toContain('keyctl session -');
		expect(problem?.fix).toContain('NOTION_KEYRING=0');
	});

	it('a module that cannot be loaded is a problem with the fix, not a crash', async () => {
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: 'id-a'}},
			workspaces: workspacesFile({prod: [['id-a', 'Alpha']]}),
		});
		const broken = () => {
			throw new Error('Cannot find module @napi-rs/keyring-linux-x64-gnu');
		};
		const inventory = await coreOf(home, {platform: 'linux', keyring: broken}).inventory({tokens: 'default'});
		const problem = inventory.problems.find(entry => entry.code.startsWith('keychain'));
		expect(problem?.message).toContain('Cannot find module');
		expect(problem?.fix).toContain('NOTION_KEYRING=0');
	});
});
