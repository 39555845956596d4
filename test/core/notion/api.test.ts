import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixedClock} from '../../../source/core/shared/clock.js';
import {NotionTokensError} from '../../../source/core/shared/errors.js';
import {createNotionApi, internalBaseUrl, NOTION_VERSION, publicBaseUrl, retryAfterMs, type NotionApiOptions} from '../../../source/core/notion/api.js';
import {Secret} from '../../../source/core/shared/secret.js';
import type {TokenFact} from '../../../source/core/shared/types.js';
import {mintToken, startMockNotion, type MockNotion} from '../../helpers/mock-notion.js';

const USER_AGENT = 'notion-tokens/9.9.9';
const SPACE = '11111111-2222-4333-8444-555555555555';
const REVOKE_TIME = '2026-03-10T12:00:00.000Z';

let server: MockNotion;
/** Every token used and every outcome returned, for the leak check at the end. */
const tokensUsed: string[] = [];
const outcomes: unknown[] = [];

const api = (options: Partial<NotionApiOptions> = {}) => {
	const inner = createNotionApi({userAgent: USER_AGENT, timeoutMs: 2000, maxRetryWaitMs: 300, ...options});
	return {
		listTokens: async (base: string, token: string) => keep(await inner.listTokens(base, new Secret(token))),
		revokeToken: async (base: string, token: string, id: string) => keep(await inner.revokeToken(base, new Secret(token), id)),
		usersMe: async (base: string, token: string) => keep(await inner.usersMe(base, new Secret(token))),
	};
};
const keep = <T>(result: T): T => {
	outcomes.push(result);
	return result;
};
const newToken = (tokenId = `tok-${tokensUsed.length}`) => {
	const token = mintToken({tokenId, spaceId: SPACE});
	tokensUsed.push(token);
	return token;
};
const requestsSince = (count: number) => server.requests.slice(count);

const FACTS: TokenFact[] = [
	{id: 'tok-a', name: 'laptop', issuedAt: '2025-06-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z', revokedAt: null},
	{id: 'tok-b', name: 'ci', issuedAt: '2025-01-01T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z', revokedAt: '2025-02-01T00:00:00Z'},
];

beforeAll(async () => {
	server = await startMockNotion({now: () => new Date(REVOKE_TIME)});
});

afterAll(async () => {
	await server.close();
});

describe('base URLs', () => {
	it('uses the built-in URL of each environment unless NOTION_API_BASE_URL is set', () => {
		expect(internalBaseUrl('local', {})).toBe('http://localhost:3000');
		expect(internalBaseUrl('dev', {})).toBe('https://dev.notion.so');
		expect(internalBaseUrl('stg', {})).toBe('https://stg.notion.so');
		expect(internalBaseUrl('prod', {NOTION_API_BASE_URL: ''})).toBe('https://www.notion.so');
		expect(internalBaseUrl('dev', {NOTION_API_BASE_URL: 'http://127.0.0.1:9/proxy/'})).toBe('http://127.0.0.1:9/proxy');
		expect(internalBaseUrl('zz', {NOTION_API_BASE_URL: 'http://127.0.0.1:9'})).toBe('http://127.0.0.1:9');
	});

	it('rejects unknown environments and URLs that are not http(s)', () => {
		expect(() => internalBaseUrl('zz', {})).toThrow(/Unknown environment "zz"/);
		expect(() => internalBaseUrl('prod', {NOTION_API_BASE_URL: 'www.notion.so'})).toThrow(NotionTokensError);
		expect(() => internalBaseUrl('prod', {NOTION_API_BASE_URL: 'ftp://x'})).toThrow(/NOTION_API_BASE_URL="ftp:\/\/x"/);
		expect(() => publicBaseUrl({NOTION_PUBLIC_API_BASE_URL: 'nope'})).toThrow(/NOTION_PUBLIC_API_BASE_URL="nope"/);
	});

	it('uses api.notion.com for the public API unless NOTION_PUBLIC_API_BASE_URL is set', () => {
		expect(publicBaseUrl({})).toBe('https://api.notion.com');
		expect(publicBaseUrl({NOTION_PUBLIC_API_BASE_URL: ''})).toBe('https://api.notion.com');
		expect(publicBaseUrl({NOTION_PUBLIC_API_BASE_URL: 'http://127.0.0.1:9/'})).toBe('http://127.0.0.1:9');
	});
});

describe('requests as ntn sends them', () => {
	it('lists tokens with POST {} and exactly ntn’s headers, under our user agent', async () => {
		const token = newToken();
		server.setToken(token, {tokens: FACTS});
		const before = server.requests.length;
		await api().listTokens(server.baseUrl, token);
		const [request] = requestsSince(before);
		expect(request?.method).toBe('POST');
		expect(request?.path).toBe('/api/v3/workersListTokens');
		expect(request?.body).toBe('{}');
		const port = new URL(server.baseUrl).port;
		expect(request?.rawHeaders).toEqual([
			'authorization',
			`Bearer ${token}`,
			'content-type',
			'application/json',
			'accept',
			'*/*',
			'user-agent',
			USER_AGENT,
			'content-length',
			'2',
			'Host',
			`127.0.0.1:${port}`,
			'Connection',
			'close',
		]);
	});

	it('revokes with POST {"tokenId":…}', async () => {
		const token = newToken('tok-bytes');
		server.setToken(token, {tokens: FACTS});
		const before = server.requests.length;
		expect(await api().revokeToken(server.baseUrl, token, 'tok-bytes')).toMatchObject({outcome: 'valid'});
		const [request] = requestsSince(before);
		expect(request?.path).toBe('/api/v3/workersRevokeToken');
		expect(request?.body).toBe('{"tokenId":"tok-bytes"}');
		expect(request?.headers['content-length']).toBe('23');
		expect(request?.headers.authorization).toBe(`Bearer ${token}`);
		expect(request?.headers['content-type']).toBe('application/json');
		expect(request?.headers['notion-version']).toBeUndefined();
	});

	it('asks users/me with GET, Bearer auth and Notion-Version', async () => {
		const token = newToken();
		server.setToken(token, {});
		const before = server.requests.length;
		await api().usersMe(server.baseUrl, token);
		const [request] = requestsSince(before);
		expect(request?.method).toBe('GET');
		expect(request?.path).toBe('/v1/users/me');
		expect(request?.body).toBe('');
		expect(request?.headers.authorization).toBe(`Bearer ${token}`);
		expect(request?.headers['notion-version']).toBe('2026-03-11');
		expect(NOTION_VERSION).toBe('2026-03-11');
		expect(request?.headers['user-agent']).toBe(USER_AGENT);
	});
});

describe('listTokens', () => {
	it('returns the tokens on 200, revokedAt absent read as null, extra fields ignored', async () => {
		const token = newToken();
		const body = JSON.stringify({
			tokens: [
				{id: 'tok-a', name: 'laptop', issuedAt: '2025-06-01T00:00:00Z', expiresAt: 'x', extra: 1},
				{id: 'tok-b', name: '', issuedAt: 'y', expiresAt: '2026-01-01T00:00:00Z', revokedAt: null},
				{id: 'tok-c', name: 'ci', issuedAt: 'y', expiresAt: 'z', revokedAt: '2025-02-01T00:00:00Z'},
			],
			more: true,
		});
		server.setToken(token, {status: 200, body});
		expect(await api().listTokens(server.baseUrl, token)).toEqual({
			outcome: 'valid',
			httpStatus: 200,
			tokens: [
				{id: 'tok-a', name: 'laptop', issuedAt: '2025-06-01T00:00:00Z', expiresAt: 'x', revokedAt: null},
				{id: 'tok-b', name: '', issuedAt: 'y', expiresAt: '2026-01-01T00:00:00Z', revokedAt: null},
				{id: 'tok-c', name: 'ci', issuedAt: 'y', expiresAt: 'z', revokedAt: '2025-02-01T00:00:00Z'},
			],
		});
	});

	it('answers invalid for 401 with Notion’s message', async () => {
		const unknown = newToken();
		expect(await api().listTokens(server.baseUrl, unknown)).toEqual({
			outcome: 'invalid',
			httpStatus: 401,
			detail: '401 unauthorized: API token is invalid.',
		});
	});

	it('answers forbidden for 403', async () => {
		const token = newToken();
		server.setToken(token, {status: 403});
		expect(await api().listTokens(server.baseUrl, token)).toMatchObject({outcome: 'forbidden', httpStatus: 403});
	});

	it('answers server-error for 500, other 5xx and unexpected statuses', async () => {
		const token = newToken();
		server.setToken(token, {status: 500});
		expect(await api().listTokens(server.baseUrl, token)).toEqual({
			outcome: 'server-error',
			httpStatus: 500,
			detail: '500 internal_server_error: Unexpected error occurred.',
		});
		server.setToken(token, {status: 502, body: '<html>Bad gateway</html>'});
		expect(await api().listTokens(server.baseUrl, token)).toEqual({outcome: 'server-error', httpStatus: 502, detail: 'HTTP 502'});
		server.setToken(token, {});
		expect(await api().listTokens(`${server.baseUrl}/wrong-prefix`, token)).toMatchObject({outcome: 'server-error', httpStatus: 404});
	});

	it('answers malformed for a body that is not JSON', async () => {
		const token = newToken();
		server.setToken(token, {status: 200, body: '{"tokens": ['});
		expect(await api().listTokens(server.baseUrl, token)).toEqual({
			outcome: 'malformed',
			httpStatus: 200,
			detail: 'The answer from /api/v3/workersListTokens is not JSON.',
		});
	});

	it.each([
		['[]', 'expected {"tokens": [...]}'],
		['{"tokens":"none"}', 'expected {"tokens": [...]}'],
		['{"tokens":[null]}', 'tokens[0] is not an object'],
		['{"tokens":[{"id":1,"name":"n","issuedAt":"a","expiresAt":"b"}]}', 'tokens[0].id is not a string'],
		['{"tokens":[{"id":"t","issuedAt":"a","expiresAt":"b"}]}', 'tokens[0].name is not a string'],
		['{"tokens":[{"id":"t","name":null,"issuedAt":"a","expiresAt":"b"}]}', 'tokens[0].name is not a string'],
		['{"tokens":[{"id":"t","name":"n","expiresAt":"b"}]}', 'tokens[0].issuedAt is not a string'],
		['{"tokens":[{"id":"t","name":"n","issuedAt":"a","expiresAt":null}]}', 'tokens[0].expiresAt is not a string'],
		['{"tokens":[{"id":"t","name":"n","issuedAt":"a","expiresAt":"b","revokedAt":5}]}', 'tokens[0].revokedAt is not a string or null'],
	])('answers malformed for the shape %s', async (body, problem) => {
		const token = newToken();
		server.setToken(token, {status: 200, body});
		expect(await api().listTokens(server.baseUrl, token)).toEqual({
			outcome: 'malformed',
			httpStatus: 200,
			detail: `Unexpected answer from /api/v3/workersListTokens: ${problem}.`,
		});
	});
});

describe('rate limits', () => {
	it('retries once after Retry-After in seconds and returns the second answer', async () => {
		const token = newToken();
		server.setToken(token, {tokens: FACTS});
		server.queue(token, {status: 429, retryAfter: '0'});
		const before = server.requests.length;
		const result = await api().listTokens(server.baseUrl, token);
		expect(result).toMatchObject({outcome: 'valid', tokens: FACTS});
		expect(requestsSince(before)).toHaveLength(2);
	});

	it('waits for Retry-After given as an HTTP date before retrying', async () => {
		const token = newToken();
		server.setToken(token, {tokens: FACTS});
		server.queue(token, {status: 429, retryAfter: 'Tue, 10 Mar 2026 12:00:00 GMT'});
		const clock = fixedClock('2026-03-10T11:59:59.800Z');
		const before = server.requests.length;
		const started = performance.now();
		const result = await api({clock}).listTokens(server.baseUrl, token);
		expect(result.outcome).toBe('valid');
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
		expect(requestsSince(before)).toHaveLength(2);
	});

	it('returns rate-limited without waiting when Retry-After is past the cap', async () => {
		const token = newToken();
		server.setToken(token, {status: 429, retryAfter: '120'});
		const before = server.requests.length;
		const started = performance.now();
		expect(await api().listTokens(server.baseUrl, token)).toEqual({
			outcome: 'rate-limited',
			httpStatus: 429,
			retryAfterSeconds: 120,
			detail: '429 rate_limited: You have been rate limited. Please try again in a few minutes. (retry after 120 s)',
		});
		expect(performance.now() - started).toBeLessThan(250);
		expect(requestsSince(before)).toHaveLength(1);

		server.setToken(token, {status: 429, retryAfter: 'Tue, 10 Mar 2026 12:01:30 GMT'});
		const result = await api({clock: fixedClock('2026-03-10T12:00:00Z')}).listTokens(server.baseUrl, token);
		expect(result).toMatchObject({outcome: 'rate-limited', retryAfterSeconds: 90});
	});

	it('gives up after one retry', async () => {
		const token = newToken();
		server.setToken(token, {status: 429, retryAfter: '0'});
		const before = server.requests.length;
		expect(await api().listTokens(server.baseUrl, token)).toMatchObject({outcome: 'rate-limited', retryAfterSeconds: 0});
		expect(requestsSince(before)).toHaveLength(2);
	});

	it('retries once after a short wait when Retry-After is missing', async () => {
		const token = newToken();
		server.setToken(token, {tokens: FACTS});
		server.queue(token, {status: 429}, {status: 429});
		const before = server.requests.length;
		const result = await api({maxRetryWaitMs: 50}).listTokens(server.baseUrl, token);
		expect(result).toEqual({outcome: 'rate-limited', httpStatus: 429, detail: expect.stringMatching(/^429 rate_limited: /)});
		expect(requestsSince(before)).toHaveLength(2);
	});

	it('reads Retry-After as seconds or an HTTP date', () => {
		const now = new Date('2026-03-10T12:00:00Z');
		expect(retryAfterMs('7', now)).toBe(7000);
		expect(retryAfterMs('Tue, 10 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
		expect(retryAfterMs('Tue, 10 Mar 2026 11:00:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeNull();
		expect(retryAfterMs('-3', now)).toBeNull();
		expect(retryAfterMs(undefined, now)).toBeNull();
	});
});

describe('time limit and network failures', () => {
	it('answers timeout well before a slow answer arrives', async () => {
		const token = newToken();
		server.setToken(token, {tokens: FACTS, delayMs: 2000});
		const started = performance.now();
		const result = await api({timeoutMs: 200}).listTokens(server.baseUrl, token);
		const elapsed = performance.now() - started;
		expect(result).toEqual({outcome: 'timeout', detail: `No answer from ${new URL(server.baseUrl).host} within 200 ms.`});
		expect(elapsed).toBeGreaterThanOrEqual(190);
		expect(elapsed).toBeLessThan(800);
	});

	it('counts the answer body in the time limit and closes the socket', async () => {
		let socketClosed!: Promise<void>;
		const stalling = http.createServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': '100'});
			response.write('{"tokens":');
		});
		stalling.on('connection', (socket: Socket) => {
			socketClosed = new Promise(resolve => socket.on('close', () => resolve()));
		});
		await new Promise<void>(resolve => stalling.listen(0, '127.0.0.1', resolve));
		try {
			const {port} = stalling.address() as AddressInfo;
			const token = newToken();
			const started = performance.now();
			const result = await api({timeoutMs: 200}).listTokens(`http://127.0.0.1:${port}`, token);
			expect(result.outcome).toBe('timeout');
			expect(performance.now() - started).toBeLessThan(800);
			await socketClosed;
		} finally {
			stalling.closeAllConnections();
			await new Promise(resolve => stalling.close(resolve));
		}
	});

	it('answers offline when nothing listens on the port', async () => {
		const closed = http.createServer();
		await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
		const {port} = closed.address() as AddressInfo;
		await new Promise(resolve => closed.close(resolve));
		const token = newToken();
		const result = await api().listTokens(`http://127.0.0.1:${port}`, token);
		expect(result).toEqual({outcome: 'offline', detail: `Cannot reach 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`});
		expect((await api().usersMe(`http://127.0.0.1:${port}`, token)).outcome).toBe('offline');
	});

	it('answers invalid, without sending, for a token that cannot go in a header', async () => {
		const before = server.requests.length;
		const result = await createNotionApi({userAgent: USER_AGENT}).listTokens(server.baseUrl, new Secret('ntn_abc\ndef-ghijklmnop'));
		expect(result).toEqual({outcome: 'invalid', detail: 'The token contains characters that cannot be sent in an HTTP header.'});
		expect(requestsSince(before)).toHaveLength(0);
	});
});

describe('revokeToken', () => {
	it('revokes, after which the list shows revokedAt and the revoked token no longer works', async () => {
		const token = newToken('tok-self');
		const facts: TokenFact[] = [
			{id: 'tok-self', name: 'this one', issuedAt: '2025-06-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z', revokedAt: null},
			{id: 'tok-other', name: 'other', issuedAt: '2025-06-01T00:00:00Z', expiresAt: '2026-06-01T00:00:00Z', revokedAt: null},
		];
		server.setToken(token, {tokens: facts});
		expect(await api().revokeToken(server.baseUrl, token, 'tok-other')).toEqual({outcome: 'valid', httpStatus: 200});
		const listed = await api().listTokens(server.baseUrl, token);
		expect(listed).toMatchObject({
			outcome: 'valid',
			tokens: [
				{id: 'tok-self', revokedAt: null},
				{id: 'tok-other', revokedAt: REVOKE_TIME},
			],
		});

		expect(await api().revokeToken(server.baseUrl, token, 'tok-self')).toMatchObject({outcome: 'valid'});
		expect(await api().listTokens(server.baseUrl, token)).toMatchObject({outcome: 'invalid', httpStatus: 401});
	});

	it('reports Notion’s errors and non-JSON answers', async () => {
		const token = newToken();
		server.setToken(token, {tokens: FACTS});
		expect(await api().revokeToken(server.baseUrl, token, 'tok-missing')).toEqual({
			outcome: 'server-error',
			httpStatus: 404,
			detail: '404 object_not_found: Token not found.',
		});
		server.setToken(token, {status: 200, body: 'OK'});
		expect(await api().revokeToken(server.baseUrl, token, 'tok-b')).toMatchObject({outcome: 'malformed', httpStatus: 200});
	});
});

describe('usersMe', () => {
	it('names the person behind a user-owned bot, with the workspace', async () => {
		const token = newToken();
		server.setToken(token, {});
		server.setUser(token, {kind: 'person', name: 'Ada Lovelace', workspaceName: 'Analytical', workspaceId: SPACE});
		expect(await api().usersMe(server.baseUrl, token)).toEqual({
			outcome: 'valid',
			httpStatus: 200,
			identity: {kind: 'person', name: 'Ada Lovelace', workspaceName: 'Analytical'},
			workspaceId: SPACE,
		});
	});

	it('names the bot of a workspace-owned connection', async () => {
		const token = newToken();
		server.setToken(token, {});
		server.setUser(token, {kind: 'bot', name: 'Build bot', workspaceName: null, workspaceId: null});
		expect(await api().usersMe(server.baseUrl, token)).toEqual({
			outcome: 'valid',
			httpStatus: 200,
			identity: {kind: 'bot', name: 'Build bot', workspaceName: null},
			workspaceId: null,
		});
	});

	it('treats every field under bot as optional', async () => {
		const token = newToken();
		server.setToken(token, {status: 200, body: '{"object":"user","id":"u1","type":"bot","bot":{}}'});
		expect(await api().usersMe(server.baseUrl, token)).toEqual({
			outcome: 'valid',
			httpStatus: 200,
			identity: {kind: 'bot', name: null, workspaceName: null},
			workspaceId: null,
		});
	});

	it('answers invalid, forbidden and malformed like the token API', async () => {
		const token = newToken();
		expect(await api().usersMe(server.baseUrl, token)).toMatchObject({outcome: 'invalid', httpStatus: 401});
		server.setToken(token, {status: 403});
		expect(await api().usersMe(server.baseUrl, token)).toMatchObject({outcome: 'forbidden', httpStatus: 403});
		server.setToken(token, {status: 200, body: '{"object":"list","results":[]}'});
		expect(await api().usersMe(server.baseUrl, token)).toEqual({
			outcome: 'malformed',
			httpStatus: 200,
			detail: 'Unexpected answer from /v1/users/me: expected a user object.',
		});
	});
});

describe('secrecy', () => {
	it('masks a token the server echoes back in an error', async () => {
		const token = newToken();
		const body = JSON.stringify({object: 'error', status: 500, code: 'internal_server_error', message: `bad token ${token}`});
		server.setToken(token, {status: 500, body});
		const result = await api().listTokens(server.baseUrl, token);
		expect(result).toMatchObject({outcome: 'server-error', detail: `500 internal_server_error: bad token ${token.slice(0, 4)}…${token.slice(-4)}`});
	});

	it('never puts a token, or any 12-character piece of one, in an outcome', () => {
		expect(outcomes.length).toBeGreaterThan(30);
		const texts = outcomes.map(outcome => JSON.stringify(outcome));
		const leaks: string[] = [];
		for (const token of tokensUsed) {
			for (let start = 0; start + 12 <= token.length; start++) {
				const piece = token.slice(start, start + 12);
				leaks.push(...texts.filter(text => text.includes(piece)).map(text => `${piece} in ${text}`));
			}
		}
		expect(leaks).toEqual([]);
	});
});
