/**
 * Reliability: a Notion that is broken or hostile cannot hurt. Answers that never end (a flood) are
 * cut at 1 MiB, and the shipped CLI, run as a child that reports its own peak RSS, uses no more
 * memory than for a normal check; answers that never come (a stall) end the check at its time
 * limit, as "not reached", keeping the facts from before; answers that echo tokens back, in any
 * field, never get one printed or stored.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {maskToken} from '../../source/core/shared/secret.js';
import {mintToken, startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {tempDir} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {shippedCli} from '../helpers/shipped-cli.js';
import {expectNoLeak, fact, readState, tokenWorld, type TokenWorld} from '../helpers/token-fixtures.js';
import {runCommand} from './support/children.js';
import {figure} from './support/mode.js';

const MiB = 1024 * 1024;

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});
beforeAll(() => shippedCli(), 120_000);

async function world(names: string[]): Promise<{server: MockNotion; w: TokenWorld}> {
	const server = await startMockNotion();
	servers.push(server);
	const specs = names.map((name, index) => ({id: `${String(index + 1).repeat(8)}-0000-4000-8000-${String(index + 1).repeat(12)}`, name}));
	const w = await tokenWorld(specs, {baseUrl: server.baseUrl});
	for (const name of names) {
		server.setToken(w.tokens[name]!, {
			tokens: [fact(`tok-${name.toLowerCase()}`, `${name} CLI login`, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z')],
		});
	}
	return {server, w};
}

/** The CLI as it ships, in a child that writes its peak RSS (bytes) to a file as it exits. */
async function runChild(args: string[], env: Record<string, string>) {
	const dir = await tempDir();
	const rssFile = path.join(dir, 'peak-rss');
	const report = `import fs from 'node:fs';process.on('exit',()=>fs.writeFileSync(${JSON.stringify(rssFile)},String(process.resourceUsage().maxRSS*1024)));`;
	const result = await runCommand(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, await shippedCli(), ...args], {
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env},
	});
	return {...result, peakRss: Number(await fs.readFile(rssFile, 'utf8'))};
}

describe('a hostile Notion', () => {
	it('a flood is cut at 1 MiB: an unexpected answer, the facts from before kept, and memory as for a normal check', async () => {
		const {server, w} = await world(['Alpha', 'Beta', 'Gamma']);
		const normal = await runChild(['check'], w.env);
		expect(normal.code, normal.stderr).toBe(0);
		const before = JSON.parse(await readState(w)) as {tokenFacts: {workspaces: Record<string, Record<string, Record<string, {tokens: unknown[]}>>>}};

		// 64 MiB answers each: Alpha's declares its length up front, Beta's and Gamma's do not.
		server.setToken(w.tokens['Alpha']!, {flood: {bytes: 64 * MiB, declareLength: true}});
		server.setToken(w.tokens['Beta']!, {flood: {bytes: 64 * MiB}});
		server.setToken(w.tokens['Gamma']!, {flood: {bytes: 64 * MiB}});
		const flooded = await runChild(['check'], w.env);
		figure(
			`hostile Notion: peak RSS ${Math.round(normal.peakRss / MiB)} MiB for a normal check, ${Math.round(flooded.peakRss / MiB)} MiB against three 64 MiB answers`,
			false,
		);
		expect(flooded.stderr).toBe('');
		expect(flooded.code).toBe(1);
		expect(flooded.stdout).toContain('3 unexpected answer.');
		expect(flooded.stdout.match(/is larger than 1 MiB; it was not read/g)).toHaveLength(3);
		expect(flooded.peakRss - normal.peakRss).toBeLessThan(32 * MiB);

		const after = JSON.parse(await readState(w)) as typeof before;
		for (const [dir, environments] of Object.entries(before.tokenFacts.workspaces)) {
			for (const [id, facts] of Object.entries(environments['prod']!)) {
				expect(after.tokenFacts.workspaces[dir]!['prod']![id]!.tokens).toEqual(facts.tokens);
				// The unexpected answer is kept beside the last answer, never over it.
				expect(after.tokenFacts.workspaces[dir]!['prod']![id]).toMatchObject({check: {outcome: 'valid'}, attempt: {outcome: 'malformed'}});
			}
		}
	});

	it('a stall ends the check at its time limit: not reached, not a fact, and the facts from before kept', async () => {
		const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
		const {server, w} = await world(names);
		const first = await runCli(['check'], w.env);
		expect(first.code, first.stderr).toBe(0);
		const state = await readState(w);

		// Every answer never comes; Alpha first asks to wait 4 s (a retry within the limit), then never answers.
		for (const name of names) server.setToken(w.tokens[name]!, {delayMs: 3_600_000});
		server.queue(w.tokens['Alpha']!, {status: 429, retryAfter: '4'});
		const core = {refreshDeadlineMs: 500, httpTimeoutMs: 3_600_000};
		const stalled = await runCli(['check', '--json'], w.env, {core});
		expect(stalled.code).toBe(3);
		const json = JSON.parse(stalled.stdout) as {
			tokens: Array<{check: {outcome: string}; lastAttempt: {outcome: string; detail: string | null} | null}>;
			counts: Record<string, number>;
		};
		expect(json.counts).toMatchObject({valid: 0, timeout: 0, unchecked: names.length});
		for (const token of json.tokens) {
			// The earlier valid answer stands; the attempt that was not reached is beside it.
			expect(token.check).toMatchObject({outcome: 'valid'});
			expect(token.lastAttempt).toMatchObject({outcome: 'unchecked'});
			expect(token.lastAttempt!.detail).toContain('Not reached: a check stops after 500 ms');
		}
		// Nothing was learnt, so nothing was written: the earlier valid checks and dates stand.
		expect(await readState(w)).toBe(state);
		const text = await runCli(['check'], w.env, {core});
		expect(text.stdout).toContain('6 not checked.');
		expect(text.stdout).toContain('Notion could not be reached; what earlier checks found is kept');
		const tokens = await runCli(['tokens', '--json'], w.env);
		for (const row of JSON.parse(tokens.stdout) as Array<{check: {outcome: string}; expiresAt: string}>) {
			expect(row).toMatchObject({check: {outcome: 'valid'}, expiresAt: '2027-01-01T00:00:00.000Z'});
		}
	});

	it('tokens echoed back in names, user names, error messages and codes are never printed or stored', async () => {
		const {server, w} = await world(['Alpha', 'Beta', 'Gamma']);
		const override = mintToken();
		const env = {...w.env, NOTION_API_TOKEN: override};
		const all = [...w.all, override];
		const [alpha, beta, gamma] = [w.tokens['Alpha']!, w.tokens['Beta']!, w.tokens['Gamma']!];
		const piece = (token: string) => token.slice(-14, -1);
		// Alpha's list names tokens after the other tokens, whole and in pieces.
		server.setToken(alpha, {
			tokens: [
				fact('tok-alpha', `login ${beta}`, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'),
				fact(`id-${piece(gamma)}`, `ci ${piece(override)} ${alpha}`, `2026-01-01T00:00:00.000Z${piece(beta)}`, '2027-01-01T00:00:00.000Z'),
			],
		});
		// Beta's answer is an error that names every token; Gamma's a 429 whose code does.
		server.setToken(beta, {
			status: 400,
			body: JSON.stringify({object: 'error', status: 400, code: 'invalid_request', message: `bad ${alpha} ${beta} ${gamma} ${override}`}),
		});
		server.setToken(gamma, {status: 429, retryAfter: '3600', body: JSON.stringify({code: `slow_${piece(gamma)}`, message: `wait, ${piece(alpha)}`})});
		// users/me names the person and the workspace after tokens.
		server.setToken(override, {});
		server.setUser(override, {name: `Ada ${override}`, workspaceName: `Labs ${piece(alpha)}`});

		const outputs: string[] = [];
		for (const args of [['check'], ['check', '--json'], ['tokens'], ['tokens', '--json'], ['expiring', '--json'], ['check', 'Alpha']]) {
			const result = await runChild(args, env);
			outputs.push(result.stdout, result.stderr);
			expect(result.stdout.length).toBeGreaterThan(0);
		}
		const text = outputs.join('\n');
		expectNoLeak(text, all);
		expectNoLeak(await readState(w), all);
		expectNoLeak((await fs.readdir(w.home.stateDir)).join('\n'), all);
		// What is not a token is kept: names, ids and the person, with the tokens masked.
		expect(text).toContain('acts as Ada');
		expect(text).toContain(`login ${maskToken(beta)}`);
		expect(text).toContain('400 invalid_request: bad ');
	});
});
