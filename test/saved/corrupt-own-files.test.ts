/**
 * notion-tokens' own files broken by hand: a `tokens.json` (file storage) or a `state.json` that
 * is not JSON. `status` reports them as problems with the fix, never quoting them, and `tokens`
 * says which saved tokens cannot be used. Nothing is rewritten.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fixedClock} from '../../source/core/index.js';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const PAT = 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA';
const BOT = 'ntn_bot_8sLk3Pq0Wm5Rz7Xt2Yv4Hn6Jc9Bd1FgC';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TOKEN_A = 'ntn_corrupt_token_AAAA_0123456789abcdef';
const GARBAGE = 'garbage ntn_pat_leakedIfQuoted0123456789abcd\n';
const NOW = '2026-12-03T10:00:00.000Z';

async function world(extra: Record<string, string> = {}) {
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
		auth: {[A]: TOKEN_A},
	});
	const env = {...home.env, ...extra};
	const cli = (argv: string[], input?: string) => runCli(argv, env, {core: {clock: fixedClock(NOW)}, ...(input === undefined ? {} : {input})});
	for (const [label, token] of [
		['reports', PAT],
		['nightly', BOT],
	] as const) {
		const added = await cli(['add', label, '--offline', '--lifetime', '90d'], token);
		expect(added.code, added.stderr).toBe(0);
	}
	return {home, env, cli, tokensFile: path.join(home.stateDir, 'tokens.json'), stateFile: path.join(home.stateDir, 'state.json')};
}

describe('a tokens.json that is not JSON', () => {
	for (const variable of [{NOTION_TOKENS_STORE: 'file'}, {}] as Array<Record<string, string>>) {
		it(`status reports it, naming the file and the fix, exit 1 (${Object.keys(variable)[0] ?? 'NOTION_KEYRING=0'})`, async () => {
			const w = await world(variable);
			await fs.writeFile(w.tokensFile, GARBAGE);
			const result = await w.cli(['status']);
			expect(result.code).toBe(1);
			expect(result.stdout).not.toContain('No problems found');
			expect(result.stdout).toContain('1 problem found');
			expect(result.stdout).toContain(`✗ Could not read saved tokens from ${w.tokensFile}: it is not valid JSON`);
			expect(result.stdout).toContain(`fix: Repair ${w.tokensFile}, or move it aside`);
			expect(result.stdout).toContain('notion-tokens rotate <label>');
			expect(result.stdout + result.stderr).not.toContain('garbage');
			expect(result.stdout + result.stderr).not.toContain('leakedIfQuoted');
			const json = JSON.parse((await w.cli(['status', '--json'])).stdout) as {problems: Array<{code: string; file?: string}>};
			expect(json.problems).toEqual([expect.objectContaining({code: 'corrupt-tokens-file', file: w.tokensFile})]);
			expect(await fs.readFile(w.tokensFile, 'utf8')).toBe(GARBAGE);
		});
	}

	it('tokens flags each saved token as unreadable, with the reason and the fix', async () => {
		const w = await world();
		await fs.writeFile(w.tokensFile, GARBAGE);
		const result = await w.cli(['tokens']);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		for (const label of ['reports', 'nightly']) {
			const line = lines.find(text => text.startsWith(label));
			expect(line).toContain('✗ token unreadable');
			expect(line).not.toContain('never checked');
		}
		expect(lines.find(text => text.startsWith('Alpha'))).toContain('never checked');
		expect(result.stdout.replaceAll('\n', ' ')).toContain(`nightly, reports: Could not read saved tokens from ${w.tokensFile}: it is not valid JSON. Repair`);
		expect(result.stdout).not.toContain('leakedIfQuoted');
		const rows = JSON.parse((await w.cli(['tokens', '--json'])).stdout) as Array<{source: string; label: string | null; unreadable: string | null}>;
		expect(rows.map(row => [row.label, row.unreadable])).toEqual([
			[null, null],
			['nightly', `Could not read saved tokens from ${w.tokensFile}: it is not valid JSON`],
			['reports', `Could not read saved tokens from ${w.tokensFile}: it is not valid JSON`],
		]);
		expect(await fs.readFile(w.tokensFile, 'utf8')).toBe(GARBAGE);
	});

	it('a readable tokens.json: no problem, no flag', async () => {
		const w = await world();
		const status = await w.cli(['status']);
		expect(status.code, status.stdout).toBe(0);
		expect(status.stdout).toContain('No problems found');
		const rows = JSON.parse((await w.cli(['tokens', '--json'])).stdout) as Array<{unreadable: string | null}>;
		expect(rows.map(row => row.unreadable)).toEqual([null, null, null]);
	});
});

describe('a state.json that is not JSON', () => {
	it("status still reports ntn's side, with the state file listed as a problem, exit 1", async () => {
		const w = await world();
		await fs.writeFile(w.stateFile, GARBAGE);
		const result = await w.cli(['status']);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(1);
		expect(result.stdout).toContain(`Default workspace  Alpha ${A}`);
		expect(result.stdout).toContain('Workspaces         1 cached in prod');
		expect(result.stdout).toContain(`Saved tokens       not known (${w.stateFile} cannot be read)`);
		expect(result.stdout).toContain('1 problem found');
		expect(result.stdout).toContain(`✗ Could not use notion-tokens' state file ${w.stateFile}: it is not valid JSON`);
		expect(result.stdout).not.toContain('holds only preferences');
		expect(result.stdout).not.toContain('leakedIfQuoted');
		const json = JSON.parse((await w.cli(['status', '--json'])).stdout) as {savedStore: {count: number | null}; problems: Array<{code: string}>};
		expect(json.savedStore.count).toBeNull();
		expect(json.problems.map(problem => problem.code)).toEqual(['corrupt-state']);
		expect(await fs.readFile(w.stateFile, 'utf8')).toBe(GARBAGE);
	});

	it('tokens fails (exit 3) with a hint that says what moving the file aside loses, and where the tokens stay', async () => {
		const w = await world();
		await fs.writeFile(w.stateFile, GARBAGE);
		const result = await w.cli(['tokens']);
		expect(result.code).toBe(3);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(`error: Could not use notion-tokens' state file ${w.stateFile}: it is not valid JSON`);
		expect(result.stderr).toContain(`hint: Repair ${w.stateFile}, or move it aside: that loses the saved tokens' labels, dates and notes`);
		expect(result.stderr).toContain('the saved tokens themselves stay in the keychain or in tokens.json');
		expect(result.stderr).not.toContain('holds only preferences');
		expect(result.stderr).not.toContain('leakedIfQuoted');
		expect(await fs.readFile(w.stateFile, 'utf8')).toBe(GARBAGE);
		expect(JSON.parse(await fs.readFile(w.tokensFile, 'utf8'))).toEqual({version: 1, tokens: {reports: PAT, nightly: BOT}});
	});
});
