import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {EXIT} from '../../../source/core/shared/errors.js';
import {ntnHome, ntnJson, workspacesFile} from '../../helpers/ntn-home.js';
import {coreOf, rejectionOf} from '../../peer/helpers/core.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const TOKEN_A = 'ntn_use_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_use_token_BBBB_0123456789abcdef';

const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A, dev: C}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
			[C, 'Gamma'],
		],
		dev: [[C, 'Gamma']],
	}),
	auth: {[A]: TOKEN_A, [B]: TOKEN_B},
});

async function snapshotOf(dir: string) {
	const out: Record<string, [string, number]> = {};
	for (const name of ['workspaces.json', 'auth.json']) {
		const stat = await fs.stat(path.join(dir, name));
		out[name] = [await fs.readFile(path.join(dir, name), 'utf8'), stat.ino];
	}
	return out;
}

describe("use <id|name>: what picking a cached workspace in ntn's picker does", () => {
	it('sets defaultWorkspaceIds[env] and nothing else: workspaces.json and auth.json are not touched', async () => {
		const home = await ntnHome(files());
		const before = await snapshotOf(home.dir);
		const result = await coreOf(home).switchWorkspace('Beta');
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {prod: B, dev: C}}));
		expect(await snapshotOf(home.dir)).toEqual(before);
		expect(result.environment).toBe('prod');
		expect(result.previous).toMatchObject({id: A, name: 'Alpha', environment: 'prod', isDefault: false, token: {state: 'present', masked: 'ntn_…cdef'}});
		expect(result.current).toMatchObject({id: B, name: 'Beta', isDefault: true, token: {state: 'present', masked: 'ntn_…cdef'}});
		expect(result.shadowedBy).toBeNull();
		expect(JSON.stringify(result)).not.toContain(TOKEN_B);
	});

	it('finds the workspace by id, exact name, name in any case, or an id prefix of 4+ characters', async () => {
		const home = await ntnHome(files());
		const core = coreOf(home);
		for (const query of [B, 'Beta', 'BETA', 'bbbb', A, 'alpha', 'aaaaaaaa-aa']) {
			const expected = /^b|beta/i.test(query) ? B : A;
			expect((await core.switchWorkspace(query)).current.id).toBe(expected);
		}
	});

	it('names only workspaces of the environment, and says what is known when nothing matches', async () => {
		const home = await ntnHome(files());
		const error = await rejectionOf(() => coreOf(home).switchWorkspace('Delta'));
		expect(error.message).toBe("No cached workspace in prod matches 'Delta'; known: Alpha, Beta, Gamma");
		expect(error.fix).toBe('Run `notion-tokens workspaces` to list them, or `ntn login` to add one.');
		const devError = await rejectionOf(() => coreOf(home).switchWorkspace('Alpha', {environment: 'dev'}));
		expect(devError.message).toBe("No cached workspace in dev matches 'Alpha'; known: Gamma");
		const empty = await ntnHome();
		expect((await rejectionOf(() => coreOf(empty).switchWorkspace('Alpha'))).fix).toBe('Run `ntn login` to add a workspace.');
	});

	it('refuses an ambiguous name, listing the matches, as a usage error', async () => {
		const home = await ntnHome({
			workspaces: workspacesFile({
				prod: [
					[A, 'Twin'],
					[B, 'Twin'],
				],
			}),
			auth: {[A]: TOKEN_A, [B]: TOKEN_B},
		});
		const error = await rejectionOf(() => coreOf(home).switchWorkspace('Twin'));
		expect(error.message).toBe(`'Twin' matches 2 workspaces in prod: Twin (${A}), Twin (${B})`);
		expect(error.exitCode).toBe(EXIT.usage);
		expect((await coreOf(home).switchWorkspace(B)).current.id).toBe(B);
	});

	it('refuses a workspace with no stored token, saying to run `ntn login`, and writes nothing', async () => {
		const home = await ntnHome(files());
		const before = await home.read('config.json');
		const error = await rejectionOf(() => coreOf(home).switchWorkspace('Gamma'));
		expect(error.code).toBe('no-token');
		expect(error.message).toBe(`Gamma (${C}) has no stored token in the auth.json file, so ntn could not use it`);
		expect(error.fix).toBe('Run `ntn login` and pick Gamma to sign in again.');
		expect(await home.read('config.json')).toBe(before);
	});

	it('creates config.json when there is none, as ntn does', async () => {
		const home = await ntnHome({workspaces: files().workspaces, auth: files().auth});
		const result = await coreOf(home).switchWorkspace('Alpha');
		expect(result.previous).toBeNull();
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {prod: A}}));
	});

	it('says when NOTION_WORKSPACE_ID in this shell still makes ntn use another workspace', async () => {
		const home = await ntnHome(files());
		expect((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: A}}).switchWorkspace('Beta')).shadowedBy).toBe(`NOTION_WORKSPACE_ID=${A}`);
		expect((await coreOf(home, {extraEnv: {NOTION_WORKSPACE_ID: B}}).switchWorkspace('Beta')).shadowedBy).toBeNull();
	});
});

describe('use -: back to the previous default, remembered in our own state file', () => {
	it('toggles between the last two defaults', async () => {
		const home = await ntnHome(files());
		const core = coreOf(home);
		await core.switchWorkspace('Beta');
		expect((await core.switchBack()).current.id).toBe(A);
		expect((await core.switchBack()).current.id).toBe(B);
		expect((await core.switchBack()).current.id).toBe(A);
		expect(JSON.parse(await home.read('config.json')).defaultWorkspaceIds).toEqual({prod: A, dev: C});
	});

	it("keeps the previous default in notion-tokens' state.json (mode 600), never in ntn's files", async () => {
		const home = await ntnHome(files());
		await coreOf(home).switchWorkspace('Beta');
		const statePath = path.join(home.stateDir, 'state.json');
		const state = JSON.parse(await fs.readFile(statePath, 'utf8'));
		expect(state).toEqual({previousDefaults: {[home.dir]: {prod: A}}});
		expect((await fs.stat(statePath)).mode & 0o777).toBe(0o600);
		expect((await fs.readdir(home.dir)).sort()).toEqual(['auth.json', 'config.json', 'workspaces.json']);
		expect(JSON.parse(await home.read('config.json'))).toEqual({version: '1', defaultWorkspaceIds: {prod: B, dev: C}});
	});

	it('remembers per environment and per config dir', async () => {
		const home = await ntnHome(files());
		const other = await ntnHome({...files(), config: {version: '1', defaultWorkspaceIds: {prod: B}}});
		await coreOf(home).switchWorkspace('Beta');
		const error = await rejectionOf(() => coreOf(other, {stateDir: home.stateDir}).switchBack());
		expect(error.code).toBe('no-previous');
		expect((await rejectionOf(() => coreOf(home).switchBack({environment: 'dev'}))).message).toBe(
			'There is no previous default workspace for dev to switch back to',
		);
	});

	it('with nothing to go back to, says how to start', async () => {
		const home = await ntnHome(files());
		const error = await rejectionOf(() => coreOf(home).switchBack());
		expect(error.message).toBe('There is no previous default workspace for prod to switch back to');
		expect(error.fix).toBe('Switch with `notion-tokens use <workspace>` first; `use -` then toggles between the last two.');
	});

	it('switching to the current default again keeps the previous one', async () => {
		const home = await ntnHome(files());
		const core = coreOf(home);
		await core.switchWorkspace('Beta');
		await core.switchWorkspace('Beta');
		expect((await core.switchBack()).current.id).toBe(A);
	});
});
