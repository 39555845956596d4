/**
 * Each operation reads each token once: the UI's start (inventory and token list together), and
 * `revoke` and `logout`, which name their target before asking and act on that same read.
 * The real kernel keyring, with every call counted on its way through.
 */
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import type {KeychainEntry, KeyringModule} from '../../../source/core/ntn/keychain.js';
import {ntnHome, workspacesFile} from '../../helpers/ntn-home.js';
import {coreOf, freshId} from '../../peer/helpers/core.js';
import {addNtnKey, findNtnKey} from '../../peer/helpers/keyctl.js';

const real = createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;

/** The real module, counting the calls made through it by kind and account. */
function countingKeyring() {
	const calls: string[] = [];
	const wrap = (account: string, entry: KeychainEntry): KeychainEntry => ({
		getPassword: signal => (calls.push(`read ${account}`), entry.getPassword(signal)),
		setPassword: (password, signal) => (calls.push(`store ${account}`), entry.setPassword(password, signal)),
		deleteCredential: signal => (calls.push(`delete ${account}`), entry.deleteCredential(signal)),
	});
	const module: KeyringModule = {
		AsyncEntry: Object.assign(
			class {
				constructor() {
					throw new Error('only withTarget is used on Linux');
				}
			},
			{
				withTarget: (target: string, service: string, account: string, options?: object | null) =>
					wrap(account, real.AsyncEntry.withTarget(target, service, account, options)),
			},
		) as unknown as KeyringModule['AsyncEntry'],
	};
	return {keyring: () => module, calls, reads: () => calls.filter(call => call.startsWith('read '))};
}

async function keychainHome(count: number) {
	const ids = Array.from({length: count}, () => freshId());
	const devOnly = freshId();
	for (const [index, id] of [...ids, devOnly].entries()) addNtnKey(id, `ntn_one_read_${index}_${'x'.repeat(24)}`);
	const home = await ntnHome({
		keyring: true,
		config: {version: '1', defaultWorkspaceIds: {prod: ids[0]!}},
		workspaces: workspacesFile({prod: ids.map((id, index): [string, string] => [id, `Space ${index}`]), dev: [[devOnly, 'Dev space']]}),
	});
	return {home, ids, devOnly};
}

describe('each token is read once per operation', () => {
	it("the UI's start: the inventory and every environment's token list from one read of each token", async () => {
		const {home, ids, devOnly} = await keychainHome(6);
		const counter = countingKeyring();
		const overview = await coreOf(home, {keyring: counter.keyring, platform: 'linux'}).overview({withinDays: 30});
		expect(overview.inventory.workspaces.map(row => row.token.state)).toEqual(ids.map(() => 'present'));
		expect(overview.tokens.map(row => row.workspaceId).sort()).toEqual([...ids, devOnly].sort());
		expect(overview.tokensError).toBeNull();
		expect(counter.reads().sort()).toEqual([...ids, devOnly].map(id => `read ${id}`).sort());
	});

	it('revoke names the token from the same read it revokes with', async () => {
		const {home, ids} = await keychainHome(4);
		const counter = countingKeyring();
		const plan = await coreOf(home, {keyring: counter.keyring, platform: 'linux'}).prepareRevoke('tok-unknown');
		expect(plan).toMatchObject({tokenId: 'tok-unknown', storedFor: null, listedIn: null});
		expect(counter.reads().sort()).toEqual(ids.map(id => `read ${id}`).sort());
	});

	it('logout names the workspace without reading a token, then deletes only its token', async () => {
		const {home, ids} = await keychainHome(4);
		const counter = countingKeyring();
		const plan = await coreOf(home, {keyring: counter.keyring, platform: 'linux'}).prepareLogout('Space 2');
		expect(plan.workspace).toEqual({id: ids[2], name: 'Space 2'});
		expect(counter.calls).toEqual([]);
		const result = await plan.run();
		expect(result.tokensDeleted).toEqual([ids[2]]);
		expect(counter.calls).toEqual([`delete ${ids[2]}`]);
		expect(findNtnKey(ids[2]!)).toBeNull();
	});
});
