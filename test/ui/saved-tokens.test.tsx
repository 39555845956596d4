/**
 * Saved tokens in the UI: `a` adds through a form whose token field is masked (a paste is never
 * shown), the details show whom it acts as and its dates with their source, `E` edits expiry and
 * note, `R` rotates, `D` removes after the label is typed; the Expiring screen says what to do.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {expectNoLeak} from '../helpers/token-fixtures.js';
import {KEY} from './helpers/keys.js';
import {renderApp, type RenderedApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const PAT = 'ntn_uipat_5Tg7Yh9Uj1Ik3Ol5Pz7Xc9Vb2Nm4Qw';
const PAT2 = 'ntn_uipat_8Rt0Yu2Io4Pa6Sd8Fg0Hj2Kl4Zx6Cv';
const STRANGER = 'ntn_uipat_1Qa3Ws5Ed7Rf9Tg1Yh3Uj5Ik7Ol9Pz';

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

async function setUp() {
	const mock = await startMockNotion();
	servers.push(mock);
	for (const token of [PAT, PAT2, STRANGER]) mock.setToken(token, {});
	mock.setUser(PAT, {kind: 'pat', name: 'Ada Lovelace'});
	mock.setUser(PAT2, {kind: 'pat', name: 'Ada Lovelace'});
	mock.setUser(STRANGER, {kind: 'pat', name: 'Grace Hopper'});
	const seeded = await seedUiHome({
		environments: {prod: [[A, 'Alpha']]},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, NOTION_TOKENS_STORE: 'file'},
	});
	return {...seeded, mock};
}

/** A paste arrives as one chunk of characters. */
const paste = async (app: RenderedApp, text: string) => {
	app.stdin.write(text);
	await new Promise(resolve => setTimeout(resolve, 0));
};

async function addThroughForm(app: RenderedApp, label: string, token: string) {
	await app.press('2');
	await app.waitFor('[2 Tokens]');
	await app.press('a');
	await app.waitFor('Save a token');
	await app.type(label);
	await app.press(KEY.enter);
	await paste(app, token);
	await app.waitFor(`(${token.length} characters)`);
	for (let field = 0; field < 4; field++) await app.press(KEY.enter);
	await app.waitFor(frame => frame.includes(`Saved "${label}"`) && frame.includes(`◆ ${label}`));
}

describe('saved tokens in the UI', () => {
	it('a connection or admin token without a date: EXPIRES none, as its details and `tokens` say; the Expiring screen leaves it out', async () => {
		const {core, mock} = await setUp();
		const BOT = 'ntn_uibot_3Wd5Rf7Tg9Yh1Uj3Ik5Ol7Pz9Xc1Vb';
		mock.setToken(BOT, {});
		mock.setUser(BOT, {kind: 'bot', name: 'Reports bot', workspaceName: 'Acme'});
		await core.addSaved({label: 'bot', token: BOT});
		await core.addSaved({label: 'org', token: STRANGER, admin: true});
		await core.addSaved({label: 'pat', token: PAT});
		const app = renderApp(core, {size: {columns: 100, rows: 24}});
		await app.waitFor('Alpha');
		await app.press('2');
		const list = await app.waitFor('◆ pat');
		const line = (text: string) => list.split('\n').find(row => row.includes(text)) ?? '';
		expect(line('◆ bot')).toMatch(/◆ bot\s+saved\s+ntn_…c1Vb\s+file\s+none\s/);
		expect(line('◆ org')).toMatch(/◆ org\s+saved\s+ntn_…l9Pz\s+file\s+none\s/);
		expect(line('◆ pat')).toMatch(/◆ pat\s+saved\s+ntn_…m4Qw\s+file\s+—\s/);
		await app.press('3');
		// Alpha (never checked) and the PAT without a date are not known; the other two do not expire.
		const expiring = await app.waitFor('Expiry not known (2)');
		expect(expiring).toContain('◆ pat');
		expect(expiring).not.toContain('◆ bot');
		expect(expiring).not.toContain('◆ org');
		expect(expiring).not.toContain('No token is expired');
	});

	it('a: the token field is masked; saving asks Notion and lists the token as ◆ label with its details', async () => {
		const {core, mock} = await setUp();
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await addThroughForm(app, 'ci', PAT);
		const frame = app.frame();
		expect(frame).toContain('acts as Ada Lovelace');
		expect(frame).toMatch(/◆ ci\s+saved\s+ntn_…m4Qw\s+file/);
		expect(mock.requests.some(request => request.path === '/v1/users/me')).toBe(true);
		await app.press('G');
		await app.press(KEY.enter);
		const detail = await app.waitFor('Acts as');
		expect(detail).toContain('Ada Lovelace');
		expect(detail).toContain('unknown — set it (E)');
		expect(detail).toContain('never through exec');
		expectNoLeak(app.allFrames(), [PAT]);
	});

	it('E sets the expiry (shown as given by you), and the Expiring screen says to rotate', async () => {
		const {core} = await setUp();
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await addThroughForm(app, 'ci', PAT);
		await app.waitFor('Saved "ci"');
		await app.press('G');
		await app.press('E');
		await app.waitFor('Edit "ci"');
		await app.type('2026-06-18');
		await app.press(KEY.enter);
		await app.waitFor('Updated "ci"');
		await app.press(KEY.enter);
		const detail = await app.waitFor('as you gave it');
		expect(detail).toContain('2026-06-18');
		await app.press('3');
		const expiring = await app.waitFor('◆ ci');
		expect(expiring).toContain('rotate (R)');
	});

	it('R refuses a token of someone else, then replaces it and reminds to revoke the old one; D removes after the label is typed', async () => {
		const {core} = await setUp();
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await addThroughForm(app, 'ci', PAT);
		await app.waitFor('Saved "ci"');
		await app.press('G');
		await app.press('R');
		await app.waitFor('Replace the token of "ci"');
		await paste(app, STRANGER);
		await app.press(KEY.enter);
		await app.waitFor('acts as Grace Hopper, not as Ada Lovelace');
		await app.press('R');
		await paste(app, PAT2);
		await app.press(KEY.enter);
		const rotated = await app.waitFor('Replaced the token of "ci"');
		expect(rotated).toContain('revoke the old token');
		await app.press('D');
		await app.waitFor('Remove the saved token "ci"');
		await app.type('c');
		await app.press(KEY.enter);
		await app.waitFor('Value must be exactly ci');
		await app.type('i');
		await app.press(KEY.enter);
		await app.waitFor(frame => frame.includes('Removed "ci"') && !frame.includes('◆ ci'));
		expectNoLeak(app.allFrames(), [PAT, PAT2, STRANGER]);
	});

	it('Esc cancels the form and saves nothing; E on a token that is not saved says what E does', async () => {
		const {core} = await setUp();
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await app.press('2');
		await app.waitFor('[2 Tokens]');
		await app.press('E');
		await app.waitFor('E, R and D work on saved tokens');
		await app.press('a');
		await app.waitFor('Save a token');
		await app.type('x');
		await app.press(KEY.escape);
		await app.waitFor('Nothing was saved.');
		expect((await core.savedTokens()).length).toBe(0);
	});
});
