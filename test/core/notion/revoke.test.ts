import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fixedClock} from '../../../source/core/shared/clock.js';
import {NotionTokensError} from '../../../source/core/shared/errors.js';
import {createCore, type CoreOptions} from '../../../source/core/services.js';
import {startMockNotion, type MockNotion} from '../../helpers/mock-notion.js';
import {closedPortUrl, expectNoLeak, fact, readState, serve, tokenWorld, type TokenWorld} from '../../helpers/token-fixtures.js';

const NOW = '2026-03-11T12:00:00.000Z';
const LATER = '2026-03-11T12:30:00.000Z';
const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';
const BETA = 'bbbbbbbb-0000-4000-8000-000000000002';

let server: MockNotion;
const minted: string[] = [];
const seen: unknown[] = [];

beforeAll(async () => {
	server = await startMockNotion({now: () => new Date(LATER)});
});

afterAll(async () => {
	await server.close();
	expectNoLeak(JSON.stringify(seen), minted);
});

const coreFor = (world: TokenWorld, options: CoreOptions = {}) =>
	createCore({env: world.env, clock: fixedClock(NOW), httpTimeoutMs: 1000, maxRetryWaitMs: 100, ...options});

/**
 * Acme (the default) and Beta, each with its own token; Beta's list also shows a CI token. The mock
 * remembers revocations by token id, so each test uses its own server.
 */
async function twoWorkspaces() {
	await server.close();
	server = await startMockNotion({now: () => new Date(LATER)});
	const w = await tokenWorld(
		[
			{id: ACME, name: 'Acme', tokenId: 'tok-acme'},
			{id: BETA, name: 'Beta', tokenId: 'tok-beta'},
		],
		{baseUrl: server.baseUrl},
	);
	minted.push(...w.all);
	serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
	serve(server, w.tokens.Beta!, [
		fact('tok-beta', 'desktop', '2025-07-01T00:00:00Z', '2026-07-01T00:00:00Z'),
		fact('tok-ci', 'ci', '2025-08-01T00:00:00Z', '2026-08-01T00:00:00Z'),
	]);
	await coreFor(w).refresh();
	return w;
}

const caught = async (promise: Promise<unknown>): Promise<NotionTokensError> => {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(NotionTokensError);
		seen.push((error as Error).message, (error as NotionTokensError).fix);
		return error as NotionTokensError;
	}
	throw new Error('expected a rejection');
};

describe('revoke()', () => {
	it('revokes the stored token itself, says ntn needs a new login, and remembers it offline', async () => {
		const w = await twoWorkspaces();
		const before = server.requests.length;
		const result = await coreFor(w, {clock: fixedClock(LATER)}).revoke('tok-beta');
		seen.push(result);
		expect(result).toEqual({tokenId: 'tok-beta', storedFor: {environment: 'prod', workspaceId: BETA, workspaceName: 'Beta'}});
		const sent = server.requests.slice(before);
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({method: 'POST', path: '/api/v3/workersRevokeToken', body: '{"tokenId":"tok-beta"}'});
		expect(sent[0]!.headers.authorization).toBe(`Bearer ${w.tokens.Beta}`);
		expect(server.revoked.get('tok-beta')).toBe(LATER);

		const offline = {...w.env, NOTION_API_BASE_URL: await closedPortUrl()};
		const rows = await coreFor(w, {env: offline, clock: fixedClock(LATER)}).tokens();
		seen.push(rows);
		const beta = rows.find(row => row.workspaceName === 'Beta')!;
		expect(beta).toMatchObject({expiry: 'revoked', check: {outcome: 'invalid', checkedAt: LATER}});
		// Like ntn, ntn's files are left alone: the revoked token is still stored.
		expect(JSON.parse(await w.home.read('auth.json'))).toEqual({[ACME]: w.tokens.Acme, [BETA]: w.tokens.Beta});

		// Notion now refuses the token; the revocation and the old dates stay known.
		const [after] = await coreFor(w, {clock: fixedClock(LATER)}).refresh({query: 'Beta'});
		seen.push(after);
		expect(after).toMatchObject({expiry: 'revoked', expiresAt: '2026-07-01T00:00:00Z', check: {outcome: 'invalid', httpStatus: 401}});
		expectNoLeak(await readState(w), w.all);
	});

	it('uses the token of the workspace whose cached list shows the id', async () => {
		const w = await twoWorkspaces();
		const before = server.requests.length;
		const result = await coreFor(w).revoke('tok-ci');
		expect(result).toEqual({tokenId: 'tok-ci', storedFor: null});
		expect(server.requests.slice(before).map(request => request.headers.authorization)).toEqual([`Bearer ${w.tokens.Beta}`]);
		const rows = await coreFor(w).tokens();
		seen.push(rows);
		const beta = rows.find(row => row.workspaceName === 'Beta')!;
		expect(beta.check.outcome).toBe('valid');
		expect(beta.otherTokens).toEqual([fact('tok-ci', 'ci', '2025-08-01T00:00:00Z', '2026-08-01T00:00:00Z', NOW)]);
	});

	it("falls back to the default workspace's token, and reports Notion's refusal clearly", async () => {
		const w = await twoWorkspaces();
		const before = server.requests.length;
		const error = await caught(coreFor(w).revoke('tok-unknown'));
		expect(server.requests.slice(before).map(request => request.headers.authorization)).toEqual([`Bearer ${w.tokens.Acme}`]);
		expect(error.message).toBe('Notion did not revoke token tok-unknown: 404 object_not_found: Token not found.');
		expect(error.exitCode).toBe(3);
	});

	it('says when no stored token can revoke it', async () => {
		const w = await tokenWorld([{id: ACME, name: 'Acme', tokenId: null}], {baseUrl: server.baseUrl});
		const error = await caught(coreFor(w).revoke('tok-x'));
		expect(error.code).toBe('no-revoking-token');
		expect(error.message).toMatch(/^No stored token in prod can revoke token tok-x/);
	});

	it('refuses a whole token given as the id, without sending or echoing it', async () => {
		const w = await twoWorkspaces();
		const before = server.requests.length;
		const error = await caught(coreFor(w).revoke(w.tokens.Acme!));
		expect(error).toMatchObject({code: 'bad-token-id', exitCode: 2});
		expect(server.requests.length).toBe(before);
	});

	it('fails with a clear message when Notion cannot be reached, and records nothing', async () => {
		const w = await twoWorkspaces();
		const offline = {...w.env, NOTION_API_BASE_URL: await closedPortUrl()};
		const error = await caught(coreFor(w, {env: offline}).revoke('tok-acme'));
		expect(error.message).toMatch(/^Could not reach Notion to revoke token tok-acme: Cannot reach 127\.0\.0\.1:\d+/);
		const rows = await coreFor(w, {env: offline}).tokens();
		expect(rows[0]).toMatchObject({expiry: 'ok', check: {outcome: 'valid'}});
	});

	it('explains a refused revoking token (401) and one without access (403)', async () => {
		const w = await twoWorkspaces();
		server.queue(w.tokens.Acme!, {status: 401});
		expect((await caught(coreFor(w).revoke('tok-acme'))).message).toBe(
			'Notion refused the token of Acme (401: invalid or revoked), so it could not revoke token tok-acme',
		);
		server.queue(w.tokens.Acme!, {status: 403});
		expect((await caught(coreFor(w).revoke('tok-acme'))).message).toBe('The token of Acme may not revoke token tok-acme (403: no access)');
	});
});
