import {PassThrough} from 'node:stream';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest';
import {run} from '../../source/cli/run.js';
import {createStyle} from '../../source/cli/style.js';
import {ADMIN_TOKEN_FIX} from '../../source/core/index.js';
import {fixedClock} from '../../source/core/shared/clock.js';
import {makePats, startMockAdmin, READ, WRITE, type MockAdmin, type RawPat} from '../helpers/mock-admin.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli, type CliResult} from '../helpers/run-cli.js';
import {closedPortUrl, expectNoLeak} from '../helpers/token-fixtures.js';

const NOW = '2026-03-11T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;
const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER = 'bbbbbbbb-0000-4000-8000-000000000002';
const ALICE = {id: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice Admin', email: 'alice@acme.test'};
const BOB = {id: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob Builder', email: 'bob@acme.test'};

let admin: MockAdmin;
let home: NtnHome;
const outputs: string[] = [];
const tokens: string[] = [];

const samplePats = (): RawPat[] => [
	{
		id: '10000000-0000-4000-8000-000000000001',
		name: 'deploy bot',
		creator: ALICE,
		created_at: NOW_MS - 100 * DAY,
		status: 'active',
		expires_at: NOW_MS + 5 * DAY,
		last_used_at: NOW_MS - DAY,
	},
	{
		id: '10000000-0000-4000-8000-000000000002',
		name: '=HYPERLINK("x")',
		creator: BOB,
		created_at: NOW_MS - 200 * DAY,
		status: 'active',
		expires_at: NOW_MS + 90 * DAY,
	},
	{
		id: '10000000-0000-4000-8000-000000000003',
		creator: {id: BOB.id},
		created_at: NOW_MS - 300 * DAY,
		status: 'expired',
		expires_at: NOW_MS - 10 * DAY,
		last_used_at: NOW_MS - 120 * DAY,
	},
	{
		id: '10000000-0000-4000-8000-000000000004',
		name: 'old, "quoted"\nname',
		creator: ALICE,
		created_at: NOW_MS - 50 * DAY,
		status: 'revoked',
		expires_at: NOW_MS + 200 * DAY,
		revoked_at: NOW_MS - 2 * DAY,
		revoked_by: {type: 'user', id: BOB.id, name: BOB.name, email: BOB.email},
	},
	{
		id: '10000000-0000-4000-8000-000000000005',
		name: 'evil \u001B[31mred\u0007',
		creator: {id: BOB.id, name: 'Bob \u001B]0;title\u0007'},
		created_at: NOW_MS - DAY,
		status: 'active',
	},
];

beforeEach(async () => {
	admin = await startMockAdmin({now: () => NOW_MS});
	tokens.push(admin.token);
	admin.space(ACME, samplePats());
	home = await ntnHome({
		workspaces: workspacesFile({
			prod: [
				[ACME, 'Acme Corp'],
				[OTHER, 'Other Space'],
			],
		}),
		config: {version: '1', defaultWorkspaceIds: {}},
	});
});

afterEach(async () => {
	await admin.close();
});

afterAll(() => {
	expect(outputs.length).toBeGreaterThan(20);
	expectNoLeak(outputs.join('\n'), tokens);
});

const envOf = (extra: Record<string, string> = {}) => ({...home.env, NOTION_PUBLIC_API_BASE_URL: admin.baseUrl, NOTION_ADMIN_TOKEN: admin.token, ...extra});

async function cli(
	argv: string[],
	extra: Record<string, string> = {},
	adminRetry = {maxRetries: 2, baseDelayMs: 10, maxRetryWaitMs: 2000},
): Promise<CliResult> {
	const result = await runCli(argv, envOf(extra), {core: {clock: fixedClock(NOW), httpTimeoutMs: 2000, adminRetry}});
	outputs.push(result.stdout, result.stderr);
	return result;
}

describe('admin pats', () => {
	it('lists every PAT of a workspace named as ntn caches it, sending the admin token, version and page size', async () => {
		const result = await cli(['admin', 'pats', 'acme corp']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^NAME +CREATOR +CREATED +EXPIRES +LAST USED +STATUS$/m);
		expect(result.stdout).toMatch(/deploy bot +Alice Admin <alice@acme\.test> +2025-12-01 +2026-03-16 \(5d\) +2026-03-10 +active/);
		expect(result.stdout).toMatch(/\(unnamed\) +b0b00000-0000-4000-8000-000000000002 +\S+ +2026-03-01 \(-10d\) +2025-11-11 +expired/);
		expect(result.stdout).toMatch(/^ {2}revoked 2026-03-09 by Bob Builder <bob@acme\.test>$/m);
		expect(result.stdout).toContain('never');
		expect(result.stdout).toContain('5 PATs in Acme Corp (aaaaaaaa-0000-4000-8000-000000000001): 3 active, 1 expired, 1 revoked');
		const [request] = admin.requests;
		expect(request!.method).toBe('GET');
		expect(request!.url).toBe(`/admin/v1/spaces/${ACME}/personal_access_tokens?page_size=100`);
		expect(request!.headers['notion-version']).toBe('2026-06-01');
		expect(request!.headers.authorization).toBe(`Bearer ${admin.token}`);
	});

	it('never lets control characters from Notion reach the terminal', async () => {
		const result = await cli(['admin', 'pats', ACME]);
		expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		expect(result.stdout).toContain('evil  [31mred');
	});

	it('passes status, creator id and search to Notion in bracket encoding', async () => {
		const result = await cli(['admin', 'pats', ACME, '--status', 'active,expired', '--creator', BOB.id, '--search', 'de ploy']);
		expect(result.code).toBe(0);
		expect(admin.requests[0]!.url).toBe(
			`/admin/v1/spaces/${ACME}/personal_access_tokens?page_size=100&status[]=active&status[]=expired&creator_ids[]=${BOB.id}&search=de%20ploy`,
		);
	});

	it('matches a creator given by email or name on the records', async () => {
		const byEmail = await cli(['admin', 'pats', ACME, '--creator', 'ALICE@acme.test', '--json']);
		expect(JSON.parse(byEmail.stdout).map((pat: {id: string}) => pat.id.slice(-1))).toEqual(['1', '4']);
		expect(admin.requests[0]!.url).not.toContain('creator_ids');
		const byName = await cli(['admin', 'pats', ACME, '--creator', 'bob builder', '--json']);
		expect(JSON.parse(byName.stdout).map((pat: {id: string}) => pat.id.slice(-1))).toEqual(['2']);
	});

	it('prints JSON with ISO times, days left and null for the fields Notion left out', async () => {
		const result = await cli(['admin', 'pats', ACME, '--json']);
		const pats = JSON.parse(result.stdout);
		expect(pats).toHaveLength(5);
		expect(pats[0]).toEqual({
			id: '10000000-0000-4000-8000-000000000001',
			name: 'deploy bot',
			status: 'active',
			creator: ALICE,
			createdAt: '2025-12-01T12:00:00.000Z',
			expiresAt: '2026-03-16T12:00:00.000Z',
			daysLeft: 5,
			lastUsedAt: '2026-03-10T12:00:00.000Z',
			revokedAt: null,
			revokedBy: null,
		});
		expect(pats[2]).toMatchObject({name: null, creator: {id: BOB.id, name: null, email: null}, daysLeft: -10});
		expect(pats[4]).toMatchObject({expiresAt: null, daysLeft: null, lastUsedAt: null});
		expect(pats[3].revokedBy).toEqual({type: 'user', id: BOB.id, name: BOB.name, email: BOB.email});
	});

	it('prints CSV quoted, with formulas neutralised', async () => {
		const result = await cli(['admin', 'pats', ACME, '--csv']);
		const lines = result.stdout.split('\r\n');
		expect(lines[0]).toBe(
			'id,name,status,creator_id,creator_name,creator_email,created_at,expires_at,days_left,last_used_at,revoked_at,revoked_by_type,revoked_by_id,revoked_by_name,revoked_by_email',
		);
		expect(result.stdout).toContain(`10000000-0000-4000-8000-000000000002,"'=HYPERLINK(""x"")",active,${BOB.id},Bob Builder,bob@acme.test,`);
		expect(result.stdout).toContain('"old, ""quoted""\nname",revoked');
		expect(result.stdout).toContain(',user,b0b00000-0000-4000-8000-000000000002,Bob Builder,bob@acme.test\r\n');
		expect(result.stdout).not.toContain('\u001B');
	});

	it('--within lists active PATs expiring within the window and exits 1 when any does (0 when none)', async () => {
		const some = await cli(['admin', 'pats', ACME, '--within', '30d', '--json']);
		expect(some.code).toBe(1);
		expect(JSON.parse(some.stdout).map((pat: {name: string}) => pat.name)).toEqual(['deploy bot']);
		const none = await cli(['admin', 'pats', ACME, '--within', '2']);
		expect(none.code).toBe(0);
		expect(none.stdout).toContain('No PATs match in Acme Corp');
	});

	it('counts days to expiry as whole calendar days in UTC, as tokens does, and --within follows that count', async () => {
		const pat = (id: string, name: string, expiresAt: string): RawPat => ({
			id: `20000000-0000-4000-8000-00000000000${id}`,
			name,
			creator: ALICE,
			created_at: NOW_MS - DAY,
			status: 'active',
			expires_at: Date.parse(expiresAt),
		});
		// 89 days and 18 hours away, but on the 90th calendar day; 5 days and 6 hours away, on the 5th.
		admin.space(ACME, [pat('1', 'quarterly', '2026-06-09T06:00:00.000Z'), pat('2', 'weekly', '2026-03-16T18:00:00.000Z')]);
		const table = await cli(['admin', 'pats', ACME]);
		expect(table.stdout).toMatch(/quarterly +Alice Admin <alice@acme\.test> +\S+ +2026-06-09 \(90d\)/);
		expect(table.stdout).toMatch(/weekly +Alice Admin <alice@acme\.test> +\S+ +2026-03-16 \(5d\)/);
		const json = JSON.parse((await cli(['admin', 'pats', ACME, '--json'])).stdout) as Array<{name: string; daysLeft: number}>;
		expect(json.map(row => [row.name, row.daysLeft])).toEqual([
			['quarterly', 90],
			['weekly', 5],
		]);
		const within5 = await cli(['admin', 'pats', ACME, '--within', '5', '--json']);
		expect(within5.code).toBe(1);
		expect(JSON.parse(within5.stdout).map((row: {name: string}) => row.name)).toEqual(['weekly']);
		const within89 = await cli(['admin', 'pats', ACME, '--within', '89', '--json']);
		expect(JSON.parse(within89.stdout).map((row: {name: string}) => row.name)).toEqual(['weekly']);
		const within90 = await cli(['admin', 'pats', ACME, '--within', '90', '--json']);
		expect(JSON.parse(within90.stdout).map((row: {name: string}) => row.name)).toEqual(['quarterly', 'weekly']);
	});

	it('--unused lists PATs not used for that many days, or never', async () => {
		const result = await cli(['admin', 'pats', ACME, '--unused', '90', '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).map((pat: {id: string}) => pat.id.slice(-1))).toEqual(['2', '3', '4', '5']);
	});

	it('fetches every page: 250 PATs in 3 pages, following next_cursor', async () => {
		admin.space(ACME, makePats(250, NOW_MS));
		const result = await cli(['admin', 'pats', ACME, '--json']);
		expect(JSON.parse(result.stdout)).toHaveLength(250);
		expect(admin.requests).toHaveLength(3);
		expect(admin.requests[1]!.url).toMatch(/\?page_size=100&cursor=[0-9a-f-]{36}$/);
	});

	it('waits out a 429 as retry-after asks, and a slow page', async () => {
		admin.space(ACME, makePats(150, NOW_MS));
		admin.onPage(2, {delayMs: 300});
		admin.queue({status: 429, retryAfter: '1'});
		const result = await cli(['admin', 'pats', ACME, '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toHaveLength(150);
		expect(admin.requests).toHaveLength(3);
	});

	it('says when Notion keeps rate-limiting, with the wait it asked for', async () => {
		admin.queue({status: 429, retryAfter: '120'});
		const result = await cli(['admin', 'pats', ACME]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('error: Notion is rate-limiting the admin token; it asks to wait 120 s (429 rate_limited: Rate limited.).');
		expect(result.stderr).toContain('hint: Wait a little and try again.');
	});

	it('explains each error with its fix, whichever error family Notion uses', async () => {
		const cases: Array<[Record<string, unknown>, RegExp, RegExp]> = [
			[{status: 401}, /not an organization bot token, or it was revoked/, /NOTION_ADMIN_TOKEN/],
			[{status: 401, family: 'object'}, /not an organization bot token/, /Manage organization/],
			[{status: 403, code: 'missing_scope'}, /lacks the scope personal-access-token:read \(403 missing_scope/, /personal-access-token:read scope/],
			[{status: 403, family: 'object', code: 'restricted_resource'}, /Notion refused access \(403 restricted_resource/, /Enterprise plan/],
			[{status: 404}, /Workspace not found in this organization/, /belongs to the token's organization/],
			[{status: 500}, /Admin API failed \(500 internal_server_error/, /Try again in a few minutes/],
			[{status: 503, family: 'object'}, /Admin API failed \(503 service_unavailable/, /Try again/],
			[{status: 200, body: '{"results": "nope"}'}, /Unexpected answer from the Admin API/, /NOTION_PUBLIC_API_BASE_URL/],
		];
		for (const [behaviour, message, fix] of cases) {
			admin.queue(behaviour, behaviour, behaviour);
			const result = await cli(['admin', 'pats', ACME]);
			expect(result.code, JSON.stringify(behaviour)).toBe(3);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).toMatch(fix);
			admin.clearQueue();
		}
	});

	it('names the scope the token lacks', async () => {
		admin.setScopes([WRITE]);
		const result = await cli(['admin', 'pats', ACME]);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('personal-access-token:read');
		admin.setScopes([READ]);
	});

	it('says how to get an admin token when there is none, and where Notion cannot be reached', async () => {
		const none = await cli(['admin', 'pats', ACME], {NOTION_ADMIN_TOKEN: ''});
		expect(none.code).toBe(3);
		expect(none.stderr).toContain('No admin token');
		expect(none.stderr).toContain('NOTION_ADMIN_TOKEN');
		// The same words as the UI's Admin hint: a saved admin token is the other way.
		expect(none.stderr.replace(/\s+/g, ' ')).toContain('`notion-tokens add <label> --admin`');
		expect(none.stderr.replace(/\s+/g, ' ')).toContain(ADMIN_TOKEN_FIX.replace(/\s+/g, ' '));
		const offline = await cli(['admin', 'pats', ACME], {NOTION_PUBLIC_API_BASE_URL: await closedPortUrl()});
		expect(offline.code).toBe(3);
		expect(offline.stderr).toMatch(/Cannot reach 127\.0\.0\.1:\d+/);
		expect(offline.stderr).toContain('NOTION_PUBLIC_API_BASE_URL');
	});

	it('refuses bad usage with exit 2', async () => {
		for (const argv of [
			['admin'],
			['admin', 'nope'],
			['admin', 'pats'],
			['admin', 'pats', ACME, '--status', 'active,gone'],
			['admin', 'pats', ACME, '--json', '--csv'],
			['admin', 'pats', ACME, '--within', 'soon'],
			['admin', 'pats', ACME, '--unused', '-3'],
			['admin', 'pats', 'No Such Workspace'],
		]) {
			const result = await cli(argv);
			expect(result.code, argv.join(' ')).toBe(2);
			expect(result.stderr).toMatch(/^error: /);
		}
		expect(admin.requests).toHaveLength(0);
	});

	it('remembers a whole listing (no token values) in its own state dir', async () => {
		await cli(['admin', 'pats', ACME]);
		const text = await fs.readFile(path.join(home.stateDir, 'admin-pats', `${ACME}.json`), 'utf8');
		expect(JSON.parse(text)).toMatchObject({version: 1, workspace: {id: ACME, name: 'Acme Corp'}, fetchedAt: NOW});
		expect(text).not.toContain(admin.token);
		expect((await fs.stat(path.join(home.stateDir, 'admin-pats', `${ACME}.json`))).mode & 0o777).toBe(0o600);
	});
});

describe('admin pats on a terminal', () => {
	const onTerminal = async (argv: string[], columns: number) => {
		const stdout = Object.assign(new PassThrough(), {isTTY: true, columns});
		const stderr = Object.assign(new PassThrough(), {isTTY: true});
		const stdin = Object.assign(new PassThrough(), {isTTY: true});
		const chunks: Record<string, Buffer[]> = {out: [], err: []};
		stdout.on('data', chunk => chunks.out!.push(chunk as Buffer));
		stderr.on('data', chunk => chunks.err!.push(chunk as Buffer));
		const env = envOf();
		const code = await run(argv, {stdout, stderr, stdin, env, style: createStyle(false)}, {version: '0', core: {env, clock: fixedClock(NOW)}});
		const result = {code, stdout: Buffer.concat(chunks.out!).toString(), stderr: Buffer.concat(chunks.err!).toString()};
		outputs.push(result.stdout, result.stderr);
		return result;
	};

	it('fits 80 columns, and shows its progress page by page on stderr', async () => {
		admin.space(ACME, [...samplePats(), ...makePats(150, NOW_MS)]);
		const result = await onTerminal(['admin', 'pats', ACME], 80);
		expect(result.code).toBe(0);
		const lines = result.stdout.trimEnd().split('\n');
		expect(lines.length).toBeGreaterThan(150);
		for (const line of lines.slice(0, -1)) expect([...line].length, line).toBeLessThanOrEqual(80);
		expect(result.stdout).toMatch(/^deploy bot   Alice Admin <alice… 2025-12-01 2026-03-16 \(5d\)   2026-03-10 active$/m);
		expect(result.stderr).toContain('Fetching the PATs of Acme Corp… 1 page, 100 tokens');
		expect(result.stderr).toContain('Fetching the PATs of Acme Corp… 2 pages, 155 tokens');
		expect(result.stderr.endsWith('\r\u001B[K')).toBe(true);
	});
});

describe('admin revoke', () => {
	const FIRST = '10000000-0000-4000-8000-000000000001';
	const SECOND = '10000000-0000-4000-8000-000000000002';

	it('needs --yes off a terminal (exit 2) and revokes nothing without it', async () => {
		const result = await cli(['admin', 'revoke', ACME, FIRST]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--yes');
		expect(admin.requests).toHaveLength(0);
	});

	it('revokes each PAT with DELETE and reports each result; again is fine; 404 is explained', async () => {
		const missing = '10000000-0000-4000-8000-00000000dead';
		const result = await cli(['admin', 'revoke', 'Acme Corp', FIRST, SECOND, missing, '--yes']);
		expect(result.code).toBe(3);
		expect(result.stdout).toContain(`✓ Revoked ${FIRST}.`);
		expect(result.stdout).toContain(`✓ Revoked ${SECOND}.`);
		expect(result.stdout).toContain(`✗ ${missing}: Not found in this workspace, or outside the organization.`);
		expect(result.stdout).toContain('2 of 3 revoked.');
		expect(admin.requests.map(request => `${request.method} ${request.url}`)).toEqual([
			`DELETE /admin/v1/spaces/${ACME}/personal_access_tokens/${FIRST}`,
			`DELETE /admin/v1/spaces/${ACME}/personal_access_tokens/${SECOND}`,
			`DELETE /admin/v1/spaces/${ACME}/personal_access_tokens/${missing}`,
		]);
		expect(admin.space(ACME)[0]!.status).toBe('revoked');
		const again = await cli(['admin', 'revoke', ACME, FIRST, '--yes', '--json']);
		expect(again.code).toBe(0);
		expect(JSON.parse(again.stdout)).toEqual([{id: FIRST, revoked: true, error: null}]);
	});

	it('names the scope revoking needs', async () => {
		admin.setScopes([READ]);
		const result = await cli(['admin', 'revoke', ACME, FIRST, '--yes', '--json']);
		expect(result.code).toBe(3);
		expect(JSON.parse(result.stdout)[0].error).toMatchObject({kind: 'missing-scope', httpStatus: 403});
		expect(JSON.parse(result.stdout)[0].error.message).toContain('personal-access-token:write-high-impact');
	});

	it('refuses something that is not a PAT id without echoing it', async () => {
		const result = await cli(['admin', 'revoke', ACME, admin.token, '--yes']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("'<token?>' is not a PAT id");
		expect(result.stderr).not.toContain(admin.token);
		expect(admin.requests).toHaveLength(0);
	});

	it('names the value that is not a PAT id, not its position', async () => {
		const result = await cli(['admin', 'revoke', ACME, FIRST, 'abc', '--yes']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			"error: 'abc' is not a PAT id (a UUID, as `notion-tokens admin pats` lists them)\n  hint: Run `notion-tokens --help` for the commands and options.\n",
		);
		expect(admin.requests).toHaveLength(0);
	});

	it('on a terminal lists what will be revoked and asks; "n" revokes nothing, "y" revokes', async () => {
		const onTerminal = async (answer: string) => {
			const stdout = new PassThrough();
			const stderr = new PassThrough();
			const stdin = Object.assign(new PassThrough(), {isTTY: true});
			const chunks: Record<string, Buffer[]> = {out: [], err: []};
			stdout.on('data', chunk => chunks.out!.push(chunk as Buffer));
			stderr.on('data', chunk => chunks.err!.push(chunk as Buffer));
			stdin.write(answer);
			const env = envOf();
			const code = await run(
				['admin', 'revoke', ACME, FIRST, SECOND],
				{stdout, stderr, stdin, env, style: createStyle(false)},
				{version: '0', core: {env, clock: fixedClock(NOW)}},
			);
			const result = {code, stdout: Buffer.concat(chunks.out!).toString(), stderr: Buffer.concat(chunks.err!).toString()};
			outputs.push(result.stdout, result.stderr);
			return result;
		};
		const no = await onTerminal('n\n');
		expect(no.code).toBe(1);
		expect(no.stderr).toContain(`${FIRST}  deploy bot · Alice Admin <alice@acme.test> · active`);
		expect(no.stderr).toContain(`${SECOND}  =HYPERLINK("x") · Bob Builder <bob@acme.test> · active`);
		expect(no.stderr).toContain('Revoke these 2 PATs in Acme Corp');
		expect(no.stderr).toContain('Nothing revoked.');
		expect(admin.requests.every(request => request.method === 'GET')).toBe(true);
		const yes = await onTerminal('y\n');
		expect(yes.code).toBe(0);
		expect(admin.requests.filter(request => request.method === 'DELETE')).toHaveLength(2);
	});
});
