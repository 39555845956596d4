import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runEffect} from '../../source/ui/state/run-effect.js';
import {workspacesFile} from '../helpers/ntn-home.js';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {ntnToken, seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');
const C = uuid('c');
const D = uuid('d');

const seed = () =>
	seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
			],
		},
		defaults: {prod: A},
	});

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/** What `ntn login` leaves after adding Delta: its token in auth.json, the workspace cached, both written by rename. */
async function ntnAddsDelta(dir: string, tokens: Record<string, string>) {
	const replace = async (name: string, content: unknown) => {
		const temp = path.join(dir, `.${name}.tmp`);
		await fs.writeFile(temp, JSON.stringify(content, null, 2), {mode: name === 'auth.json' ? 0o600 : 0o644});
		await fs.rename(temp, path.join(dir, name));
	};
	await replace('auth.json', {...tokens, [D]: ntnToken(D)});
	await replace(
		'workspaces.json',
		workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
				[D, 'Delta'],
			],
		}),
	);
}

describe('the screen is never stale', () => {
	it('follows ntn’s files on disk without a key press, on Workspaces and on Tokens', async () => {
		const {core, home, tokens} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('2');
		await app.waitFor('Gamma');
		await ntnAddsDelta(home.dir, tokens);
		await app.waitFor(frame => frame.includes('Delta') && frame.includes('[2 Tokens]'));
		await app.press('1');
		await app.waitFor(/ {4}Delta +dddddddd ✓ token/);
		// Written in place, as ntn writes config.json.
		await fs.writeFile(path.join(home.dir, 'config.json'), JSON.stringify({version: '1', defaultWorkspaceIds: {prod: D}}, null, 2));
		await app.waitFor('ntn uses the default of prod: ★ Delta');
	});

	it('r reads the files again for every screen and says what it read', async () => {
		const {core, home, tokens} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await ntnAddsDelta(home.dir, tokens);
		await app.press('r');
		await app.waitFor("✓ Read ntn's files again: 4 workspaces in prod, 4 tokens in all.");
		await app.press('2');
		await app.waitFor('Delta');
	});

	it('asks again when the workspaces changed on disk while the logout of all was being confirmed', async () => {
		const {core, home, tokens} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('L');
		await app.waitFor('Log out of all 3 workspaces in prod?');
		await app.type('pro');
		await ntnAddsDelta(home.dir, tokens);
		const frame = await app.waitFor('Log out of all 4 workspaces in prod?');
		expect(frame).toContain('Changed on disk: 4 workspaces now, not 3. Type prod again.');
		expect(JSON.parse(await home.read('workspaces.json')).environments.prod[D]).toBeDefined();
		await app.type('prod');
		await app.press(KEY.enter);
		await app.waitFor('Logged out of 4 workspaces in prod.');
		expect(JSON.parse(await home.read('workspaces.json')).environments).toEqual({});
	});

	it('counts the workspaces again at the moment the logout of all is confirmed', async () => {
		const {core, home, tokens} = await seed();
		await ntnAddsDelta(home.dir, tokens);
		const event = await runEffect(core, {kind: 'logout-all', environment: 'prod', ids: [A, B, C], seq: 1});
		expect(event).toEqual({type: 'confirm-changed', environment: 'prod', asked: 3, ids: expect.arrayContaining([A, B, C, D])});
		expect(event.type === 'confirm-changed' && event.ids).toHaveLength(4);
		// Nothing was logged out.
		expect(Object.keys(JSON.parse(await home.read('workspaces.json')).environments.prod)).toHaveLength(4);
		expect(await runEffect(core, {kind: 'logout-all', environment: 'prod', ids: [D, C, B, A], seq: 2})).toMatchObject({type: 'action-done'});
	});

	it('shows a corrupt workspaces.json as an error with its fix, never as "no workspaces cached"', async () => {
		const {core, home} = await seed();
		await home.write('workspaces.json', '{"version": "1", "environments": {');
		const app = renderApp(core);
		const frame = flat(await app.waitFor('✗ Error:'));
		expect(frame).toContain('workspaces.json');
		expect(frame).toMatch(/Fix: /);
		expect(frame).not.toContain('No workspaces cached');
		expect(frame).not.toContain('ntn login');
		expect(frame.split('workspaces.json').length).toBeLessThanOrEqual(4);
	});
});
