/**
 * Under a locale that is not UTF-8 the Tokens screen (list, details, saved token, its form) and the
 * Admin screen (picker, list, marks, revoke results, details) draw their marks in ASCII.
 */
import {randomUUID} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import {chooseSymbols} from '../../source/text/index.js';
import {makePats, startMockAdmin, type MockAdmin} from '../helpers/mock-admin.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');

const servers: Array<MockNotion | MockAdmin> = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
	chooseSymbols({});
});

const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000).toISOString();
const line = (frame: string, text: string) => frame.split('\n').find(row => row.includes(text)) ?? '';
const NON_ASCII = /[^\u0000-\u007F]/u;
/** The lines of every frame that hold a character outside ASCII; Ink's own mark where it cuts a text at its width (`…` before a space or the end) left aside. */
const nonAscii = (frames: string): string[] => frames.split('\n').filter(row => NON_ASCII.test(row.replace(/…(?=\s|$)/gu, '')));

async function setUp() {
	const mock = await startMockNotion({now: () => NOW});
	const admin = await startMockAdmin({now: () => NOW.getTime()});
	servers.push(mock, admin);
	admin.space(A, makePats(3, NOW.getTime()));
	const seeded = await seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: admin.baseUrl, NOTION_TOKENS_STORE: 'file', NOTION_ADMIN_TOKEN: admin.token},
	});
	// Alpha's token, and another one of Alpha's that Notion lists as revoked.
	mock.setToken(seeded.tokens[A]!, {
		tokens: [
			{id: seeded.tokenIds[A]!, name: 'ntn login', issuedAt: days(-10), expiresAt: days(355), revokedAt: null},
			{id: randomUUID(), name: 'old laptop', issuedAt: days(-100), expiresAt: days(265), revokedAt: days(-2)},
		],
	});
	mock.setToken(seeded.tokens[B]!, {tokens: [{id: seeded.tokenIds[B]!, name: 'ntn login', issuedAt: days(-10), expiresAt: days(355), revokedAt: null}]});
	await seeded.core.refresh({});
	await seeded.core.addSaved({label: 'reports', token: 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA', offline: true});
	return {admin, ...seeded};
}

describe('under a locale that is not UTF-8', () => {
	it('the Tokens screen, its details and the saved-token form draw no mark outside ASCII', async () => {
		const {makeCore} = await setUp();
		chooseSymbols({LANG: 'C'});
		const app = renderApp(makeCore({NOTION_API_TOKEN: 'secret_override_token_value_1234567890'}), {size: {columns: 100, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('2');
		const list = await app.waitFor('NOTION_API_TOKEN');
		expect(line(list, 'Alpha')).toMatch(/^> Alpha /);
		expect(line(list, 'reports')).toMatch(/^ {2}\+ reports /);
		expect(line(list, 'old laptop')).toMatch(/^ {4}- old laptop /);
		expect(line(list, 'NOTION_API_TOKEN')).toMatch(/^ {2}! NOTION_API_TOKEN /);
		await app.press(KEY.enter);
		const detail = await app.waitFor('this token');
		expect(detail).toMatch(/^> +\* this token +ntn login/m);
		expect(line(detail, 'old laptop')).toMatch(/other +old laptop .* x revoked/);
		await app.press(KEY.escape);
		await app.waitFor('[2 Tokens]');
		await app.press('G');
		await app.press('k');
		await app.waitFor(/^> \+ reports/m);
		await app.press(KEY.enter);
		expect(await app.waitFor('saved in tokens.json')).toMatch(/^\+ reports - saved in tokens\.json/m);
		await app.press(KEY.escape);
		await app.waitFor('[2 Tokens]');
		await app.press('a');
		await app.waitFor('Esc cancel');
		await app.press(KEY.escape);
		await app.waitFor(frame => !frame.includes('Esc cancel'));
		expect(nonAscii(app.allFrames())).toEqual([]);
	});

	it('the Admin screen draws no mark outside ASCII: picker, marks, revoke results, details', async () => {
		const {core, admin} = await setUp();
		chooseSymbols({LANG: 'C'});
		const app = renderApp(core, {size: {columns: 100, rows: 30}});
		await app.waitFor('4 Admin');
		await app.press('4');
		const picker = await app.waitFor('Which workspace');
		expect(line(picker, 'Alpha')).toMatch(/^> Alpha/);
		await app.press(KEY.enter);
		await app.waitFor('3 PATs');
		await app.press(' ');
		await app.press(' ');
		const marked = await app.waitFor('2 marked');
		expect(marked.split('\n').filter(row => /^ {2}\* \S/.test(row) || /^> \* \S/.test(row))).toHaveLength(2);
		// The first revoke fails, the second succeeds.
		admin.queue({status: 404});
		await app.press('x');
		await app.waitFor('Revoke 2 PATs');
		await app.type('2');
		await app.press(KEY.enter);
		const done = await app.waitFor(frame => frame.includes('ok revoked') && frame.includes('x failed'));
		expect(done).not.toContain('2 marked');
		await app.press('g');
		await app.press(KEY.enter);
		await app.waitFor('last revoke');
		await app.press(KEY.escape);
		await app.press('/');
		await app.waitFor('/|');
		expect(nonAscii(app.allFrames())).toEqual([]);
	});
});
