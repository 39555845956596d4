import {describe, expect, it} from 'vitest';
import {ntnHome, ntnJson, workspacesFile} from '../../helpers/ntn-home.js';
import {NotionTokensError} from '../../../source/core/index.js';
import {coreOf, freshId, rejectionOf} from '../../peer/helpers/core.js';
import {addNtnKey, readNtnKey} from '../../peer/helpers/keyctl.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const Z = '00000000-0000-4000-8000-000000000000';
const O = '99999999-9999-4999-8999-999999999999';
const tok = (id: string) => `ntn_logout_${id.slice(0, 4)}_0123456789abcdef`;

/** prod: Alpha (default), Beta; local: Beta, Gamma (default); zz (unknown env): Zeta; plus an orphan token. */
const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A, local: C, zz: Z}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
		],
		local: [
			[B, 'Beta'],
			[C, 'Gamma'],
		],
		zz: [[Z, 'Zeta']],
	}),
	auth: {[A]: tok(A), [B]: tok(B), [C]: tok(C), [Z]: tok(Z), [O]: tok(O)},
});

const json = async (home: {read(name: string): Promise<string>}, name: string) => JSON.parse(await home.read(name)) as Record<string, unknown>;

describe('logout <id|name>: forget one workspace', () => {
	it('deletes its token, removes its cache entry and clears the default it was', async () => {
		const home = await ntnHome(files());
		const result = await coreOf(home).logout('Alpha');
		expect(result).toMatchObject({
			environment: 'prod',
			tokensDeleted: [A],
			tokensKept: [],
			defaultWorkspaceId: null,
			defaultWorkspaceName: null,
			warnings: [],
		});
		expect(result.removed.map(row => [row.id, row.name, row.isDefault])).toEqual([[A, 'Alpha', true]]);
		expect(await json(home, 'auth.json')).toEqual({[B]: tok(B), [C]: tok(C), [Z]: tok(Z), [O]: tok(O)});
		expect(await json(home, 'workspaces.json')).toEqual(
			workspacesFile({
				prod: [[B, 'Beta']],
				local: [
					[B, 'Beta'],
					[C, 'Gamma'],
				],
				zz: [[Z, 'Zeta']],
			}),
		);
		expect(await json(home, 'config.json')).toEqual({version: '1', defaultWorkspaceIds: {local: C, zz: Z}});
	});

	it("keeps the token when another environment's cache names the same id, and says so", async () => {
		const home = await ntnHome(files());
		const result = await coreOf(home).logout('Beta');
		expect(result.tokensDeleted).toEqual([]);
		expect(result.tokensKept).toEqual([{id: B, reason: "kept: local still uses this workspace's token"}]);
		expect(result.defaultWorkspaceId).toBe(A);
		expect(result.defaultWorkspaceName).toBe('Alpha');
		expect((await json(home, 'auth.json'))[B]).toBe(tok(B));
		expect(await json(home, 'workspaces.json')).toEqual(
			workspacesFile({
				prod: [[A, 'Alpha']],
				local: [
					[B, 'Beta'],
					[C, 'Gamma'],
				],
				zz: [[Z, 'Zeta']],
			}),
		);
		expect(await home.read('config.json')).toBe(ntnJson(files().config));
	});

	it("removes the environment key once its last workspace is gone, as ntn's logout leaves it", async () => {
		const home = await ntnHome({workspaces: workspacesFile({prod: [[A, 'Alpha']]}), auth: {[A]: tok(A)}});
		await coreOf(home).logout(A);
		expect(await home.read('workspaces.json')).toBe('{\n  "version": "1",\n  "environments": {}\n}');
		expect(await home.read('auth.json')).toBe('{}');
	});

	it("deletes by the entry's id field, like ntn, even when the map key differs", async () => {
		const home = await ntnHome({
			workspaces: {version: '1', environments: {prod: {'some-key': {id: A, name: 'Alpha'}}}},
			auth: {'some-key': 'not-this-one-0123456789abcdef', [A]: tok(A)},
		});
		const result = await coreOf(home).logout('Alpha');
		expect(result.tokensDeleted).toEqual([A]);
		expect(await json(home, 'auth.json')).toEqual({'some-key': 'not-this-one-0123456789abcdef'});
		expect(await json(home, 'workspaces.json')).toEqual({version: '1', environments: {}});
	});

	it('a workspace without a stored token is still forgotten', async () => {
		const home = await ntnHome({
			workspaces: workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
				],
			}),
			auth: {[B]: tok(B)},
		});
		const result = await coreOf(home).logout('Alpha');
		expect(result.tokensDeleted).toEqual([]);
		expect(result.removed.map(row => row.id)).toEqual([A]);
		expect(await json(home, 'workspaces.json')).toEqual(workspacesFile({prod: [[B, 'Beta']]}));
	});

	it('an unknown workspace is an error and changes nothing', async () => {
		const home = await ntnHome(files());
		const error = await rejectionOf(() => coreOf(home).logout('Nope'));
		expect(error.code).toBe('unknown-workspace');
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
	});
});

describe('logout --all: exactly ntn logout (§8)', () => {
	it("one environment: every cached workspace's token (even one another env shares, with a warning), its cache and default", async () => {
		const home = await ntnHome(files());
		const [result] = await coreOf(home).logoutAll({environment: 'local'});
		expect(result!.environment).toBe('local');
		expect(result!.tokensDeleted.sort()).toEqual([B, C]);
		expect(result!.removed.map(row => row.name)).toEqual(['Beta', 'Gamma']);
		expect(result!.defaultWorkspaceId).toBeNull();
		expect(result!.warnings).toEqual([
			`The token of ${B} was also the one prod used (ntn shares one token per workspace id); log in there again with \`ntn login\`.`,
		]);
		expect(await json(home, 'auth.json')).toEqual({[A]: tok(A), [Z]: tok(Z), [O]: tok(O)});
		expect(await json(home, 'workspaces.json')).toEqual(
			workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
				],
				zz: [[Z, 'Zeta']],
			}),
		);
		expect(await json(home, 'config.json')).toEqual({version: '1', defaultWorkspaceIds: {prod: A, zz: Z}});
	});

	it("--all-envs: ntn's four environments; an unknown environment key keeps its workspaces, token and default; orphans stay", async () => {
		const home = await ntnHome(files());
		const results = await coreOf(home).logoutAll({allEnvironments: true});
		expect(results.map(result => result.environment)).toEqual(['local', 'dev', 'stg', 'prod']);
		expect(results.flatMap(result => result.warnings)).toEqual([]);
		expect(await json(home, 'auth.json')).toEqual({[Z]: tok(Z), [O]: tok(O)});
		expect(await json(home, 'workspaces.json')).toEqual(workspacesFile({zz: [[Z, 'Zeta']]}));
		expect(await json(home, 'config.json')).toEqual({version: '1', defaultWorkspaceIds: {zz: Z}});
	});

	it('an environment with nothing cached: nothing removed, files still written', async () => {
		const home = await ntnHome(files());
		const [result] = await coreOf(home).logoutAll({environment: 'stg'});
		expect(result).toMatchObject({environment: 'stg', removed: [], tokensDeleted: [], tokensKept: [], defaultWorkspaceId: null});
		expect(await json(home, 'auth.json')).toEqual(files().auth);
	});
});

describe('a logout that stops half way says what it did, and running it again finishes it', () => {
	/** Write hooks whose `nth` commit (1: config.json, 2: workspaces.json) fails as a full disk would. */
	const failingCommit = (nth: number, file: string) => {
		let commits = 0;
		return {
			beforeCommit: () => {
				if (++commits === nth) {
					throw new NotionTokensError('unwritable-file', `Could not write ${file} (/x/${file}): no space left on the device; it was left unchanged`, {
						fix: 'Free some space on the disk that holds /x, then try again.',
					});
				}
			},
		};
	};

	it('one workspace, keychain store: the token is deleted, workspaces.json could not be written', async () => {
		const id = freshId();
		const other = freshId();
		const home = await ntnHome({
			keyring: true,
			config: {version: '1', defaultWorkspaceIds: {prod: id}},
			workspaces: workspacesFile({
				prod: [
					[id, 'Alpha'],
					[other, 'Beta'],
				],
			}),
		});
		addNtnKey(id, tok(id));
		addNtnKey(other, tok(other));
		const error = await rejectionOf(() => coreOf(home, {writeHooks: failingCommit(2, 'workspaces.json')}).logout('Alpha'));
		expect(error.code).toBe('logout-incomplete');
		expect(error.message).toBe(
			'The logout stopped half way: it deleted the token of Alpha from the keychain, then cleared the default of prod in config.json, but then: Could not write workspaces.json (/x/workspaces.json): no space left on the device; it was left unchanged. So Alpha is still listed in workspaces.json, without a token',
		);
		expect(error.fix).toBe(
			`Free some space on the disk that holds /x, then run \`notion-tokens logout ${id} --env prod --yes\` to finish (it picks up where this one stopped).`,
		);
		expect(readNtnKey(id)).toBeNull();
		expect(readNtnKey(other)).toBe(tok(other));
		expect(await json(home, 'config.json')).toEqual({version: '1', defaultWorkspaceIds: {}});

		const again = await coreOf(home).logout(id);
		expect(again).toMatchObject({tokensDeleted: [], tokensKept: []});
		expect(await json(home, 'workspaces.json')).toEqual(workspacesFile({prod: [[other, 'Beta']]}));
		expect(readNtnKey(other)).toBe(tok(other));
	});

	it('every workspace, file store: auth.json is written, config.json could not be', async () => {
		const home = await ntnHome(files());
		const error = await rejectionOf(() => coreOf(home, {writeHooks: failingCommit(1, 'config.json')}).logoutAll());
		expect(error.code).toBe('logout-incomplete');
		expect(error.message).toBe(
			'The logout stopped half way: it deleted the tokens of Alpha, Beta from auth.json, but then: Could not write config.json (/x/config.json): no space left on the device; it was left unchanged. So the workspaces whose tokens were deleted are still listed, without a token',
		);
		expect(error.fix).toContain('then run `notion-tokens logout --all --env prod --yes` to finish');
		expect(await json(home, 'auth.json')).toEqual({[C]: tok(C), [Z]: tok(Z), [O]: tok(O)});
		expect(await json(home, 'workspaces.json')).toEqual(files().workspaces);

		const [again] = await coreOf(home).logoutAll();
		expect(again).toMatchObject({environment: 'prod', tokensDeleted: [], defaultWorkspaceId: null});
		expect(await json(home, 'workspaces.json')).toEqual(
			workspacesFile({
				local: [
					[B, 'Beta'],
					[C, 'Gamma'],
				],
				zz: [[Z, 'Zeta']],
			}),
		);
		expect(await json(home, 'config.json')).toEqual({version: '1', defaultWorkspaceIds: {local: C, zz: Z}});
	});
});
