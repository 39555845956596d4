import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixedClock} from '../../../source/core/shared/clock.js';
import {createDemoHome} from '../../../source/core/ops/demo.js';
import {createCore, type CoreOptions} from '../../../source/core/services.js';
import {startMockNotion, type MockNotion} from '../../helpers/mock-notion.js';
import {closedPortUrl, expectNoLeak, fact, serve, tokenWorld, type TokenWorld} from '../../helpers/token-fixtures.js';

const NOW = '2026-03-11T12:00:00.000Z';

let server: MockNotion;

beforeAll(async () => {
	server = await startMockNotion();
});

afterAll(async () => {
	await server.close();
});

const coreFor = (world: TokenWorld, options: CoreOptions = {}) => createCore({env: world.env, clock: fixedClock(NOW), httpTimeoutMs: 1000, ...options});

/** Five workspaces whose tokens expired, were revoked, expire in 3, 20 and 100 days, plus one never checked. */
async function spread() {
	const specs = ['Expired', 'Revoked', 'Three', 'Twenty', 'Hundred', 'Unchecked'].map((name, index) => ({
		id: `dddddddd-0000-4000-8000-00000000000${index}`,
		name,
	}));
	const w = await tokenWorld(specs, {baseUrl: server.baseUrl});
	const own = (name: string, expiresAt: string, revokedAt: string | null = null) =>
		serve(server, w.tokens[name]!, [fact(`tok-${name.toLowerCase()}`, name, '2025-01-01T00:00:00Z', expiresAt, revokedAt)]);
	own('Expired', '2026-03-01T00:00:00Z');
	own('Revoked', '2026-12-01T00:00:00Z', '2026-02-01T00:00:00Z');
	own('Three', '2026-03-14T13:00:00Z');
	own('Twenty', '2026-03-31T13:00:00Z');
	own('Hundred', '2026-06-19T13:00:00Z');
	// Checked at different times: the oldest facts are reported.
	await coreFor(w, {clock: fixedClock('2026-03-11T09:00:00.000Z')}).refresh({query: 'Hundred'});
	await coreFor(w, {clock: fixedClock('2026-03-11T11:00:00.000Z')}).refresh({query: 'Three'});
	for (const name of ['Expired', 'Revoked', 'Twenty']) await coreFor(w).refresh({query: name});
	return w;
}

describe('expiring()', () => {
	it('lists expired, revoked and expiring tokens soonest first, from the cache alone', async () => {
		const w = await spread();
		const unplugged = {...w.env, NOTION_API_BASE_URL: await closedPortUrl()};
		const before = server.requests.length;
		const report = await coreFor(w, {env: unplugged}).expiring({withinDays: 30});
		expect(server.requests.length).toBe(before);
		expect(report.withinDays).toBe(30);
		expect(report.rows.map(row => [row.workspaceName, row.expiry, row.daysLeft])).toEqual([
			['Revoked', 'revoked', 265],
			['Expired', 'expired', -10],
			['Three', 'within-7-days', 3],
			['Twenty', 'within-window', 20],
		]);
		expect(report.oldestFactsAt).toBe('2026-03-11T09:00:00.000Z');
		expectNoLeak(JSON.stringify(report), w.all);
	});

	it('takes the window from the saved preference unless one is given', async () => {
		const w = await spread();
		const core = coreFor(w);
		expect((await core.expiring()).rows.map(row => row.workspaceName)).toEqual(['Revoked', 'Expired', 'Three', 'Twenty']);
		await core.setPreferences({expiryWindowDays: 7});
		const week = await core.expiring();
		expect(week.withinDays).toBe(7);
		expect(week.rows.map(row => row.workspaceName)).toEqual(['Revoked', 'Expired', 'Three']);
		const long = await core.expiring({withinDays: 101});
		expect(long.rows.map(row => row.workspaceName)).toEqual(['Revoked', 'Expired', 'Three', 'Twenty', 'Hundred']);
	});

	it('reports no facts at all as oldestFactsAt null', async () => {
		const w = await tokenWorld([{id: 'eeeeeeee-0000-4000-8000-000000000000', name: 'Fresh'}]);
		const report = await coreFor(w).expiring();
		expect(report).toMatchObject({withinDays: 30, rows: [], oldestFactsAt: null, askedAt: null});
		expect(report.unknown.map(row => row.workspaceName)).toEqual(['Fresh']);
	});
});

describe('the demo', () => {
	it('opens offline with cached facts: expired, within 7 days, within 30 days, fine, computed and never checked', async () => {
		const now = new Date(NOW);
		const demo = await createDemoHome(now);
		try {
			const env = {...demo.env, NOTION_API_BASE_URL: await closedPortUrl()};
			const core = createCore({env, clock: fixedClock(NOW)});
			const rows = await core.tokens({allEnvironments: true});
			const by = (name: string) => rows.find(row => row.workspaceName === name)!;
			expect(by('Acme Corp')).toMatchObject({expiry: 'ok', check: {outcome: 'valid'}, factsFetchedAt: '2026-03-11T09:00:00.000Z'});
			expect(by('Acme Corp').otherTokens.map(other => other.name)).toEqual(['CI deploys']);
			expect(by('Design Studio')).toMatchObject({expiry: 'within-7-days', daysLeft: 4});
			expect(by('Engineering Wiki')).toMatchObject({expiry: 'within-window', daysLeft: 25});
			expect(by('Marketing')).toMatchObject({expiry: 'expired', daysLeft: -35, check: {outcome: 'invalid', httpStatus: 401}});
			expect(by('Personal Notes')).toMatchObject({expiry: 'unknown', check: {outcome: 'unchecked'}, factsFetchedAt: null});
			expect(by('Sandbox')).toMatchObject({environment: 'dev', expiry: 'ok', expiryComputed: true});
			for (const seed of demo.seeds) expect(rows.find(row => row.workspaceId === seed.workspaceId)?.tokenId).toBe(seed.tokenId);

			const report = await core.expiring();
			expect(report.rows.map(row => row.workspaceName)).toEqual(['Marketing', 'Design Studio', 'Engineering Wiki']);
			expect(report.oldestFactsAt).toBe('2026-03-11T09:00:00.000Z');

			const state = await fs.readFile(path.join(demo.env.NOTION_TOKENS_HOME!, 'state.json'), 'utf8');
			expectNoLeak(state, Object.values(JSON.parse(await fs.readFile(path.join(demo.env.NOTION_HOME!, 'auth.json'), 'utf8')) as string[]));
		} finally {
			await demo.cleanup();
		}
	});
});
