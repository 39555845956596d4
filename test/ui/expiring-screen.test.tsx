import {afterEach, describe, expect, it} from 'vitest';
import {chooseSymbols} from '../../source/text/index.js';
import {expiringReport, type TokenFact} from '../../source/core/index.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');
const C = uuid('c');
const D = uuid('d');
const E = uuid('e');

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
	chooseSymbols({});
});

const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000).toISOString();
const fact = (id: string, expiresInDays: number): TokenFact => ({
	id,
	name: 'ntn login',
	issuedAt: days(expiresInDays - 365),
	expiresAt: days(expiresInDays),
	revokedAt: null,
});

/** Five workspaces whose tokens expire in 3, -2, 20, 200 and 12 days; facts fetched from the mock. */
async function setUp() {
	const mock = await startMockNotion({now: () => NOW});
	servers.push(mock);
	const seeded = await seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
				[D, 'Delta'],
			],
			dev: [[E, 'Dev Space']],
		},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl},
	});
	const expires: Record<string, number> = {[A]: 3, [B]: -2, [C]: 20, [D]: 200, [E]: 12};
	for (const [id, inDays] of Object.entries(expires)) mock.setToken(seeded.tokens[id]!, {tokens: [fact(seeded.tokenIds[id]!, inDays)]});
	await seeded.core.refresh({allEnvironments: true});
	return seeded;
}

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('Expiring screen', () => {
	it('builds from the token list the same report as core.expiring()', async () => {
		const {core} = await setUp();
		for (const withinDays of [0, 10, 15, 30, 365]) {
			const rows = await core.tokens({allEnvironments: true, withinDays});
			const expected = await core.expiring({allEnvironments: true, withinDays});
			expect(expected.rows.length).toBeGreaterThan(0);
			expect(expiringReport(rows, withinDays)).toEqual(expected);
		}
	});

	it('warns on the start screen and leads to the Expiring screen', async () => {
		const {core} = await setUp();
		const app = renderApp(core);
		const frame = await app.waitFor(frame => frame.includes('⚠ 4 tokens expired or expiring within 30 days · press 3') && frame.includes('Gamma'));
		expect(frame).toContain('3 Expiring (4)');
		expect(frame).toMatch(/Alpha\s+aaaaaaaa ✓ token\s+file\s+⚠2026-06-18/);
		// Never ✓ beside ✗ for the same token.
		expect(frame).toMatch(/Beta\s+bbbbbbbb ✗ expired\s+file\s+✗2026-06-13/);
		expect(frame).toMatch(/Delta\s+dddddddd ✓ token\s+file\s+2027-01-01/);
		await app.press('3');
		await app.waitFor('[3 Expiring (4)]');
	});

	it('groups expired, within 7 days and within the window, soonest first, with what to do', async () => {
		const {core} = await setUp();
		const app = renderApp(core);
		await app.waitFor('press 3');
		await app.press('3');
		const frame = await app.waitFor('Expired or revoked (1)');
		const lines = frame.split('\n');
		const at = (text: string) => lines.findIndex(row => row.includes(text));
		expect(frame).toContain('4 tokens need attention (window 30 days) · facts from Notion fetched just now');
		expect(at('Expired or revoked (1)')).toBeLessThan(at('Beta'));
		expect(at('Beta')).toBeLessThan(at('Within 7 days (1)'));
		expect(at('Within 7 days (1)')).toBeLessThan(at('Alpha'));
		expect(at('Alpha')).toBeLessThan(at('Within 30 days (2)'));
		expect(at('Within 30 days (2)')).toBeLessThan(at('Dev Space'));
		expect(at('Dev Space')).toBeLessThan(at('Gamma'));
		expect(frame).not.toContain('Delta');
		expect(lines[at('Beta')]).toMatch(/❯ ✗ Beta\s+prod\s+expired 2 days ago\s+→ log in again/);
		expect(lines[at('Alpha')]).toMatch(/⚠ Alpha\s+prod\s+expires in 3 days/);
		expect(lines[at('Dev Space')]).toMatch(/⚠ Dev Space\s+dev\s+expires in 12 days/);
		expect(flat(frame)).toContain('What to do: Log in again: run `NOTION_ENV=prod ntn login` and pick Beta;');
		await app.press(KEY.down);
		await app.waitFor(frame => flat(frame).includes('What to do: Before it expires: run `NOTION_ENV=prod ntn login`, pick Alpha for a new token'));
		await app.press(KEY.enter);
		await app.waitFor('Alpha · prod · stored in auth.json');
		await app.press(KEY.escape);
		await app.waitFor('[3 Expiring (4)]');
	});

	it('uses the window given to runUi, else the saved preference', async () => {
		const {core} = await setUp();
		const narrow = renderApp(core, {windowDays: 10});
		await narrow.waitFor('⚠ 2 tokens expired or expiring within 10 days');
		await narrow.press('3');
		const frame = await narrow.waitFor('Within 7 days (1)');
		expect(frame).not.toContain('Gamma');
		expect(frame).not.toContain('Within 10 days');

		await core.setPreferences({expiryWindowDays: 15});
		const saved = renderApp(core);
		await saved.waitFor('⚠ 3 tokens expired or expiring within 15 days');
		await saved.press('3');
		await saved.waitFor('Within 15 days (1)');
	});

	it('says when nothing needs attention', async () => {
		const {core, tokens, tokenIds} = await setUp();
		const mock = servers[0]!;
		for (const id of [A, B, C, D, E]) mock.setToken(tokens[id]!, {tokens: [fact(tokenIds[id]!, 300)]});
		await core.refresh({allEnvironments: true});
		const app = renderApp(core, {windowDays: 1});
		await app.waitFor('Gamma');
		expect(app.frame()).not.toContain('press 3');
		await app.press('3');
		await app.waitFor('✓ No token is expired or expires within 1 day.');
		expect(app.frame()).toContain('facts from Notion fetched just now');
		expect(app.frame()).toContain('[3 Expiring]');
	});

	it('under a locale that is not UTF-8 draws its marks in ASCII: x expired, ! expiring, ok when none', async () => {
		const {core, tokens, tokenIds} = await setUp();
		chooseSymbols({LANG: 'C'});
		const app = renderApp(core);
		await app.waitFor('press 3');
		await app.press('3');
		const frame = await app.waitFor('Expired or revoked (1)');
		const lines = frame.split('\n');
		expect(lines.find(line => line.includes('Beta'))).toMatch(/> x Beta\s+prod\s+expired 2 days ago\s+-> log in again/);
		expect(lines.find(line => line.includes('Alpha'))).toMatch(/ {2}! Alpha\s+prod\s+expires in 3 days/);
		const mock = servers[0]!;
		for (const id of [A, B, C, D, E]) mock.setToken(tokens[id]!, {tokens: [fact(tokenIds[id]!, 300)]});
		await core.refresh({allEnvironments: true});
		const none = renderApp(core, {windowDays: 1});
		await none.waitFor('Gamma');
		await none.press('3');
		await none.waitFor('ok No token is expired or expires within 1 day.');
		for (const frames of [app.allFrames(), none.allFrames()]) expect(frames).not.toMatch(/[✓✗⚠✔✖❯→]/u);
	});
});
