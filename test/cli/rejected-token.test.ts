import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {fixedClock} from '../../source/core/shared/clock.js';
import {maskToken} from '../../source/core/shared/secret.js';
import {mintToken, startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {runCli, type CliResult} from '../helpers/run-cli.js';
import {expectNoLeak, fact, serve, tokenWorld, type TokenWorld} from '../helpers/token-fixtures.js';

/**
 * A loopback Notion that refuses one workspace's token (401), then goes away; a fixed clock.
 * Each command is judged on what it prints and on its exit code.
 */

const NOW = '2026-03-11T12:00:00.000Z';
const LATER = '2026-03-11T15:00:00.000Z';
const NEXT_DAY = '2026-03-12T13:00:00.000Z';
const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';
const BETA = 'bbbbbbbb-0000-4000-8000-000000000002';
const GAMMA = 'cccccccc-0000-4000-8000-000000000003';

let server: MockNotion;
let baseUrl: string;
const outputs: string[] = [];
const minted: string[] = [];

beforeEach(async () => {
	server = await startMockNotion({now: () => new Date(NOW)});
	baseUrl = server.baseUrl;
});

afterEach(async () => {
	await server.close().catch(() => undefined);
	expectNoLeak(outputs.splice(0).join('\n'), minted);
});

async function cli(argv: string[], w: TokenWorld, at = NOW): Promise<CliResult> {
	const result = await runCli(argv, w.env, {core: {clock: fixedClock(at), httpTimeoutMs: 1000, maxRetryWaitMs: 0}});
	outputs.push(result.stdout, result.stderr);
	return result;
}

const lines = (text: string) => text.split('\n');

/** Acme (default) works; Notion refuses Beta's token; Gamma's token works but has no access (403). */
async function world(): Promise<TokenWorld> {
	const w = await tokenWorld(
		[
			{id: ACME, name: 'Acme'},
			{id: BETA, name: 'Beta'},
			{id: GAMMA, name: 'Gamma'},
		],
		{baseUrl},
	);
	minted.push(...w.all);
	serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
	// Beta's token is unknown to the mock: every request with it gets Notion's 401.
	server.setToken(w.tokens.Gamma!, {status: 403});
	return w;
}

describe('a token Notion rejected', () => {
	it('is a problem in status, expiring, tokens and use; a 403 is "no access", never expired', async () => {
		const w = await world();
		const check = await cli(['check'], w);
		expect(check.code).toBe(1);
		expect(check.stdout).toContain('✗ invalid or revoked (401)');
		expect(check.stdout).toContain('⊘ no access (403)');

		const status = await cli(['status'], w);
		expect(status.code).toBe(1);
		expect(status.stdout).toContain('✗ Notion rejected the stored token of Beta (prod) on 2026-03-11 12:00 UTC (401: invalid, revoked or expired)');
		expect(status.stdout).toContain('fix: Run `ntn login` and pick Beta to sign in again.');
		expect(status.stdout).not.toContain('Gamma');
		expect(status.stdout).not.toContain('No problems found');
		const json = JSON.parse((await cli(['status', '--json'], w)).stdout) as {problems: Array<{code: string}>};
		expect(json.problems.map(problem => problem.code)).toEqual(['token-rejected']);

		const expiring = await cli(['expiring'], w, LATER);
		expect(expiring.code).toBe(1);
		const out = lines(expiring.stdout);
		const group = out.indexOf('Expired or revoked (1)');
		expect(group).toBeGreaterThan(0);
		expect(out[group + 1]).toMatch(/^ {2}Beta +prod .*tok-beta +rejected by Notion \(401\)$/);
		// No access is not "expired": its expiry is simply not known.
		expect(expiring.stdout).toMatch(/Expiry not known \(1\)\n {2}Gamma +prod .* no access \(403\): Notion gives no dates/);
		expect(expiring.stdout).not.toMatch(/Gamma.*expired/);

		const use = await cli(['use', 'Beta'], w);
		expect(use.code).toBe(0);
		expect(use.stderr).toContain('warning: Notion rejected the stored token of Beta (prod)');
		expect(use.stderr).toContain('Run `ntn login` and pick Beta to sign in again.');
		const useAcme = await cli(['use', 'Acme'], w);
		expect(useAcme.stderr).toBe('');
	});

	it('is kept when Notion goes away, beside the failed attempt; a new login does not inherit it', async () => {
		const w = await world();
		await cli(['check'], w);
		await server.close();

		const offline = await cli(['check'], w, LATER);
		expect(offline.code).toBe(3);
		const out = offline.stdout;
		expect(out).toContain('Acme   prod  ' + maskToken(w.tokens.Acme!) + '  ~ offline\n');
		expect(out).toContain('Could not reach Notion just now; last checked 3 h ago: ✓ valid.');
		expect(out.replaceAll('\n    ', ' ')).toContain('Could not reach Notion just now; last checked 3 h ago: ✗ invalid or revoked (401).');
		expect(out).toContain('Run `ntn login` and pick Beta to sign in again.');

		const tokens = JSON.parse((await cli(['tokens', '--json'], w, LATER)).stdout) as Array<{
			workspaceName: string;
			expiresAt: string | null;
			check: {outcome: string; checkedAt: string};
			lastAttempt: {outcome: string; checkedAt: string} | null;
		}>;
		expect(tokens.map(row => [row.workspaceName, row.expiresAt, row.check.outcome, row.check.checkedAt, row.lastAttempt?.outcome])).toEqual([
			['Acme', '2026-06-01T00:00:00Z', 'valid', NOW, 'offline'],
			['Beta', null, 'invalid', NOW, 'offline'],
			['Gamma', null, 'forbidden', NOW, 'offline'],
		]);
		const table = (await cli(['tokens'], w, LATER)).stdout;
		// The CHECK column is cut to fit 80 columns; `check` above says the whole sentence.
		expect(table).toMatch(/\nAcme .*✓ valid · 3 h ago; co…\n/);

		// Still a problem, still listed, after the failed refresh.
		expect((await cli(['status'], w, LATER)).code).toBe(1);
		const expiring = await cli(['expiring', '--offline'], w, LATER);
		expect(expiring.code).toBe(1);
		expect(expiring.stdout).toContain('rejected by Notion (401)');

		// `ntn login` again stores a new token for Beta: the old 401 is not its.
		const fresh = mintToken({tokenId: 'tok-beta-2', spaceId: BETA});
		minted.push(fresh);
		await w.home.write('auth.json', {[ACME]: w.tokens.Acme, [BETA]: fresh, [GAMMA]: w.tokens.Gamma}, 0o600);
		const status = await cli(['status'], w, LATER);
		expect(status.code).toBe(0);
		expect(status.stdout).toContain('No problems found');
		const after = (await cli(['tokens'], w, LATER)).stdout;
		expect(after).toMatch(new RegExp(`Beta +${maskToken(fresh).replace('…', '.')} +tok-beta-2 +unknown +never checked`));
		expect((await cli(['use', 'Beta'], w, LATER)).stderr).toBe('');
	});

	it('is found again when the same token fails differently (429, 5xx): the 401 stands', async () => {
		const w = await world();
		await cli(['check', 'Beta'], w);
		server.setToken(w.tokens.Beta!, {status: 503});
		const failed = await cli(['check', 'Beta'], w, LATER);
		expect(failed.code).toBe(1);
		expect(failed.stdout.replaceAll('\n    ', ' ')).toContain('Notion could not answer (503) just now; last checked 3 h ago: ✗ invalid or revoked (401).');
		expect((await cli(['status'], w, LATER)).code).toBe(1);
	});

	it('is told apart by a fingerprint even for tokens that carry no id', async () => {
		const w = await world();
		const old = 'ntn_' + 'Rj4Lx8Qv2Tn6Wd1Hs9Kb3Mz5Pc';
		const fresh = 'ntn_' + 'Ye7Gu2Ai5Oc8Nx1Fp4Zr9Sd3Vh';
		minted.push(old, fresh);
		await w.home.write('auth.json', {[ACME]: w.tokens.Acme, [BETA]: old, [GAMMA]: w.tokens.Gamma}, 0o600);
		await cli(['check', 'Beta'], w);
		expect((await cli(['status'], w)).code).toBe(1);
		await w.home.write('auth.json', {[ACME]: w.tokens.Acme, [BETA]: fresh, [GAMMA]: w.tokens.Gamma}, 0o600);
		expect((await cli(['status'], w)).code).toBe(0);
		expect((await cli(['tokens'], w)).stdout).toMatch(/Beta .*never checked/);
	});
});

describe('expiring for cron', () => {
	it('asks Notion first when it knows nothing, and exits 0 only when everything is known', async () => {
		const w = await tokenWorld([{id: ACME, name: 'Acme'}], {baseUrl});
		minted.push(...w.all);
		serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		const first = await cli(['expiring'], w);
		expect(server.requests).toHaveLength(1);
		expect(first).toMatchObject({code: 0, stdout: '✓ Nothing rejected, expired or expiring within 30 days (facts checked just now).\n'});
		// Fresh facts are not asked for again.
		expect((await cli(['expiring'], w, LATER)).code).toBe(0);
		expect(server.requests).toHaveLength(1);
		// A day later they are.
		expect((await cli(['expiring'], w, NEXT_DAY)).code).toBe(0);
		expect(server.requests).toHaveLength(2);
	});

	it('names the tokens it could not learn about and exits 3 when Notion is unreachable', async () => {
		const w = await world();
		await server.close();
		const result = await cli(['expiring'], w);
		expect(result.code).toBe(3);
		expect(result.stdout).toContain('Expiry not known (3)');
		expect(result.stdout).toContain('Notion could not be reached, so the expiry of Acme, Beta, Gamma is not known.');
		const json = JSON.parse((await cli(['expiring', '--json'], w)).stdout) as {askedAt: string; tokens: unknown[]; unknown: Array<{workspaceName: string}>};
		expect(json.askedAt).toBe(NOW);
		expect(json.tokens).toEqual([]);
		expect(json.unknown.map(row => row.workspaceName)).toEqual(['Acme', 'Beta', 'Gamma']);

		// --offline answers from memory and says so; not knowing is still not 0.
		const offline = await cli(['expiring', '--offline'], w);
		expect(offline.code).toBe(1);
		expect(offline.stdout).toContain('from memory: no dates from Notion yet');
	});

	it('answers from day-old memory with --offline, stating its age, without asking', async () => {
		const w = await world();
		await cli(['check'], w);
		const before = server.requests.length;
		const result = await cli(['expiring', '--offline', '--within', '90d'], w, NEXT_DAY);
		expect(server.requests.length).toBe(before);
		expect(result.code).toBe(1);
		expect(lines(result.stdout)[0]).toBe('Tokens that need attention within 90 days (from memory, facts checked 25 h ago)');
		expect(result.stdout).toMatch(/Within 90 days \(1\)\n {2}Acme/);
	});

	it('covers every environment unless --env names one, as the UI does', async () => {
		const w = await tokenWorld(
			[
				{id: ACME, name: 'Acme'},
				{id: BETA, name: 'Beta', env: 'dev'},
			],
			{baseUrl},
		);
		minted.push(...w.all);
		serve(server, w.tokens.Acme!, [fact('tok-acme', 'laptop', '2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z')]);
		const all = await cli(['expiring'], w);
		expect(all.code).toBe(1);
		expect(all.stdout).toMatch(/Beta +dev .*rejected by Notion \(401\)/);
		const prod = await cli(['expiring', '--env', 'prod'], w);
		expect(prod.code).toBe(0);
		expect(prod.stdout).not.toContain('Beta');
	});
});
