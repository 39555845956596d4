import {describe, expect, it} from 'vitest';
import {NotionTokensError} from '../../source/core/index.js';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');
const Z = uuid('0');
const D = uuid('d');

const seed = (extra: Parameters<typeof seedUiHome>[0] | Record<string, never> = {}) =>
	seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'beta'],
				[Z, 'Zeta'],
			],
			dev: [[D, 'Dev Space']],
		},
		defaults: {prod: A, dev: D},
		withoutToken: [Z],
		...extra,
	});

/** The frame as one line, so that text wrapped by the terminal width can be matched. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

const line = (frame: string, text: string) => frame.split('\n').find(row => row.includes(text)) ?? '';

describe('Workspaces screen', () => {
	it('lists the cached workspaces as ntn sorts them, with default, token and storage', async () => {
		const {core, home} = await seed();
		const app = renderApp(core);
		const frame = await app.waitFor('Zeta');
		expect(frame).toContain('notion-tokens · env prod');
		expect(frame).toContain(home.dir);
		// Byte order: capitals before lower case.
		expect(frame.indexOf('Alpha')).toBeLessThan(frame.indexOf('Zeta'));
		expect(frame.indexOf('Zeta')).toBeLessThan(frame.indexOf('beta'));
		expect(line(frame, 'aaaaaaaa')).toMatch(/❯ ★ Alpha\s+aaaaaaaa ✓ token\s+file/);
		expect(frame).toContain('ntn uses the default of prod: ★ Alpha');
		expect(line(frame, 'Zeta')).toMatch(/✗ missing/);
		expect(frame).not.toContain('Dev Space');
		expect(frame).toContain('[1 Workspaces]');
		expect(frame).toMatch(/Enter default/);
	});

	it('makes the selected workspace the default with Enter, and switches back with -', async () => {
		const {core, home} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press(KEY.down);
		await app.waitFor('❯   Zeta');
		await app.press(KEY.down);
		await app.waitFor('❯   beta');
		await app.press(KEY.enter);
		await app.waitFor('★ beta is now the default of prod (was Alpha)');
		await app.waitFor(/❯ ★ beta/);
		expect(await home.read('config.json')).toBe(JSON.stringify({version: '1', defaultWorkspaceIds: {prod: B, dev: D}}, null, 2));
		await app.press('-');
		await app.waitFor('Switched back: ★ Alpha is now the default of prod (was beta)');
		expect(JSON.parse(await home.read('config.json')).defaultWorkspaceIds).toEqual({prod: A, dev: D});
	});

	it('moves with j/k, g/G and Home/End', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('G');
		await app.waitFor('❯   beta');
		await app.press('k');
		await app.waitFor('❯   Zeta');
		await app.press('g');
		await app.waitFor('❯ ★ Alpha');
		await app.press(KEY.end);
		await app.waitFor('❯   beta');
		await app.press(KEY.home);
		await app.waitFor('❯ ★ Alpha');
		await app.press('j');
		await app.waitFor('❯   Zeta');
	});

	it('filters as you type, and Esc clears the filter', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('/');
		await app.waitFor('Enter keeps the filter');
		await app.type('ZE');
		let frame = await app.waitFor(frame => frame.includes('/ ZE') && !frame.includes('aaaaaaaa'));
		expect(frame).toContain('❯   Zeta');
		expect(frame).not.toContain('beta');
		await app.press(KEY.backspace);
		await app.press(KEY.backspace);
		await app.type('q');
		frame = await app.waitFor('No workspace matches “q”');
		expect(app.exitCode()).toBeNull();
		await app.press(KEY.backspace);
		await app.type('be');
		await app.waitFor(frame => frame.includes('❯   beta') && !frame.includes('Zeta'));
		await app.press(KEY.enter);
		frame = await app.waitFor('1 of 3 · Esc clears the filter');
		// The filter stays, and keys are commands again.
		await app.press(KEY.enter);
		await app.waitFor('★ beta is now the default of prod');
		await app.press(KEY.escape);
		await app.waitFor(frame => frame.includes('Alpha') && frame.includes('Zeta'));
	});

	it('cycles the environment with e', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await app.press('e');
		let frame = await app.waitFor('No workspaces cached for local. Log in with: NOTION_ENV=local ntn login');
		expect(frame).toContain('env local');
		await app.press('e');
		frame = await app.waitFor(frame => frame.includes('env dev') && frame.includes('Dev Space'));
		expect(line(frame, 'Dev Space')).toContain('★');
		expect(frame).not.toContain('Alpha');
		await app.press('e');
		await app.waitFor('env stg');
		await app.press('e');
		await app.waitFor(frame => frame.includes('env prod') && frame.includes('Alpha'));
	});

	it('says what ntn uses instead when NOTION_WORKSPACE_ID or NOTION_API_TOKEN is set', async () => {
		const {makeCore, tokens} = await seed();
		const token = tokens[B]!;
		const app = renderApp(makeCore({NOTION_WORKSPACE_ID: B, NOTION_API_TOKEN: token}));
		const frame = flat(await app.waitFor('NOTION_WORKSPACE_ID'));
		expect(frame).toContain('In this shell ntn uses ⚑ beta (NOTION_WORKSPACE_ID), not the default ★ Alpha.');
		expect(line(app.frame(), 'bbbbbbbb')).toMatch(/^ {2}⚑ beta {2,}bbbbbbbb/);
		expect(frame).toContain('NAME (★ default, ⚑ used)');
		expect(frame).toMatch(/⚑ NOTION_API_TOKEN=ntn\.…\S{4} is set: in this shell ntn uses this token instead of any stored token/);
		expect(app.allFrames()).not.toContain(token);
	});

	it('shows an error from the core with its fix, and keeps working', async () => {
		const {core} = await seed();
		const failing = new Proxy(core, {
			get: (target, property, receiver) =>
				property === 'switchWorkspace'
					? () => Promise.reject(new NotionTokensError('corrupt-file', 'Failed to parse config.json', {fix: 'Repair config.json by hand.'}))
					: Reflect.get(target, property, receiver),
		});
		const app = renderApp(failing);
		await app.waitFor('❯ ★ Alpha');
		await app.press('j');
		await app.press(KEY.enter);
		const frame = await app.waitFor('✗ Error:');
		expect(frame).toMatch(/Fix: /);
		expect(frame).not.toMatch(/\bat .*\.(ts|js):\d+/);
		await app.press(KEY.down);
		await app.waitFor('❯   beta');
	});
});
