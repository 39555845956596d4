import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixedClock} from '../../../source/core/shared/clock.js';
import type {CoreContext} from '../../../source/core/context.js';
import {createNotionApi, NOTION_VERSION, type NotionApi} from '../../../source/core/notion/api.js';
import {createCore, type CoreOptions} from '../../../source/core/services.js';
import {createStateStore} from '../../../source/core/own/state.js';
import {refreshTokens} from '../../../source/core/notion/refresh.js';
import type {TokenRow} from '../../../source/core/shared/types.js';
import {mintToken, startMockNotion, type MockNotion} from '../../helpers/mock-notion.js';
import {closedPortUrl, expectNoLeak, fact, readState, serve, tokenWorld, type TokenWorld} from '../../helpers/token-fixtures.js';

const NOW = '2026-03-11T12:00:00.000Z';
const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';
const BETA = 'bbbbbbbb-0000-4000-8000-000000000002';
const GAMMA = 'cccccccc-0000-4000-8000-000000000003';

let server: MockNotion;
const minted: string[] = [];
const seen: unknown[] = [];

beforeAll(async () => {
	server = await startMockNotion();
});

afterAll(async () => {
	await server.close();
	// Nothing the core returned, and no state file, ever holds a token or a piece of one.
	expectNoLeak(JSON.stringify(seen), minted);
});

const coreFor = (world: TokenWorld, options: CoreOptions = {}) =>
	createCore({env: world.env, clock: fixedClock(NOW), httpTimeoutMs: 1000, maxRetryWaitMs: 200, ...options});

const keep = <T>(value: T): T => {
	seen.push(value);
	return value;
};

async function world(specs: Parameters<typeof tokenWorld>[0], baseUrl: string | null = server.baseUrl) {
	const made = await tokenWorld(specs, baseUrl === null ? {} : {baseUrl});
	minted.push(...made.all);
	return made;
}

const byName = (rows: TokenRow[], name: string) => rows.find(row => row.workspaceName === name)!;

describe('tokens(): offline, from the cache only', () => {
	it('lists each stored token with its id from the token string, and sends nothing', async () => {
		const w = await world([
			{id: ACME, name: 'Acme', tokenId: 'tok-acme'},
			{id: BETA, name: 'Beta', tokenId: null},
		]);
		const before = server.requests.length;
		const rows = keep(await coreFor(w).tokens());
		expect(server.requests.length).toBe(before);
		expect(rows).toEqual([
			{
				source: 'stored',
				environment: 'prod',
				workspaceId: ACME,
				workspaceName: 'Acme',
				masked: `${w.tokens.Acme!.slice(0, 4)}…${w.tokens.Acme!.slice(-4)}`,
				storage: 'file',
				tokenId: 'tok-acme',
				tokenName: null,
				issuedAt: null,
				expiresAt: null,
				expiryComputed: false,
				expiry: 'unknown',
				daysLeft: null,
				check: {outcome: 'unchecked', checkedAt: null},
				lastAttempt: null,
				factsFetchedAt: null,
				otherTokens: [],
			},
		]);
	});
});

describe('refresh(): token lists with dates from Notion', () => {
	it('asks workersListTokens the way ntn does and matches the stored token to its own entry', async () => {
		const w = await world([{id: ACME, name: 'Acme', tokenId: 'tok-acme'}]);
		serve(server, w.tokens.Acme!, [
			fact('tok-ci', 'ci', '2025-09-01T00:00:00Z', '2026-09-01T00:00:00Z'),
			fact('tok-acme', 'laptop', '2025-03-18T00:00:00Z', '2026-03-18T00:00:00Z'),
			fact('tok-old', 'old', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2024-06-01T00:00:00Z'),
		]);
		const before = server.requests.length;
		const [row] = keep(await coreFor(w).refresh());

		const sent = server.requests.slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({method: 'POST', path: '/api/v3/workersListTokens', body: '{}'});
		expect(sent[0]!.headers.authorization).toBe(`Bearer ${w.tokens.Acme}`);
		expect(sent[0]!.headers['notion-version']).toBeUndefined();
		expect(sent[0]!.headers['user-agent']).toBe('notion-tokens');

		expect(row).toMatchObject({
			tokenId: 'tok-acme',
			tokenName: 'laptop',
			issuedAt: '2025-03-18T00:00:00Z',
			expiresAt: '2026-03-18T00:00:00Z',
			expiryComputed: false,
			expiry: 'within-7-days',
			daysLeft: 7,
			check: {outcome: 'valid', checkedAt: NOW, httpStatus: 200},
			factsFetchedAt: NOW,
		});
		expect(row!.otherTokens.map(other => other.id)).toEqual(['tok-ci', 'tok-old']);
		expect(row!.otherTokens[1]!.revokedAt).toBe('2024-06-01T00:00:00Z');

		// A later run with no network reads the same facts from the cache.
		const offline = keep(await coreFor(w, {env: {...w.env, NOTION_API_BASE_URL: await closedPortUrl()}}).tokens());
		expect(offline[0]).toEqual(row);
	});

	it('is exact to the day with the injected clock, and computes a missing expiry as issued + 1 year', async () => {
		const w = await world([
			{id: ACME, name: 'Acme', tokenId: 'tok-a'},
			{id: BETA, name: 'Beta', tokenId: 'tok-b'},
			{id: GAMMA, name: 'Gamma', tokenId: 'tok-c'},
		]);
		serve(server, w.tokens.Acme!, [fact('tok-a', 'a', '2025-03-18T12:00:00Z', '2026-03-18T12:00:00Z')]);
		serve(server, w.tokens.Beta!, [fact('tok-b', 'b', '2025-03-18T11:59:59Z', '2026-03-18T11:59:59Z')]);
		// Notion's dates are opaque strings: an unreadable expiry falls back to the creation date.
		serve(server, w.tokens.Gamma!, [fact('tok-c', 'c', '2025-03-11T12:00:00Z', 'soon')]);
		const rows = keep(await coreFor(w).refresh({withinDays: 30}));
		expect(byName(rows, 'Acme')).toMatchObject({daysLeft: 7, expiry: 'within-7-days'});
		expect(byName(rows, 'Beta')).toMatchObject({daysLeft: 7, expiry: 'within-7-days'});
		expect(byName(rows, 'Gamma')).toMatchObject({
			expiresAt: '2026-03-11T12:00:00.000Z',
			expiryComputed: true,
			daysLeft: 0,
			expiry: 'expired',
		});
		const later = keep(await coreFor(w, {clock: fixedClock('2026-03-18T12:00:00.000Z')}).tokens());
		expect(byName(later, 'Acme')).toMatchObject({daysLeft: 0, expiry: 'expired'});
		expect(byName(later, 'Beta')).toMatchObject({daysLeft: 0, expiry: 'expired'});
		expect(byName(keep(await coreFor(w, {clock: fixedClock('2026-03-17T23:59:59.000Z')}).tokens()), 'Beta')).toMatchObject({
			daysLeft: 1,
			expiry: 'within-7-days',
		});
	});

	it('shows every check outcome distinctly and keeps the old facts when a check fails', async () => {
		const names = ['Ok', 'Unauthorized', 'Forbidden', 'Limited', 'Broken', 'Slow', 'Garbled'];
		const w = await world(names.map((name, index) => ({id: `0000000${index}-0000-4000-8000-000000000000`, name})));
		const dates = (name: string) => [fact(`tok-${name.toLowerCase()}`, name, '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')];
		for (const name of names) serve(server, w.tokens[name]!, dates(name));
		const core = coreFor(w);
		const first = keep(await core.refresh());
		expect(first.map(row => row.check.outcome)).toEqual(names.map(() => 'valid'));

		const behave = (name: string, behaviour: Parameters<MockNotion['setToken']>[1]) => server.setToken(w.tokens[name]!, behaviour);
		behave('Unauthorized', {status: 401});
		behave('Forbidden', {status: 403});
		behave('Limited', {status: 429, retryAfter: '120'});
		behave('Broken', {status: 500});
		behave('Slow', {delayMs: 3000});
		behave('Garbled', {body: '{"tokens": [', status: 200});
		const rows = keep(await coreFor(w, {clock: fixedClock('2026-03-11T13:00:00.000Z')}).refresh());
		// The latest attempt: a definite answer replaces the check, any other is kept beside it.
		const check = (name: string) => byName(rows, name).lastAttempt ?? byName(rows, name).check;
		for (const name of ['Limited', 'Broken', 'Slow', 'Garbled']) expect(byName(rows, name).check).toMatchObject({outcome: 'valid', checkedAt: NOW});
		for (const name of ['Ok', 'Unauthorized', 'Forbidden']) expect(byName(rows, name).lastAttempt).toBeNull();
		expect(check('Ok')).toEqual({outcome: 'valid', checkedAt: '2026-03-11T13:00:00.000Z', httpStatus: 200});
		expect(check('Unauthorized')).toMatchObject({outcome: 'invalid', httpStatus: 401, detail: '401 unauthorized: API token is invalid.'});
		expect(check('Forbidden')).toMatchObject({outcome: 'forbidden', httpStatus: 403});
		expect(check('Limited')).toMatchObject({outcome: 'rate-limited', httpStatus: 429, retryAfterSeconds: 120});
		expect(check('Broken')).toMatchObject({outcome: 'server-error', httpStatus: 500});
		expect(check('Slow')).toMatchObject({outcome: 'timeout', detail: 'No answer from ' + new URL(server.baseUrl).host + ' within 1 s.'});
		expect(check('Garbled')).toMatchObject({outcome: 'malformed', httpStatus: 200});
		expect(byName(rows, 'Ok').factsFetchedAt).toBe('2026-03-11T13:00:00.000Z');
		for (const row of rows.filter(candidate => candidate.workspaceName !== 'Ok')) {
			// Dates still come from the earlier answer; a refused token is not called expired.
			expect(row).toMatchObject({factsFetchedAt: NOW, expiresAt: '2026-06-01T00:00:00Z', expiry: 'ok', daysLeft: 82});
		}
		for (const name of names) server.setToken(w.tokens[name]!, {});
	});

	it('honours Retry-After: retries a short wait once, and does not ask again before a long one has passed', async () => {
		const w = await world([{id: ACME, name: 'Acme', tokenId: 'tok-acme'}]);
		serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		server.queue(w.tokens.Acme!, {status: 429, retryAfter: '0'});
		let before = server.requests.length;
		expect(keep(await coreFor(w).refresh())[0]!.check.outcome).toBe('valid');
		expect(server.requests.length - before).toBe(2);

		server.queue(w.tokens.Acme!, {status: 429, retryAfter: '60'});
		before = server.requests.length;
		const limited = keep(await coreFor(w).refresh())[0]!;
		expect(limited.lastAttempt).toMatchObject({outcome: 'rate-limited', retryAfterSeconds: 60, checkedAt: NOW});
		expect(limited.check).toMatchObject({outcome: 'valid'});
		expect(server.requests.length - before).toBe(1);

		before = server.requests.length;
		const waiting = keep(await coreFor(w, {clock: fixedClock('2026-03-11T12:00:59.000Z')}).refresh())[0]!;
		expect(server.requests.length - before).toBe(0);
		expect(waiting.lastAttempt).toMatchObject({outcome: 'rate-limited', checkedAt: NOW});

		const after = keep(await coreFor(w, {clock: fixedClock('2026-03-11T12:01:00.000Z')}).refresh())[0]!;
		expect(server.requests.length - before).toBe(1);
		expect(after.check).toMatchObject({outcome: 'valid', checkedAt: '2026-03-11T12:01:00.000Z'});
		expect(after.lastAttempt).toBeNull();
	});

	it('records being offline without throwing, keeping what was known', async () => {
		const w = await world([{id: ACME, name: 'Acme', tokenId: 'tok-acme'}]);
		serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		await coreFor(w).refresh();
		const unplugged = {...w.env, NOTION_API_BASE_URL: await closedPortUrl()};
		const [row] = keep(await coreFor(w, {env: unplugged, clock: fixedClock('2026-03-11T15:00:00.000Z')}).refresh());
		expect(row).toMatchObject({
			tokenName: 'laptop',
			expiresAt: '2026-06-01T00:00:00Z',
			factsFetchedAt: NOW,
			check: {outcome: 'valid', checkedAt: NOW},
			lastAttempt: {outcome: 'offline', checkedAt: '2026-03-11T15:00:00.000Z'},
		});
		expect(row!.lastAttempt!.detail).toMatch(/^Cannot reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
	});

	it('runs at most `concurrency` requests at once', async () => {
		const names = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'];
		const w = await world(names.map((name, index) => ({id: `1000000${index}-0000-4000-8000-000000000000`, name})));
		for (const name of names) server.setToken(w.tokens[name]!, {tokens: [], delayMs: 40});
		const inner = createNotionApi({userAgent: 'test', timeoutMs: 2000, concurrency: 2});
		let running = 0;
		let most = 0;
		const api: NotionApi = {
			...inner,
			listTokens: async (base, secret) => {
				most = Math.max(most, ++running);
				try {
					return await inner.listTokens(base, secret);
				} finally {
					running--;
				}
			},
		};
		const ctx: CoreContext = {
			env: w.env,
			cwd: process.cwd(),
			clock: fixedClock(NOW),
			platform: process.platform,
			environment: 'prod',
			keychainTimeoutMs: 1000,
			httpTimeoutMs: 2000,
			refreshDeadlineMs: 30_000,
			locked: run => run(),
			state: () => createStateStore(w.home.stateDir),
		};
		const rows = keep(await refreshTokens(ctx, {environment: 'prod'}, api));
		expect(rows.map(row => row.check.outcome)).toEqual(names.map(() => 'valid'));
		expect(most).toBe(2);
		for (const name of names) server.setToken(w.tokens[name]!, {});
	});

	it('checks one workspace when asked by name, and says which workspace has no token', async () => {
		const w = await world([
			{id: ACME, name: 'Acme', tokenId: 'tok-acme'},
			{id: BETA, name: 'Beta', tokenId: 'tok-beta'},
			{id: GAMMA, name: 'Gamma', tokenId: null},
		]);
		serve(server, w.tokens.Acme!, []);
		serve(server, w.tokens.Beta!, []);
		const before = server.requests.length;
		const rows = keep(await coreFor(w).refresh({query: 'beta'}));
		expect(rows.map(row => row.workspaceName)).toEqual(['Beta']);
		expect(server.requests.slice(before).map(request => request.headers.authorization)).toEqual([`Bearer ${w.tokens.Beta}`]);
		await expect(coreFor(w).refresh({query: 'Gamma'})).rejects.toThrow(/Gamma \(cccccccc-.*\) has no stored token in prod/);
		await expect(coreFor(w).refresh({query: 'Delta'})).rejects.toThrow(/No cached workspace in prod matches 'Delta'/);
	});
});

describe('the facts cache', () => {
	it('is keyed by config dir, environment and workspace id, and never holds a token', async () => {
		const w = await world([
			{id: ACME, name: 'Acme', env: 'prod', tokenId: 'tok-shared'},
			{id: ACME, name: 'Acme', env: 'dev', tokenId: 'tok-shared'},
		]);
		serve(server, w.tokens.Acme!, [fact('tok-shared', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		await coreFor(w).refresh();
		const state = JSON.parse(await readState(w)) as {tokenFacts: unknown};
		expect(state.tokenFacts).toEqual({
			version: 1,
			workspaces: {
				[w.home.dir]: {
					prod: {
						[ACME]: {
							fetchedAt: NOW,
							storedTokenId: 'tok-shared',
							// A one-way fingerprint: the check belongs to this very token.
							storedTokenFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
							tokens: [fact('tok-shared', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')],
							check: {outcome: 'valid', checkedAt: NOW, httpStatus: 200},
							attempt: null,
							revoked: {},
						},
					},
				},
			},
			overrides: {},
		});
		expectNoLeak(await readState(w), w.all);
		// The same workspace id in dev has facts of its own: none yet.
		const dev = keep(await coreFor(w).tokens({environment: 'dev'}));
		expect(dev[0]).toMatchObject({environment: 'dev', check: {outcome: 'unchecked'}, factsFetchedAt: null});
	});

	it('does not carry a check over to a new token after `ntn login`, but keeps the workspace list', async () => {
		const w = await world([{id: ACME, name: 'Acme', tokenId: 'tok-old'}]);
		serve(server, w.tokens.Acme!, [fact('tok-old', 'old laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		await coreFor(w).refresh();
		const fresh = mintToken({tokenId: 'tok-new', spaceId: ACME});
		minted.push(fresh);
		await w.home.write('auth.json', {[ACME]: fresh}, 0o600);
		const [row] = keep(await coreFor(w).tokens());
		expect(row).toMatchObject({tokenId: 'tok-new', check: {outcome: 'unchecked'}, expiry: 'unknown', factsFetchedAt: NOW});
		expect(row!.otherTokens.map(other => other.id)).toEqual(['tok-old']);
	});

	it('reads a hand-edited state file defensively', async () => {
		const w = await world([{id: ACME, name: 'Acme', tokenId: 'tok-acme'}]);
		await createStateStore(w.home.stateDir).update('tokenFacts', () => ({
			version: 1,
			workspaces: {
				[w.home.dir]: {
					prod: {
						[ACME]: {
							fetchedAt: 5,
							storedTokenId: 'tok-acme',
							tokens: [{id: 'tok-acme', name: 'x', expiresAt: '2026-04-01T00:00:00Z'}, 'junk'],
							check: {outcome: 'bogus'},
						},
					},
				},
			},
			overrides: 'nope',
		}));
		const [row] = keep(await coreFor(w).tokens());
		expect(row).toMatchObject({tokenName: 'x', expiresAt: '2026-04-01T00:00:00Z', daysLeft: 21, factsFetchedAt: null, check: {outcome: 'unchecked'}});
	});
});

describe('NOTION_API_TOKEN', () => {
	it('is checked with the public API and shows whom it acts as: a person (PAT)', async () => {
		const w = await world([]);
		const pat = 'ntn_' + 'p'.repeat(8) + 'Q7x2Lm9vZr4Tk1Yw8Hs3';
		minted.push(pat);
		server.setToken(pat, {});
		server.setUser(pat, {kind: 'person', name: 'Ada Lovelace', workspaceName: 'Acme Labs', workspaceId: ACME});
		const env = {...w.env, NOTION_API_TOKEN: pat};
		const before = server.requests.length;
		const [row] = keep(await coreFor(w, {env}).refresh());
		const sent = server.requests.slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({method: 'GET', path: '/v1/users/me'});
		expect(sent[0]!.headers['notion-version']).toBe(NOTION_VERSION);
		expect(NOTION_VERSION).toBe('2026-03-11');
		expect(row).toMatchObject({
			source: 'override',
			storage: 'env',
			workspaceName: 'Acme Labs',
			tokenId: null,
			expiry: 'unknown',
			check: {outcome: 'valid', checkedAt: NOW, identity: {kind: 'person', name: 'Ada Lovelace', workspaceName: 'Acme Labs'}},
		});
		// Remembered offline, by a fingerprint.
		const [cached] = keep(await coreFor(w, {env}).tokens());
		expect(cached!.check).toEqual(row!.check);
		expectNoLeak(await readState(w), [pat]);
		// Another token in NOTION_API_TOKEN has not been checked.
		const [other] = keep(await coreFor(w, {env: {...env, NOTION_API_TOKEN: 'ntn_' + 'z'.repeat(30)}}).tokens());
		expect(other!.check.outcome).toBe('unchecked');
	});

	it('shows an internal connection as its bot and workspace, and keeps who it was when the check fails', async () => {
		const w = await world([]);
		const secret = 'secret_' + 'k'.repeat(6) + 'Zb81Wq0Pn5Dd3Rf7Gh2J';
		minted.push(secret);
		server.setToken(secret, {});
		server.setUser(secret, {kind: 'bot', name: 'Sync bot', workspaceName: 'Beta Inc', workspaceId: BETA});
		const env = {...w.env, NOTION_API_TOKEN: secret};
		const [row] = keep(await coreFor(w, {env}).refresh());
		expect(row!.check.identity).toEqual({kind: 'bot', name: 'Sync bot', workspaceName: 'Beta Inc'});
		server.setToken(secret, {status: 401});
		const [refused] = keep(await coreFor(w, {env}).refresh());
		expect(refused!.check).toMatchObject({outcome: 'invalid', httpStatus: 401, identity: {kind: 'bot', name: 'Sync bot'}});
		expect(refused!.workspaceName).toBe('Beta Inc');
	});
});

describe('environments without a known API', () => {
	it('does not ask, and says why', async () => {
		const w = await world([{id: ACME, name: 'Acme', env: 'zz', tokenId: 'tok-acme'}], null);
		const before = server.requests.length;
		const [row] = keep(await coreFor(w).refresh({allEnvironments: true}));
		expect(server.requests.length).toBe(before);
		expect(row!.check).toEqual({outcome: 'unchecked', checkedAt: null, detail: expect.stringMatching(/^Unknown environment "zz"/)});
	});
});
