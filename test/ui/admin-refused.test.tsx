/**
 * When Notion refuses the admin token (401), the Admin screen's fix says to replace that token
 * where it came from: `rotate <label>` for a saved one, NOTION_ADMIN_TOKEN for the variable.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {makePats, startMockAdmin, type MockAdmin} from '../helpers/mock-admin.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const flat = (text: string): string => text.replace(/[\s│|]+/g, ' ');

const servers: MockAdmin[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

async function setUp() {
	const admin = await startMockAdmin({now: () => NOW.getTime()});
	servers.push(admin);
	admin.space(A, makePats(2, NOW.getTime()));
	const seeded = await seedUiHome({
		environments: {prod: [[A, 'Alpha']]},
		defaults: {prod: A},
		env: {NOTION_PUBLIC_API_BASE_URL: admin.baseUrl, NOTION_TOKENS_STORE: 'file', NOTION_ADMIN_TOKEN: ''},
	});
	await seeded.core.addSaved({label: 'org-admin', token: `${admin.token}-old`, admin: true});
	return {admin, ...seeded};
}

/** Opens the Admin screen on Alpha and waits for the error. */
async function refusal(app: ReturnType<typeof renderApp>): Promise<string> {
	await app.waitFor('4 Admin');
	await app.press('4');
	await app.waitFor('Which workspace');
	await app.press(KEY.enter);
	return flat(await app.waitFor('Fix:'));
}

describe('the Admin screen when Notion refuses the admin token (401)', () => {
	it('a saved admin token: the fix says to replace it with `notion-tokens rotate <label>`', async () => {
		const {core} = await setUp();
		const frame = await refusal(renderApp(core, {size: {columns: 120, rows: 30}}));
		expect(frame).toContain('Notion refused the admin token saved as "org-admin"');
		expect(frame).toContain('then replace the saved one with `notion-tokens rotate org-admin` (NOTION_ADMIN_TOKEN, when set, is used instead).');
	});

	it('NOTION_ADMIN_TOKEN, which wins over the saved one: the fix says to set it to another token', async () => {
		const {admin, makeCore} = await setUp();
		const frame = await refusal(renderApp(makeCore({NOTION_ADMIN_TOKEN: `${admin.token}-env`}), {size: {columns: 120, rows: 30}}));
		expect(frame).toContain('Notion refused the admin token in NOTION_ADMIN_TOKEN');
		expect(frame).toContain('and set NOTION_ADMIN_TOKEN to it.');
		expect(frame).not.toContain('rotate');
	});
});
