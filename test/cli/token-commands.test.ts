import {PassThrough} from 'node:stream';
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest';
import {run} from '../../source/cli/run.js';
import {createStyle} from '../../source/cli/style.js';
import {fixedClock} from '../../source/core/shared/clock.js';
import {maskToken} from '../../source/core/shared/secret.js';
import type {CoreOptions} from '../../source/core/services.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {runCli, type CliResult} from '../helpers/run-cli.js';
import {closedPortUrl, expectNoLeak, fact, serve, tokenWorld, type TokenWorld} from '../helpers/token-fixtures.js';

const NOW = '2026-03-11T12:00:00.000Z';
const LATER = '2026-03-11T15:00:00.000Z';
const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';
const BETA = 'bbbbbbbb-0000-4000-8000-000000000002';
const GAMMA = 'cccccccc-0000-4000-8000-000000000003';
const DELTA = 'dddddddd-0000-4000-8000-000000000004';

let server: MockNotion;
const outputs: string[] = [];
const minted: string[] = [];

beforeEach(async () => {
	server = await startMockNotion({now: () => new Date(LATER)});
});

afterEach(async () => {
	await server.close();
});

afterAll(() => {
	// Nothing the user saw, in any command, held a token or a 12-character piece of one.
	expect(outputs.length).toBeGreaterThan(40);
	expectNoLeak(outputs.join('\n'), minted);
});

const remember = (result: CliResult) => {
	outputs.push(result.stdout, result.stderr);
	return result;
};

async function cli(argv: string[], env: Record<string, string>, at = NOW, core: CoreOptions = {}): Promise<CliResult> {
	return remember(await runCli(argv, env, {core: {clock: fixedClock(at), httpTimeoutMs: 1000, maxRetryWaitMs: 50, ...core}}));
}

/** Runs with a terminal on stdin that answers `answer` to the prompt. */
async function cliOnTerminal(argv: string[], env: Record<string, string>, answer: string): Promise<CliResult> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const stdin = Object.assign(new PassThrough(), {isTTY: true});
	const text = (stream: PassThrough) => {
		const chunks: Buffer[] = [];
		stream.on('data', chunk => chunks.push(chunk as Buffer));
		return () => Buffer.concat(chunks).toString('utf8');
	};
	const [out, err] = [text(stdout), text(stderr)];
	stdin.write(answer);
	const code = await run(
		argv,
		{stdout, stderr, stdin, env, style: createStyle(false)},
		{version: '0.0.0-test', core: {env, clock: fixedClock(LATER), httpTimeoutMs: 300}},
	);
	return remember({code, stdout: out(), stderr: err()});
}

const lines = (text: string) => text.split('\n');
const ports = (text: string) => text.replaceAll(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');

/** Acme (default), Beta and Gamma with tokens, Delta without; each token's list as Notion answers it. */
async function threeWorkspaces(): Promise<TokenWorld & {mask: Record<string, string>}> {
	const w = await tokenWorld(
		[
			{id: ACME, name: 'Acme'},
			{id: BETA, name: 'Beta'},
			{id: GAMMA, name: 'Gamma'},
			{id: DELTA, name: 'Delta', tokenId: null},
		],
		{baseUrl: server.baseUrl},
	);
	minted.push(...w.all);
	serve(server, w.tokens.Acme!, [
		fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z'),
		fact('tok-ci', 'ci', '2025-03-14T00:00:00Z', '2026-03-14T00:00:00Z'),
	]);
	serve(server, w.tokens.Beta!, [fact('tok-beta', 'desktop', '2025-03-25T00:00:00Z', '2026-03-25T00:00:00Z')]);
	// An expiry Notion gave as something unreadable: computed from the creation date.
	serve(server, w.tokens.Gamma!, [fact('tok-gamma', 'old', '2025-03-01T00:00:00Z', 'n/a')]);
	const mask = Object.fromEntries(Object.entries(w.tokens).map(([name, token]) => [name, maskToken(token)]));
	return {...w, mask};
}

describe('notion-tokens tokens / check', () => {
	it('lists tokens offline, checks them with Notion, then shows real dates and how old they are', async () => {
		const w = await threeWorkspaces();
		const {Acme: a, Beta: b, Gamma: g} = w.mask;
		const before = await cli(['tokens'], w.env);
		expect(before.code).toBe(0);
		expect(server.requests).toHaveLength(0);
		expect(lines(before.stdout)).toEqual([
			'WORKSPACE  TOKEN      TOKEN ID   EXPIRES  CHECK',
			`Acme       ${a}  tok-acme   unknown  never checked`,
			`Beta       ${b}  tok-beta   unknown  never checked`,
			`Gamma      ${g}  tok-gamma  unknown  never checked`,
			'',
			'No dates from Notion yet: run `notion-tokens check` to fetch them.',
			'',
		]);

		const check = await cli(['check'], w.env);
		expect(check).toEqual({
			code: 0,
			stdout: [
				`Acme   prod  ${a}  ✓ valid`,
				`Beta   prod  ${b}  ✓ valid · expires 2026-03-25 (in 14 days)`,
				`Gamma  prod  ${g}  ✓ valid · expired 2026-03-01* (10 days ago)`,
				'',
				'3 valid.',
				'',
			].join('\n'),
			stderr: '',
		});

		const after = await cli(['tokens'], w.env, LATER);
		expect(lines(after.stdout)).toEqual([
			'WORKSPACE  TOKEN      TOKEN ID   EXPIRES                    CHECK',
			`Acme       ${a}  tok-acme   2026-06-01 (in 82 days)    ✓ valid · 3 h ago`,
			'  ↳ ci                tok-ci     2026-03-14 (in 3 days)',
			`Beta       ${b}  tok-beta   2026-03-25 (in 14 days)    ✓ valid · 3 h ago`,
			`Gamma      ${g}  tok-gamma  2026-03-01* (10 days ago)  ✓ valid · 3 h ago`,
			'',
			"* computed: issued + 1 year (Notion's lifetime for personal access tokens)",
			'Dates as Notion listed them 3 h ago (oldest); `notion-tokens check` asks again.',
			'',
		]);
	});

	it('shows each check outcome distinctly, and exits 1 when a token is refused', async () => {
		const names = ['Ok', 'Refused', 'Walled', 'Limited', 'Broken', 'Slow', 'Garbled'];
		const w = await tokenWorld(
			names.map((name, index) => ({id: `e000000${index}-0000-4000-8000-000000000000`, name})),
			{baseUrl: server.baseUrl},
		);
		minted.push(...w.all);
		for (const name of names) serve(server, w.tokens[name]!, [fact(`tok-${name.toLowerCase()}`, name, '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		expect((await cli(['check'], w.env)).code).toBe(0);
		server.setToken(w.tokens.Refused!, {status: 401});
		server.setToken(w.tokens.Walled!, {status: 403});
		server.setToken(w.tokens.Limited!, {status: 429, retryAfter: '120'});
		server.setToken(w.tokens.Broken!, {status: 500});
		server.setToken(w.tokens.Slow!, {delayMs: 5000});
		server.setToken(w.tokens.Garbled!, {body: 'not json'});
		const result = await cli(['check'], w.env, LATER);
		const m = (name: string) => maskToken(w.tokens[name]!);
		expect(result.code).toBe(1);
		expect(lines(ports(result.stdout))).toEqual([
			`Broken   prod  ${m('Broken')}  ! server error (500)`,
			'    500 internal_server_error: Unexpected error occurred.',
			'    Notion had a problem answering; try again later.',
			'    Notion could not answer (500) just now; last checked 3 h ago: ✓ valid.',
			`Garbled  prod  ${m('Garbled')}  ? unexpected answer (200)`,
			'    The answer from /api/v3/workersListTokens is not JSON.',
			'    Notion had a problem answering; try again later.',
			'    Notion could not answer (200) just now; last checked 3 h ago: ✓ valid.',
			`Limited  prod  ${m('Limited')}  ⧗ rate-limited (429, retry after 120 s)`,
			'    429 rate_limited: You have been rate limited. Please try again in a few',
			'    minutes. (retry after 120 s)',
			'    Notion asked to wait before asking again; try later.',
			'    Notion asked to wait (429) just now; last checked 3 h ago: ✓ valid.',
			`Ok       prod  ${m('Ok')}  ✓ valid`,
			`Refused  prod  ${m('Refused')}  ✗ invalid or revoked (401)`,
			'    401 unauthorized: API token is invalid.',
			'    Notion does not accept it: run `ntn login` and pick Refused to sign in',
			'    again.',
			`Slow     prod  ${m('Slow')}  ~ timed out`,
			'    No answer from 127.0.0.1:PORT within 1 s.',
			'    Notion did not answer in time just now; last checked 3 h ago: ✓ valid.',
			`Walled   prod  ${m('Walled')}  ⊘ no access (403)`,
			'    403 restricted_resource: Insufficient permissions for this endpoint.',
			'    The token is known to Notion but has no access to this API; it is not',
			'    expired.',
			'',
			'1 valid, 1 invalid or revoked, 1 no access, 1 rate-limited, 1 server error, 1 unexpected answer, 1 timed out.',
			'',
		]);
		// The dates fetched before are still shown, and none is called expired; an attempt without a
		// definite answer is kept beside the last one.
		const json = JSON.parse((await cli(['tokens', '--json'], w.env, LATER)).stdout) as Array<{
			workspaceName: string;
			expiry: string;
			check: {outcome: string};
			lastAttempt: {outcome: string} | null;
		}>;
		expect(json.map(row => [row.workspaceName, row.expiry, row.check.outcome, row.lastAttempt?.outcome ?? null])).toEqual([
			['Broken', 'ok', 'valid', 'server-error'],
			['Garbled', 'ok', 'valid', 'malformed'],
			['Limited', 'ok', 'valid', 'rate-limited'],
			['Ok', 'ok', 'valid', null],
			['Refused', 'ok', 'invalid', null],
			['Slow', 'ok', 'valid', 'timeout'],
			['Walled', 'ok', 'forbidden', null],
		]);
	});

	it('checks one workspace by name, and NOTION_API_TOKEN with whom it acts as', async () => {
		const w = await threeWorkspaces();
		const pat = 'ntn_' + 'Pq7Xz2Lm9vZr4Tk1Yw8Hs3Bn6';
		const connection = 'secret_' + 'Kk6Zb81Wq0Pn5Dd3Rf7Gh2Jx';
		minted.push(pat, connection);
		server.setToken(pat, {});
		server.setUser(pat, {kind: 'person', name: 'Ada Lovelace', workspaceName: 'Acme Labs'});
		server.setToken(connection, {});
		server.setUser(connection, {kind: 'bot', name: 'Sync bot', workspaceName: 'Beta Inc'});

		const one = await cli(['check', 'beta'], w.env);
		expect(one.stdout).toBe(`Beta  prod  ${w.mask.Beta}  ✓ valid · expires 2026-03-25 (in 14 days)\n\n1 valid.\n`);
		expect(server.requests.map(request => request.headers.authorization)).toEqual([`Bearer ${w.tokens.Beta}`]);

		const person = await cli(['check', 'NOTION_API_TOKEN'], {...w.env, NOTION_API_TOKEN: pat});
		expect(person).toEqual({
			code: 0,
			stdout: `NOTION_API_TOKEN  env  ${maskToken(pat)}  ✓ valid\n    acts as Ada Lovelace (a person: personal access token) in Acme Labs.\n\n1 valid.\n`,
			stderr: '',
		});
		const bot = await cli(['check', 'NOTION_API_TOKEN'], {...w.env, NOTION_API_TOKEN: connection});
		expect(lines(bot.stdout)[1]).toBe('    acts as the internal connection "Sync bot" in Beta Inc.');
		const listed = await cli(['tokens'], {...w.env, NOTION_API_TOKEN: connection}, LATER);
		expect(lines(listed.stdout)).toEqual([
			// 82 columns in all: the first column gives up two, within 80.
			'WORKSPACE       TOKEN      TOKEN ID   EXPIRES                  CHECK',
			`Acme            ${w.mask.Acme}  tok-acme   unknown                  never checked`,
			`Beta            ${w.mask.Beta}  tok-beta   2026-03-25 (in 14 days)  ✓ valid · 3 h ago`,
			`Gamma           ${w.mask.Gamma}  tok-gamma  unknown                  never checked`,
			// An internal connection's token does not expire, as `expiring` counts it.
			`NOTION_API_TO…  ${maskToken(connection)}  ?          none                     ✓ valid · 3 h ago`,
			'',
			'NOTION_API_TOKEN acts as the internal connection "Sync bot" in Beta Inc.',
			// Notes are wrapped within the 80 columns too.
			'Dates as Notion listed them 3 h ago (oldest); none yet for Acme, Gamma:',
			'`notion-tokens check` fetches them.',
			'',
		]);

		const unknown = await cli(['check', 'Nobody'], w.env);
		expect(unknown).toEqual({
			code: 3,
			stdout: '',
			stderr:
				"error: No cached workspace in prod matches 'Nobody'; known: Acme, Beta, Delta, Gamma\n  hint: Run `notion-tokens workspaces` to list them, or `ntn login` to add one.\n",
		});
	});

	it('prints stable JSON for tokens and check', async () => {
		const w = await threeWorkspaces();
		const check = await cli(['check', 'Acme', '--json'], w.env);
		expect(check.code).toBe(0);
		const acme = {
			source: 'stored',
			environment: 'prod',
			workspaceId: ACME,
			workspaceName: 'Acme',
			maskedToken: w.mask.Acme,
			storage: 'file',
			tokenId: 'tok-acme',
			tokenName: 'laptop',
			issuedAt: '2025-06-01T00:00:00Z',
			expiresAt: '2026-06-01T00:00:00Z',
			expiryComputed: false,
			expiry: 'ok',
			daysLeft: 82,
			check: {outcome: 'valid', checkedAt: NOW, httpStatus: 200, retryAfterSeconds: null, detail: null, identity: null},
			lastAttempt: null,
			factsFetchedAt: NOW,
			otherTokens: [{id: 'tok-ci', name: 'ci', issuedAt: '2025-03-14T00:00:00Z', expiresAt: '2026-03-14T00:00:00Z', revokedAt: null}],
			label: null,
			kind: null,
			identity: null,
			expirySource: null,
			note: null,
			lastUsedAt: null,
			unused: false,
			unreadable: null,
		};
		expect(JSON.parse(check.stdout)).toEqual({
			tokens: [acme],
			counts: {valid: 1, invalid: 0, forbidden: 0, 'rate-limited': 0, 'server-error': 0, malformed: 0, offline: 0, timeout: 0, unchecked: 0},
		});
		const tokens = JSON.parse((await cli(['tokens', '--json'], w.env)).stdout) as unknown[];
		expect(tokens[0]).toEqual(acme);
		// The three stored tokens, and Acme's other token as Notion listed it.
		expect(tokens).toHaveLength(4);
		expect(tokens[1]).toMatchObject({source: 'listed', workspaceName: 'Acme', maskedToken: null, storage: 'notion', tokenId: 'tok-ci', tokenName: 'ci'});
	});
});

it('says when there is nothing to list or check', async () => {
	const w = await tokenWorld([{id: DELTA, name: 'Delta', tokenId: null}], {baseUrl: server.baseUrl});
	const message = 'No stored tokens in prod, and NOTION_API_TOKEN is not set. Run `ntn login` to sign in.\n';
	expect(await cli(['tokens'], w.env)).toEqual({code: 0, stdout: message, stderr: ''});
	expect(await cli(['check'], w.env)).toEqual({
		code: 0,
		stdout: 'No stored tokens to check, and NOTION_API_TOKEN is not set. Run `ntn login` to sign in.\n',
		stderr: '',
	});
	expect((await cli(['expiring'], w.env)).code).toBe(0);
	expect(server.requests).toHaveLength(0);
});

describe('notion-tokens expiring', () => {
	it('exits 0 when nothing expires within the window, 1 when something does', async () => {
		const w = await threeWorkspaces();
		// Nothing known yet: Notion is asked first.
		expect((await cli(['expiring'], w.env)).code).toBe(1);
		expect(server.requests).toHaveLength(3);
		const month = await cli(['expiring'], w.env, LATER);
		expect(server.requests).toHaveLength(3);
		expect(month.code).toBe(1);
		expect(lines(month.stdout)).toEqual([
			'Tokens that need attention within 30 days (facts checked 3 h ago)',
			'',
			'Expired or revoked (1)',
			`  Gamma  prod  ${w.mask.Gamma}  tok-gamma  2026-03-01* (10 days ago)`,
			'',
			'Within 7 days (1)',
			'  Acme · ci  prod  listed  tok-ci  2026-03-14 (in 3 days)',
			'',
			'Within 30 days (1)',
			`  Beta  prod  ${w.mask.Beta}  tok-beta  2026-03-25 (in 14 days)`,
			'',
			"* computed: issued + 1 year (Notion's lifetime for personal access tokens)",
			'Stored (ntn login): sign in again with `ntn login` before the token expires.',
			'Listed by Notion: create a replacement (`ntn tokens create`) where it is used, then revoke the old one with `notion-tokens revoke <token-id>`.',
			'',
		]);
		const week = await cli(['expiring', '--within', '1w'], w.env, LATER);
		expect(week.code).toBe(1);
		expect(week.stdout).not.toContain('Beta');
		expect(week.stdout).toContain('Acme · ci');

		// Once Gamma has a new token whose dates are fine, and Acme's list no longer shows ci, a 10-day window finds nothing.
		serve(server, w.tokens.Gamma!, [fact('tok-gamma', 'old', '2026-03-01T00:00:00Z', '2027-03-01T00:00:00Z')]);
		serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		await cli(['check', 'Gamma'], w.env, LATER);
		await cli(['check', 'Acme'], w.env, LATER);
		expect(await cli(['expiring', '--within', '10d'], w.env, LATER)).toEqual({
			code: 0,
			stdout: '✓ Nothing rejected, expired or expiring within 10 days (facts checked 3 h ago).\n',
			stderr: '',
		});
	});

	it('prints stable JSON and refuses a bad window', async () => {
		const w = await threeWorkspaces();
		await cli(['check'], w.env);
		const json = await cli(['expiring', '--json', '--within', '2w'], w.env, LATER);
		expect(json.code).toBe(1);
		const parsed = JSON.parse(json.stdout) as {
			withinDays: number;
			oldestFactsAt: string;
			tokens: Array<{workspaceName: string; expiry: string; daysLeft: number; expiryComputed: boolean}>;
		};
		expect(Object.keys(parsed)).toEqual(['withinDays', 'oldestFactsAt', 'askedAt', 'tokens', 'unknown']);
		expect(parsed.withinDays).toBe(14);
		expect(parsed.oldestFactsAt).toBe(NOW);
		expect(parsed.tokens.map(row => [row.workspaceName, row.expiry, row.daysLeft, row.expiryComputed])).toEqual([
			['Gamma', 'expired', -10, true],
			['Acme', 'within-7-days', 3, false],
			['Beta', 'within-window', 14, false],
		]);
		const bad = await cli(['expiring', '--within', 'soon'], w.env);
		expect(bad).toEqual({
			code: 2,
			stdout: '',
			stderr: 'error: Invalid expiry window "soon": use days (30 or 30d) or weeks (2w), from 0 to 3650 days.\n  hint: Give a window like 30, 30d or 2w.\n',
		});
	});
});

describe('notion-tokens revoke', () => {
	it('needs --yes off a terminal, asks y/N on one, and revokes end to end', async () => {
		const w = await threeWorkspaces();
		await cli(['check'], w.env);
		expect(await cli(['revoke', 'tok-ci'], w.env)).toEqual({
			code: 2,
			stdout: '',
			stderr: 'error: Cannot confirm revoking token tok-ci in a non-interactive environment.\n  hint: Use --yes to skip the confirmation prompt.\n',
		});
		const declined = await cliOnTerminal(['revoke', 'tok-ci'], w.env, 'n\n');
		expect(declined).toEqual({
			code: 1,
			stdout: '',
			stderr: 'Revoke token tok-ci ("ci") of Acme at Notion? This cannot be undone. [y/N] Nothing revoked.\n',
		});
		expect(server.revoked.size).toBe(0);

		const accepted = await cliOnTerminal(['revoke', 'tok-ci'], w.env, 'y\n');
		expect(accepted).toMatchObject({code: 0, stdout: '✓ Revoked token tok-ci at Notion.\n'});
		expect(server.revoked.get('tok-ci')).toBe(LATER);
		const sent = server.requests.at(-1)!;
		expect(sent).toMatchObject({method: 'POST', path: '/api/v3/workersRevokeToken', body: '{"tokenId":"tok-ci"}'});
		expect(sent.headers.authorization).toBe(`Bearer ${w.tokens.Acme}`);

		const listed = await cli(['tokens'], w.env, LATER);
		expect(lines(listed.stdout)[2]).toBe('  ↳ ci                tok-ci     revoked');
	});

	it('says that ntn needs `ntn login` again when the stored token is revoked', async () => {
		const w = await threeWorkspaces();
		const result = await cli(['revoke', 'tok-beta', '--yes'], w.env, LATER);
		expect(result).toEqual({
			code: 0,
			stdout: '✓ Revoked token tok-beta at Notion.\nIt was the token ntn uses for Beta (prod): ntn needs `ntn login` again — pick Beta to sign in.\n',
			stderr: '',
		});
		const json = await cli(['revoke', 'tok-acme', '--yes', '--json'], w.env, LATER);
		expect(JSON.parse(json.stdout)).toEqual({
			tokenId: 'tok-acme',
			revoked: true,
			storedFor: {environment: 'prod', workspaceId: ACME, workspaceName: 'Acme'},
			needsLogin: true,
		});
		const check = await cli(['check', 'Beta'], w.env, LATER);
		expect(check.code).toBe(1);
		expect(lines(check.stdout)[0]).toBe(`Beta  prod  ${w.mask.Beta}  ✗ invalid or revoked (401) · revoked`);
		const expiring = await cli(['expiring'], w.env, LATER);
		expect(expiring.code).toBe(1);
		expect(expiring.stdout).toMatch(new RegExp(`\\n  Acme +prod  ${w.mask.Acme!.replace('…', '.')}  tok-acme +revoked\\n`));
	});

	it('refuses a token given instead of an id, without echoing it, and reports failures', async () => {
		const w = await threeWorkspaces();
		expect(await cli(['revoke', w.tokens.Acme!, '--yes'], w.env)).toEqual({
			code: 2,
			stdout: '',
			stderr:
				'error: That looks like a token, not a token id; it was not sent anywhere\n  hint: Give the token id shown by `notion-tokens tokens` (never the token itself).\n',
		});
		expect(server.requests).toHaveLength(0);
		const missing = await cli(['revoke', 'tok-nope', '--yes'], w.env);
		expect(missing).toEqual({
			code: 3,
			stdout: '',
			stderr:
				'error: Notion did not revoke token tok-nope: 404 object_not_found: Token not found.\n  hint: Check the id with `notion-tokens check` and `notion-tokens tokens`.\n',
		});
	});
});

describe('with the network unplugged', () => {
	it('everything still opens and says how old its facts are', async () => {
		const w = await threeWorkspaces();
		await cli(['check'], w.env);
		const closed = await closedPortUrl();
		const pat = 'ntn_' + 'Uu3Vv4Ww5Xx6Yy7Zz8Aa9Bb0';
		minted.push(pat);
		const unplugged = {...w.env, NOTION_API_BASE_URL: closed, NOTION_PUBLIC_API_BASE_URL: closed, NOTION_API_TOKEN: pat};

		const tokens = await cli(['tokens'], unplugged, LATER);
		expect(tokens.code).toBe(0);
		expect(lines(tokens.stdout)[1]).toBe(`Acme          ${w.mask.Acme}  tok-acme   2026-06-01 (in 82 days)    ✓ valid · 3 h ago`);
		expect(tokens.stdout).toContain('Dates as Notion listed them 3 h ago (oldest)');

		// NOTION_API_TOKEN was never checked: Notion is asked, cannot be reached, and its expiry stays unknown.
		const expiring = await cli(['expiring'], unplugged, LATER);
		expect(expiring.code).toBe(3);
		expect(lines(expiring.stdout)[0]).toBe('Tokens that need attention within 30 days (facts checked 3 h ago)');
		expect(expiring.stdout).toContain('Notion could not be reached, so the expiry of NOTION_API_TOKEN is not known.');
		const remembered = await cli(['expiring', '--offline'], unplugged, LATER);
		expect(remembered.code).toBe(1);
		expect(lines(remembered.stdout)[0]).toBe('Tokens that need attention within 30 days (from memory, facts checked 3 h ago)');

		const check = await cli(['check'], unplugged, LATER);
		expect(check.code).toBe(3);
		expect(lines(ports(check.stdout))).toEqual([
			`Acme              prod  ${w.mask.Acme}  ~ offline`,
			'    Cannot reach 127.0.0.1:PORT: connect ECONNREFUSED 127.0.0.1:PORT',
			'    Could not reach Notion just now; last checked 3 h ago: ✓ valid.',
			`Beta              prod  ${w.mask.Beta}  ~ offline · expires 2026-03-25 (in 14 days)`,
			'    Cannot reach 127.0.0.1:PORT: connect ECONNREFUSED 127.0.0.1:PORT',
			'    Could not reach Notion just now; last checked 3 h ago: ✓ valid.',
			`Gamma             prod  ${w.mask.Gamma}  ~ offline · expired 2026-03-01* (10 days ago)`,
			'    Cannot reach 127.0.0.1:PORT: connect ECONNREFUSED 127.0.0.1:PORT',
			'    Could not reach Notion just now; last checked 3 h ago: ✓ valid.',
			`NOTION_API_TOKEN  env   ${maskToken(pat)}  ~ offline`,
			'    Cannot reach 127.0.0.1:PORT: connect ECONNREFUSED 127.0.0.1:PORT',
			'    Could not reach Notion just now; no answer from Notion before.',
			'',
			'4 offline.',
			'Notion could not be reached; what earlier checks found is kept (`notion-tokens tokens` shows it).',
			'',
		]);
		// Still there afterwards, with the dates from the last answer.
		const again = await cli(['tokens', '--json'], unplugged, LATER);
		const rows = JSON.parse(again.stdout) as Array<{
			workspaceName: string | null;
			expiresAt: string | null;
			factsFetchedAt: string | null;
			check: {outcome: string};
			lastAttempt: {outcome: string} | null;
		}>;
		expect(rows.map(row => [row.workspaceName, row.expiresAt, row.factsFetchedAt, row.check.outcome, row.lastAttempt?.outcome])).toEqual([
			['Acme', '2026-06-01T00:00:00Z', NOW, 'valid', 'offline'],
			['Acme', '2026-03-14T00:00:00Z', NOW, 'unchecked', undefined],
			['Beta', '2026-03-25T00:00:00Z', NOW, 'valid', 'offline'],
			['Gamma', '2026-03-01T00:00:00.000Z', NOW, 'valid', 'offline'],
			[null, null, null, 'unchecked', 'offline'],
		]);
		for (const command of [['status'], ['workspaces']]) expect((await cli(command, unplugged, LATER)).code).toBe(0);
	});
});
