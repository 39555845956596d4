/**
 * The add form when Notion cannot be reached: the form keeps the token and offers to save it
 * without asking Notion, in the UI's words (no command-line flags).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {expectNoLeak} from '../helpers/token-fixtures.js';
import {KEY} from './helpers/keys.js';
import {renderApp, type RenderedApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const PAT = 'ntn_uipat_5Tg7Yh9Uj1Ik3Ol5Pz7Xc9Vb2Nm4Qw';

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

/** A home whose Notion address answers nothing: the server is closed before the app starts. */
async function setUp() {
	const mock = await startMockNotion();
	await mock.close();
	const seeded = await seedUiHome({
		environments: {prod: [[A, 'Alpha']]},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, NOTION_TOKENS_STORE: 'file'},
	});
	return seeded;
}

async function submitAdd(app: RenderedApp, label: string, token: string) {
	await app.press('2');
	await app.waitFor('[2 Tokens]');
	await app.press('a');
	await app.waitFor('Save a token');
	await app.type(label);
	await app.press(KEY.enter);
	app.stdin.write(token);
	await app.waitFor(`(${token.length} characters)`);
	for (let field = 0; field < 4; field++) await app.press(KEY.enter);
}

describe('adding a token while Notion cannot be reached', () => {
	it('offers to save it without asking Notion; y saves it, and the UI never names a command-line flag', async () => {
		const {core} = await setUp();
		const app = renderApp(core, {size: {columns: 100, rows: 24}});
		await app.waitFor('Alpha');
		await submitAdd(app, 'ci', PAT);
		const asked = await app.waitFor('Save "ci" without asking Notion?');
		expect(asked).toContain('Could not ask Notion whom this token acts as');
		expect(asked).toContain('y yes, save it');
		await app.press('y');
		const saved = await app.waitFor(frame => frame.includes('Saved "ci"') && frame.includes('◆ ci'));
		expect(saved).toContain('whom it acts as is not known');
		expect((await core.savedTokens()).map(token => token.label)).toEqual(['ci']);
		expect(app.allFrames()).not.toContain('--offline');
		expectNoLeak(app.allFrames(), [PAT]);
	});

	it('n goes back to the form with the token kept; Enter there asks again', async () => {
		const {core} = await setUp();
		const app = renderApp(core, {size: {columns: 100, rows: 24}});
		await app.waitFor('Alpha');
		await submitAdd(app, 'ci', PAT);
		await app.waitFor('Save "ci" without asking Notion?');
		await app.press('n');
		const form = await app.waitFor('Save a token');
		expect(form).toContain(`(${PAT.length} characters)`);
		expect(form).toContain('Not saved');
		expect(await core.savedTokens()).toEqual([]);
		await app.press(KEY.enter);
		await app.waitFor('Save "ci" without asking Notion?');
		expect(app.allFrames()).not.toContain('--offline');
		expectNoLeak(app.allFrames(), [PAT]);
	});
});
