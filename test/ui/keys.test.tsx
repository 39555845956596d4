import {afterEach, describe, expect, it} from 'vitest';
import {NotionTokensError, type TokenFact} from '../../source/core/index.js';
import {helpLines} from '../../source/ui/screens/help/help-lines.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');
const C = uuid('c');

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

const seed = (extra: Partial<Parameters<typeof seedUiHome>[0]> = {}) =>
	seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
			],
		},
		defaults: {prod: A},
		...extra,
	});

/** The frame as one line, so that text wrapped by the terminal width can be matched. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('keys do what the screen says', () => {
	it('Esc on Tokens or Expiring goes back to Workspaces; only Esc on Workspaces quits', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		for (const screen of ['2', '3']) {
			await app.press(screen);
			await app.waitFor(screen === '2' ? '[2 Tokens]' : '[3 Expiring');
			await app.press(KEY.escape);
			await app.waitFor('[1 Workspaces]');
			expect(app.exitCode()).toBeNull();
		}
		await app.press(KEY.escape);
		expect(await app.waitForExit()).toBe(0);
	});

	it('the footer says what Esc does: quit on Workspaces, back on the other screens', async () => {
		const {core} = await seed();
		const app = renderApp(core, {size: {columns: 120, rows: 24}});
		const footer = (frame: string) => frame.split('\n').at(-1) ?? '';
		const workspaces = footer(await app.waitFor('❯ ★ Alpha'));
		expect(workspaces).toContain('Esc quit');
		expect(workspaces).not.toContain('Esc back');
		await app.press('2');
		expect(footer(await app.waitFor('[2 Tokens]'))).toContain('Esc back');
		await app.press(KEY.escape);
		expect(footer(await app.waitFor('[1 Workspaces]'))).toContain('Esc quit');
		await app.press(KEY.escape);
		expect(await app.waitForExit()).toBe(0);
	});

	it('j and k are text while filtering, and the help says so', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('/');
		await app.type('jk');
		await app.waitFor('/ jk');
		await app.waitFor('No workspace matches “jk”');
		const move = helpLines().filter(line => line.kind === 'key' && /^Move (up|down)$/.test(line.text));
		expect(move).toHaveLength(2);
		for (const line of move) expect(line.kind === 'key' && line.where).toMatch(/Filtering \((↑|↓) only: letters are text\)/);
	});

	it('details opened from Expiring keep the Expiring tab, and Esc returns to its list', async () => {
		const mock = await startMockNotion({now: () => NOW});
		servers.push(mock);
		const seeded = await seed({env: {NOTION_API_BASE_URL: mock.baseUrl}});
		const expiresAt = new Date(NOW.getTime() + 3 * 86_400_000).toISOString();
		const fact: TokenFact = {id: seeded.tokenIds[B]!, name: 'ntn login', issuedAt: '2025-06-18T12:00:00.000Z', expiresAt, revokedAt: null};
		// The other tokens are valid (a token Notion rejects would need attention too).
		for (const token of Object.values(seeded.tokens)) mock.setToken(token, {tokens: []});
		mock.setToken(seeded.tokens[B]!, {tokens: [fact]});
		await seeded.core.refresh({allEnvironments: true});
		const app = renderApp(seeded.core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('3');
		await app.waitFor('⚠ Beta');
		await app.press(KEY.enter);
		const frame = await app.waitFor('Tokens of this workspace');
		expect(frame).toContain('[3 Expiring (1)]');
		expect(frame).not.toContain('[2 Tokens]');
		await app.press(KEY.escape);
		await app.waitFor(frame => frame.includes('[3 Expiring (1)]') && frame.includes('Within 7 days'));
		expect(app.exitCode()).toBeNull();
	});

	it('- with no previous default is a short notice, not an error box', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('-');
		const frame = await app.waitFor('No previous default');
		expect(frame).toContain('• No previous default of prod to switch back to yet');
		expect(frame).not.toContain('✗ Error');
		expect(frame).not.toContain('notion-tokens use');
	});

	it('shows a problem whole at 80×24, with its fix and the p key, and p in the footer', async () => {
		const {core} = await seed({authMode: 0o644});
		const app = renderApp(core, {size: {columns: 80, rows: 24}});
		const frame = await app.waitFor('Press p to fix.');
		expect(flat(frame)).toContain('Run `notion-tokens fix-permissions` (sets it to 600). Press p to fix.');
		expect(frame.split('\n').at(-1)).toContain('p fix perms');
		for (const screen of ['2', '3']) {
			await app.press(screen);
			await app.waitFor(frame => frame.split('\n').at(-1)!.includes('p fix perms') && !frame.includes('[1 Workspaces]'));
		}
	});

	it('shows an error whole, wrapped, with its fix, at 80×24', async () => {
		const {core} = await seed();
		const message =
			'The config dir could not be written because the disk that holds it is full and nothing more can be saved there right now, so the new default workspace of this environment was not recorded anywhere at all';
		const fix = 'Free some space on the disk that holds the config dir, then press Enter again; nothing was changed meanwhile, so it is safe to retry';
		const failing = new Proxy(core, {
			get: (target, property, receiver) =>
				property === 'switchWorkspace' ? () => Promise.reject(new NotionTokensError('write-failed', message, {fix})) : Reflect.get(target, property, receiver),
		});
		const app = renderApp(failing, {size: {columns: 80, rows: 24}});
		await app.waitFor('❯ ★ Alpha');
		await app.press('j');
		await app.press(KEY.enter);
		const frame = flat(await app.waitFor('✗ Error:'));
		expect(frame).toContain('was not recorded anywhere at all');
		expect(frame).toContain('so it is safe to retry');
	});

	it('names NOTION_WORKSPACE_ID once on screen, even after a switch it shadows', async () => {
		const {makeCore} = await seed();
		const app = renderApp(makeCore({NOTION_WORKSPACE_ID: B}));
		await app.waitFor('❯ ★ Alpha');
		expect(app.frame().split('NOTION_WORKSPACE_ID')).toHaveLength(2);
		await app.press('j');
		await app.press('j');
		await app.press(KEY.enter);
		const frame = await app.waitFor('★ Gamma is now the default');
		expect(frame.split('NOTION_WORKSPACE_ID')).toHaveLength(2);
	});
});

describe('what ntn uses is always visible', () => {
	it('the details say in a sentence which workspace ntn uses', async () => {
		const {core} = await seed();
		const app = renderApp(core);
		await app.waitFor('❯ ★ Alpha');
		await app.press('i');
		let frame = await app.waitFor(`Id       ${A}`);
		expect(frame).toContain('ntn uses this workspace, the default of prod (no override in this shell)');
		await app.press(KEY.escape);
		await app.press('j');
		await app.press('i');
		frame = await app.waitFor(`Id       ${B}`);
		expect(frame).toContain('ntn uses ★ Alpha, the default of prod, not this one');
		expect(frame).not.toMatch(/ntn uses (yes|no):/);
	});

	it('i shows the whole workspace id, c copies it (and shows it), Esc goes back', async () => {
		const {makeCore} = await seed();
		const app = renderApp(makeCore({NOTION_WORKSPACE_ID: B}));
		await app.waitFor('❯ ★ Alpha');
		await app.press('j');
		await app.press('i');
		let frame = await app.waitFor(`Id       ${B}`);
		expect(frame).toContain('ntn uses this workspace: NOTION_WORKSPACE_ID names it in this shell');
		expect(frame).toContain('c copies the whole id');
		await app.press('c');
		frame = flat(await app.waitFor('Copied the id of Beta'));
		expect(frame).toContain(`Copied the id of Beta to the clipboard: ${B}`);
		expect(app.copied).toEqual([B]);
		await app.press(KEY.escape);
		await app.waitFor('❯ ⚑ Beta');
		// c works on the list too.
		await app.press('k');
		await app.press('c');
		await app.waitFor(`Copied the id of Alpha to the clipboard: ${A}`);
		expect(app.copied).toEqual([B, A]);
	});

	it('e says that it changes the view, not ntn’s environment', async () => {
		const {makeCore} = await seed();
		const app = renderApp(makeCore({NOTION_ENV: 'prod'}));
		await app.waitFor('❯ ★ Alpha');
		await app.press('e');
		const frame = flat(await app.waitFor('Showing local.'));
		expect(frame).toContain('Showing local. This changes only what notion-tokens shows: ntn in this shell still uses prod (NOTION_ENV).');
	});
});
