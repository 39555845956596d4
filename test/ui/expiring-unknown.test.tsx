import {afterEach, describe, expect, it} from 'vitest';
import {chooseSymbols} from '../../source/text/index.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
	chooseSymbols({});
});

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/** Two workspaces whose tokens Notion accepts but gives no dates for. */
async function setUp() {
	const mock = await startMockNotion({now: () => NOW});
	servers.push(mock);
	const seeded = await seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl},
	});
	for (const id of [A, B]) mock.setToken(seeded.tokens[id]!, {tokens: []});
	await seeded.core.refresh({allEnvironments: true});
	return seeded;
}

describe('Expiring screen when expiries are not known', () => {
	it('lists the tokens whose expiry is not known and says how to learn it, never ✓', async () => {
		const {core} = await setUp();
		const report = await core.expiring({allEnvironments: true});
		expect(report.unknown).toHaveLength(2);
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await app.press('3');
		const frame = await app.waitFor('Expiry not known (2)');
		expect(frame).not.toContain('No token is expired');
		expect(frame).not.toContain('✓');
		expect(frame).toContain('Nothing known to be expired or expiring within 30 days');
		const lines = frame.split('\n');
		const at = (text: string) => lines.findIndex(row => row.includes(text));
		expect(at('Expiry not known (2)')).toBeLessThan(at('Alpha'));
		expect(lines[at('Alpha')]).toMatch(/❯ \? Alpha\s+prod\s+no dates from Notion/);
		expect(lines[at('Beta')]).toMatch(/ {2}\? Beta\s+prod\s+no dates from Notion/);
		expect(flat(frame)).toContain('What to do: Notion gave no dates for this token: press r to ask again');
		await app.press(KEY.down);
		await app.press(KEY.enter);
		await app.waitFor('Beta · prod · stored in auth.json');
	});

	it('under a locale that is not UTF-8 says the same in ASCII', async () => {
		const {core} = await setUp();
		chooseSymbols({LANG: 'C'});
		const app = renderApp(core);
		await app.waitFor('Alpha');
		await app.press('3');
		const frame = await app.waitFor('Expiry not known (2)');
		expect(frame).not.toMatch(/\bok No token/);
		expect(frame).toMatch(/> \? Alpha\s+prod\s+no dates from Notion/);
	});
});
