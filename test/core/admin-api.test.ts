import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {adminBaseUrl, createAdminApi, patQueryString} from '../../source/core/notion/admin-api.js';
import {Secret} from '../../source/core/shared/secret.js';

const servers: http.Server[] = [];
afterEach(async () => {
	await Promise.all(
		servers.splice(0).map(
			server =>
				new Promise(resolve => {
					server.closeAllConnections();
					server.close(resolve);
				}),
		),
	);
});

/** A server that answers every request with `answer(n)` (n counts from 1). */
async function serve(answer: (n: number, request: http.IncomingMessage) => {status: number; body: string; headers?: Record<string, string>}): Promise<string> {
	let count = 0;
	const server = http.createServer((request, response) => {
		const {status, body, headers} = answer(++count, request);
		response.writeHead(status, {'content-type': 'application/json', ...headers});
		response.end(body);
	});
	servers.push(server);
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
}

const secret = new Secret('ntn_org_0123456789abcdefghijklmnop');
const api = (options = {}) => createAdminApi({userAgent: 'test', timeoutMs: 2000, baseDelayMs: 1, ...options});
const SPACE = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('Admin API client', () => {
	it('derives its base URL from the public API base', () => {
		expect(adminBaseUrl({})).toBe('https://api.notion.com/admin');
		expect(adminBaseUrl({NOTION_PUBLIC_API_BASE_URL: 'http://127.0.0.1:9/'})).toBe('http://127.0.0.1:9/admin');
		expect(() => adminBaseUrl({NOTION_PUBLIC_API_BASE_URL: 'ftp://x'})).toThrow(/NOTION_PUBLIC_API_BASE_URL/);
	});

	it('encodes filters with brackets, always asking for 100 per page', () => {
		expect(patQueryString({})).toBe('page_size=100');
		expect(patQueryString({status: ['active', 'revoked'], creatorIds: ['a', 'b'], search: 'a&b=c', cursor: 'x/y'})).toBe(
			'page_size=100&status[]=active&status[]=revoked&creator_ids[]=a&creator_ids[]=b&search=a%26b%3Dc&cursor=x%2Fy',
		);
	});

	it('reads records whose optional fields are absent as null, and refuses records without required ones', async () => {
		const base = await serve(n =>
			n === 1
				? {status: 200, body: JSON.stringify({results: [{id: 'p1', creator: {id: 'c1'}, created_at: 5, status: 'expired'}], has_more: false})}
				: {status: 200, body: JSON.stringify({results: [{id: 'p1', creator: {id: 'c1'}, status: 'active'}], has_more: false})},
		);
		const page = await api().listPats(base, secret, SPACE, {});
		expect(page).toEqual({
			ok: true,
			hasMore: false,
			nextCursor: null,
			results: [
				{
					id: 'p1',
					name: null,
					status: 'expired',
					creator: {id: 'c1', name: null, email: null},
					createdAt: 5,
					expiresAt: null,
					lastUsedAt: null,
					revokedAt: null,
					revokedBy: null,
				},
			],
		});
		const bad = await api().listPats(base, secret, SPACE, {});
		expect(bad).toMatchObject({ok: false, kind: 'malformed', detail: 'Unexpected answer: results[0].created_at is not a number.'});
	});

	it('calls has_more without next_cursor malformed', async () => {
		const base = await serve(() => ({status: 200, body: JSON.stringify({results: [], has_more: true})}));
		expect(await api().listPats(base, secret, SPACE, {})).toMatchObject({ok: false, kind: 'malformed'});
	});

	it('reads both error shapes', async () => {
		const base = await serve(n =>
			n === 1
				? {status: 403, body: JSON.stringify({type: 'error', code: 'missing_scope', status: 403, message: 'Forbidden.'})}
				: {status: 404, body: JSON.stringify({object: 'error', code: 'object_not_found', status: 404, message: 'Nope.'})},
		);
		expect(await api().revokePat(base, secret, SPACE, 'p1')).toEqual({
			ok: false,
			kind: 'missing-scope',
			httpStatus: 403,
			code: 'missing_scope',
			detail: 'Forbidden.',
		});
		expect(await api().revokePat(base, secret, SPACE, 'p1')).toEqual({
			ok: false,
			kind: 'not-found',
			httpStatus: 404,
			code: 'object_not_found',
			detail: 'Nope.',
		});
	});

	it('retries a 5xx a bounded number of times, then reports it', async () => {
		let calls = 0;
		const base = await serve(() => {
			calls++;
			return {status: 502, body: 'bad gateway'};
		});
		expect(await api({maxRetries: 2}).listPats(base, secret, SPACE, {})).toMatchObject({ok: false, kind: 'server-error', httpStatus: 502, detail: 'HTTP 502'});
		expect(calls).toBe(3);
	});

	it('does not wait out a retry-after longer than allowed', async () => {
		let calls = 0;
		const base = await serve(() => {
			calls++;
			return {status: 429, body: JSON.stringify({type: 'error', code: 'rate_limited', status: 429, message: 'Rate limited.'}), headers: {'retry-after': '90'}};
		});
		expect(await api({maxRetryWaitMs: 1000}).listPats(base, secret, SPACE, {})).toMatchObject({ok: false, kind: 'rate-limited', retryAfterSeconds: 90});
		expect(calls).toBe(1);
	});

	it('caps the size of an answer', async () => {
		const base = await serve(() => ({status: 200, body: `{"results": [${'1,'.repeat(40_000)}1], "has_more": false}`}));
		expect(await api({maxBodyBytes: 10_000}).listPats(base, secret, SPACE, {})).toMatchObject({
			ok: false,
			kind: 'malformed',
			detail: expect.stringContaining('larger than'),
		});
	});

	it('stops at once when interrupted', async () => {
		const base = await serve(() => ({status: 429, body: '{}', headers: {'retry-after': '30'}}));
		const controller = new AbortController();
		const pending = api({maxRetryWaitMs: 60_000}).listPats(base, secret, SPACE, {}, controller.signal);
		setTimeout(() => controller.abort(), 50);
		expect(await pending).toMatchObject({ok: false, kind: 'interrupted'});
	});
});
