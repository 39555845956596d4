import {describe, expect, it} from 'vitest';
import {ntnJson} from '../helpers/ntn-home.js';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

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
			dev: [[D, 'Dev Space']],
		},
		defaults: {prod: B, dev: D},
	});

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('Logout', () => {
	it('d asks y/N; N (or Enter) changes nothing', async () => {
		const {core, home} = await seed();
		const before = {config: await home.read('config.json'), workspaces: await home.read('workspaces.json'), auth: await home.read('auth.json')};
		const app = renderApp(core);
		await app.waitFor('❯ ★ Beta');
		await app.press('d');
		let frame = await app.waitFor('Log out of Beta (prod)?');
		expect(frame).toContain('Deletes its token from auth.json and forgets it, as ntn logout does.');
		expect(frame).toContain('y yes · N no');
		expect(frame).toMatch(/y yes\s+n\/Esc\/Enter no/);
		await app.press('n');
		frame = await app.waitFor('Nothing was changed.');
		await app.press('d');
		await app.waitFor('Log out of Beta (prod)?');
		await app.press(KEY.enter);
		await app.waitFor(frame => !frame.includes('Log out of Beta'));
		expect(await home.read('config.json')).toBe(before.config);
		expect(await home.read('workspaces.json')).toBe(before.workspaces);
		expect(await home.read('auth.json')).toBe(before.auth);
	});

	it('d then y forgets the workspace and says which default is left', async () => {
		const {core, home, tokens} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Beta');
		await app.press('d');
		await app.waitFor('Log out of Beta (prod)?');
		await app.press('y');
		const frame = await app.waitFor('Logged out of Beta (prod).');
		expect(frame).toContain('prod has no default workspace now.');
		await app.waitFor(frame => !/Beta\s+bbbbbbbb/.test(frame) && frame.includes('Gamma'));
		// Exactly what ntn would have written (ntn-compat §3, §8): 2-space JSON, no trailing newline.
		expect(await home.read('workspaces.json')).toBe(
			ntnJson({
				version: '1',
				environments: {prod: {[A]: {id: A, name: 'Alpha'}, [C]: {id: C, name: 'Gamma'}}, dev: {[D]: {id: D, name: 'Dev Space'}}},
			}),
		);
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {dev: D}}));
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[A]: tokens[A], [C]: tokens[C], [D]: tokens[D]});
		expect(await home.read('auth.json')).not.toMatch(/\n$/);
	});

	it('logging out of another workspace keeps the default and says so', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Beta');
		await app.press('k');
		await app.waitFor('❯   Alpha');
		await app.press('d');
		await app.waitFor('Log out of Alpha (prod)?');
		await app.press('y');
		await app.waitFor('Logged out of Alpha (prod). The default of prod is now Beta.');
	});

	it('L asks for the environment name, rejects anything else, then logs out of every workspace', async () => {
		const {core, home, tokens} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Beta');
		await app.press('L');
		let frame = flat(await app.waitFor('Log out of all 3 workspaces in prod?'));
		expect(frame).toContain('Type prod and press Enter to confirm, or press Esc to cancel.');
		await app.type('prd');
		await app.press(KEY.enter);
		frame = await app.waitFor('Value must be exactly prod.');
		expect(frame).toContain('> prd');
		await app.press(KEY.escape);
		await app.waitFor('Nothing was changed.');
		expect(JSON.parse(await home.read('workspaces.json')).environments.prod).toBeDefined();

		await app.press('L');
		await app.waitFor('Log out of all 3 workspaces in prod?');
		// q and d are text here, not commands.
		await app.type('qd');
		await app.waitFor('> qd');
		await app.press(KEY.backspace);
		await app.press(KEY.backspace);
		await app.type('prod');
		await app.waitFor('> prod');
		await app.press(KEY.enter);
		frame = await app.waitFor('Logged out of 3 workspaces in prod. prod has no default workspace now.');
		await app.waitFor('No workspaces cached for prod.');
		expect(app.exitCode()).toBeNull();
		expect(await home.read('workspaces.json')).toBe(ntnJson({version: '1', environments: {dev: {[D]: {id: D, name: 'Dev Space'}}}}));
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {dev: D}}));
		expect(await home.read('auth.json')).toBe(ntnJson({[D]: tokens[D]}));
	});

	it('L in an environment without workspaces says so instead of asking', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Beta');
		await app.press('e');
		await app.waitFor('No workspaces cached for local.');
		await app.press('L');
		await app.waitFor('There are no workspaces in local to log out of.');
	});
});
