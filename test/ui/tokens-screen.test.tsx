import {afterEach, describe, expect, it} from 'vitest';
import {fixedClock, type TokenFact} from '../../source/core/index.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid, type UiHome} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');
const C = uuid('c');
const D = uuid('d');
const E = uuid('e');

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000).toISOString();

async function setUp(): Promise<UiHome & {mock: MockNotion; env: Record<string, string>}> {
	const mock = await startMockNotion({now: () => NOW});
	servers.push(mock);
	const env = {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl};
	const seeded = await seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
				[D, 'Delta'],
				[E, 'Epsilon'],
			],
		},
		defaults: {prod: A},
		env,
	});
	return {...seeded, mock, env};
}

const fact = (id: string, name: string, issuedDaysAgo: number, expiresInDays: number): TokenFact => ({
	id,
	name,
	issuedAt: days(-issuedDaysAgo),
	expiresAt: days(expiresInDays),
	revokedAt: null,
});

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

const line = (frame: string, text: string) => frame.split('\n').find(row => row.includes(text)) ?? '';

describe('Tokens screen', () => {
	it('lists every stored token masked, and NOTION_API_TOKEN as an override', async () => {
		const {makeCore, tokens} = await setUp();
		const override = 'secret_override_token_value_1234567890';
		const app = renderApp(makeCore({NOTION_API_TOKEN: override}));
		await app.waitFor('Alpha');
		await app.press('2');
		const frame = await app.waitFor('⚑ NOTION_API_TOKEN');
		expect(frame).toContain('[2 Tokens]');
		expect(frame).toContain('6 tokens · Not checked with Notion yet · r asks Notion');
		expect(line(frame, 'Alpha')).toMatch(/❯ Alpha\s+prod\s+ntn\.…\S{4}\s+file\s+—\s+· not checked/);
		expect(line(frame, 'NOTION_API_TOKEN')).toMatch(/⚑ NOTION_API_TOKEN\s+shell\s+secr…7890\s+override/);
		await app.press('G');
		await app.press(KEY.enter);
		const detail = await app.waitFor('⚑ NOTION_API_TOKEN · override: ntn uses it instead of stored tokens');
		expect(detail).toContain('Token   secr…7890 · id unknown');
		for (const token of [...Object.values(tokens), override]) expect(app.allFrames()).not.toContain(token);
	});

	it('opens a token in detail with its id, and Esc goes back', async () => {
		const {core, tokenIds} = await setUp();
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await app.press(KEY.tab);
		await app.waitFor(frame => frame.includes('[2 Tokens]') && frame.includes('❯ Alpha'));
		await app.press('j');
		await app.waitFor(/❯ Beta/);
		await app.press(KEY.enter);
		const frame = await app.waitFor('Beta · prod · stored in auth.json');
		expect(frame).toContain(`id ${tokenIds[B]}`);
		expect(frame).toContain('never fetched from Notion');
		expect(frame).toMatch(/Esc back/);
		await app.press(KEY.escape);
		await app.waitFor(frame => frame.includes('WORKSPACE') && frame.includes('❯ Beta'));
	});

	it('r asks Notion and shows each outcome distinctly, and how old the facts are', async () => {
		const {makeCore, tokens, tokenIds, mock} = await setUp();
		mock.setToken(tokens[A]!, {tokens: [fact(tokenIds[A]!, 'ntn login', 300, 65), fact('old-token', 'laptop', 700, -335)]});
		// B: unknown to the server → 401.
		mock.setToken(tokens[C]!, {status: 403});
		mock.setToken(tokens[D]!, {status: 429, retryAfter: '30'});
		mock.setToken(tokens[E]!, {status: 503});
		const app = renderApp(makeCore({}, {maxRetryWaitMs: 0}));
		await app.waitFor('Alpha');
		await app.press('2');
		await app.waitFor('r asks Notion');
		await app.press('r');
		let frame = await app.waitFor('Checked 5 tokens');
		expect(frame.replace(/\s+/g, ' ')).toContain(
			'Checked 5 tokens: 1 ✓ valid · 1 ✗ invalid or revoked · 1 ⊘ no access · 1 ⧗ rate-limited (retry in 30 s) · 1 ! server error',
		);
		expect(line(frame, 'Alpha')).toMatch(/2026-08-19\s+✓ valid/);
		expect(line(frame, 'Beta')).toContain('✗ rejected');
		expect(line(frame, 'Gamma')).toContain('⊘ no access');
		expect(line(frame, 'Delta')).toContain('⧗ rate-limited');
		expect(line(frame, 'Epsilon')).toContain('! server error');
		// The latest attempt without an answer comes first, beside the facts kept.
		expect(frame).toContain('6 tokens · Notion asked to wait (429) just now · Facts for 1 of 5 from Notion f…');
		// Alpha's other token, as Notion listed it, is a row of its own under Alpha.
		expect(frame).toMatch(/❯ Alpha[^\n]*\n {4}↳ laptop\s+prod\s+notion\s+2025-07-15 ✗ expired/);

		await app.press(KEY.enter);
		frame = await app.waitFor('Alpha · prod');
		expect(frame).toContain('issued 2025-08-19 · expires 2026-08-19 · expires in 65 days');
		expect(frame).toContain('✓ valid');
		expect(frame).toContain('fetched from Notion just now');
		expect(frame).toMatch(/● this token\s+ntn login/);
		expect(frame).toMatch(/other\s+laptop\s+old-token/);
		await app.press(KEY.escape);
		await app.press('G');
		await app.press('k');
		await app.press('k');
		await app.waitFor('❯ Delta');
		await app.press(KEY.enter);
		frame = await app.waitFor('Delta · prod');
		expect(frame).toContain('⧗ rate-limited, retry in 30 s, HTTP 429');
	});

	it('shows how old the facts are', async () => {
		const {makeCore, tokens, tokenIds, mock} = await setUp();
		for (const id of [A, B, C, D, E]) mock.setToken(tokens[id]!, {tokens: [fact(tokenIds[id]!, 'ntn login', 100, 265)]});
		await makeCore({}, {clock: fixedClock(days(-3))}).refresh({allEnvironments: true});
		const app = renderApp(makeCore());
		await app.waitFor('Alpha');
		await app.press('2');
		await app.waitFor('5 tokens · Facts from Notion fetched 3 days ago · r refreshes');
		await app.press(KEY.enter);
		await app.waitFor('fetched from Notion 3 days ago');
	});

	it('says offline and timed out apart', async () => {
		const {makeCore, tokens, mock} = await setUp();
		mock.setToken(tokens[A]!, {delayMs: 2000});
		const slow = renderApp(makeCore({}, {httpTimeoutMs: 200, maxRetryWaitMs: 0}));
		await slow.waitFor('Alpha');
		await slow.press('2');
		await slow.waitFor('r asks Notion');
		await slow.press('r');
		let frame = await slow.waitFor('Checked 5 tokens');
		expect(line(frame, 'Alpha')).toContain('~ timed out');

		// The others were refused (401) by the first refresh: being offline now does not erase that.
		expect(line(frame, 'Gamma')).toContain('✗ rejected');
		const offline = renderApp(makeCore({NOTION_API_BASE_URL: 'http://127.0.0.1:9'}, {maxRetryWaitMs: 0}));
		await offline.waitFor('Alpha');
		await offline.press('2');
		await offline.waitFor('Notion did not answer in time just now');
		await offline.press('r');
		frame = await offline.waitFor('Checked 5 tokens');
		expect(frame).toContain('5 ~ offline');
		expect(frame).toContain('No answer for 4 tokens: what Notion said before is kept and shown.');
		expect(frame).toContain('5 tokens · Could not reach Notion just now · no dates yet · r asks again');
		expect(line(frame, 'Alpha')).toContain('~ offline');
		expect(line(frame, 'Gamma')).toContain('✗ rejected');
	});

	it('NOTION_API_TOKEN acting as a bot (an internal connection) expires "none", in its row and its details', async () => {
		const {makeCore, mock} = await setUp();
		const connection = 'secret_' + 'Kk6Zb81Wq0Pn5Dd3Rf7Gh2Jx';
		mock.setToken(connection, {});
		mock.setUser(connection, {kind: 'bot', name: 'Sync bot', workspaceName: 'Beta Inc'});
		const core = makeCore({NOTION_API_TOKEN: connection}, {maxRetryWaitMs: 0});
		await core.refresh({});
		const app = renderApp(core, {size: {columns: 120, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('2');
		const frame = await app.waitFor(frame => frame.includes('⚑ NOTION_API_TOKEN') && frame.includes('✓ valid'));
		expect(line(frame, 'NOTION_API_TOKEN')).toMatch(/override +none +✓ valid/);
		await app.press('G');
		await app.press(KEY.enter);
		const detail = flat(await app.waitFor('override: ntn uses it instead of stored tokens'));
		expect(detail).toContain('issued — · expires none');
	});

	it("a token's details keep Notion's last answer and show a later attempt without one beside it, stored and saved alike", async () => {
		const {makeCore, tokens, tokenIds, mock} = await setUp();
		const pat = 'ntn_detailcheck_3Ed5Rf7Tg9Yh1Uj3Ik5Ol7';
		mock.setToken(tokens[A]!, {tokens: [fact(tokenIds[A]!, 'ntn login', 300, 65)]});
		mock.setToken(pat, {});
		mock.setUser(pat, {kind: 'pat', name: 'Ada Lovelace'});
		const core = makeCore({NOTION_TOKENS_STORE: 'file'}, {maxRetryWaitMs: 0});
		await core.addSaved({label: 'ci', token: pat});
		await core.refresh({allEnvironments: true});
		for (const token of [tokens[A]!, pat]) mock.setToken(token, {status: 503});
		await core.refresh({allEnvironments: true});
		const app = renderApp(core, {size: {columns: 120, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('2');
		await app.waitFor('[2 Tokens]');
		await app.press(KEY.enter);
		let frame = flat(await app.waitFor('Alpha · prod'));
		expect(frame).toContain('Status ✓ valid');
		expect(frame).toContain('Check ✓ valid · checked just now · then Notion could not answer (503) just now');
		await app.press(KEY.escape);
		await app.press('G');
		await app.press(KEY.enter);
		frame = flat(await app.waitFor('Acts as'));
		expect(frame).toContain('Status ✓ valid');
		expect(frame).toContain('Check ✓ valid · checked just now · then Notion could not answer (503) just now');
	});

	it('x revokes a stored token after y, and says ntn needs ntn login again', async () => {
		const {makeCore, tokens, tokenIds, mock} = await setUp();
		mock.setToken(tokens[A]!, {tokens: [fact(tokenIds[A]!, 'ntn login', 10, 355)]});
		const app = renderApp(makeCore({}, {maxRetryWaitMs: 0}));
		await app.waitFor('Alpha');
		await app.press('2');
		await app.waitFor('❯ Alpha');
		await app.press('x');
		let frame = await app.waitFor('Revoke the stored token');
		expect(frame).toMatch(/Revoke the stored token ntn\.…\S{4} of Alpha in Notion\?/);
		await app.press('n');
		await app.waitFor('Nothing was changed.');
		expect(mock.revoked.size).toBe(0);
		await app.press('x');
		await app.waitFor('Revoke the stored token');
		await app.press('y');
		frame = flat(await app.waitFor(`Revoked token ${tokenIds[A]}.`));
		expect(frame).toContain('It was the stored token of Alpha (prod).');
		expect(frame).toContain('ntn will need `ntn login` again for Alpha.');
		expect([...mock.revoked.keys()]).toEqual([tokenIds[A]]);
		await app.waitFor(frame => line(frame, 'Alpha').includes('✗'));
	});

	it('shows a core error in a panel with its fix, and the other screens keep working', async () => {
		const {core, home} = await setUp();
		await home.write('workspaces.json', 'garbage{');
		const app = renderApp(core);
		const start = await app.waitFor('workspaces.json');
		expect(start).toContain('✗ Error: Failed to read workspaces.json');
		await app.press('2');
		const frame = await app.waitFor('✗ Error:');
		expect(frame).toContain('Fix:');
		expect(frame).not.toMatch(/\n\s+at /);
		await app.press('1');
		await app.waitFor('[1 Workspaces]');
		await app.press('q');
		expect(await app.waitForExit()).toBe(0);
	});
});
