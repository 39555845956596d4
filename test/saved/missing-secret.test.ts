/**
 * A saved token whose secret is no longer in tokens.json (file storage), though the file is still
 * valid: `status` reports it as a problem (exit 1) with the fix, and `tokens` marks it as missing,
 * not as corrupt. tokens.json is read once; the real Secret Service (the test script runs the suite
 * inside a private D-Bus session with GNOME Keyring) is searched once for all of service notion-tokens.
 */
import fs from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fixedClock} from '../../source/core/index.js';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const PAT = 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA';
const BOT = 'ntn_bot_8sLk3Pq0Wm5Rz7Xt2Yv4Hn6Jc9Bd1FgC';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TOKEN_A = 'ntn_missing_token_AAAA_0123456789abcdef';
const NOW = '2026-12-03T10:00:00.000Z';

async function world() {
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
		auth: {[A]: TOKEN_A},
	});
	const env = {...home.env, NOTION_TOKENS_STORE: 'file'};
	const cli = (argv: string[], input?: string) => runCli(argv, env, {core: {clock: fixedClock(NOW)}, ...(input === undefined ? {} : {input})});
	for (const [label, token] of [
		['reports', PAT],
		['nightly', BOT],
	] as const) {
		const added = await cli(['add', label, '--offline', '--lifetime', '90d'], token);
		expect(added.code, added.stderr).toBe(0);
	}
	const tokensFile = path.join(home.stateDir, 'tokens.json');
	// nightly's entry taken out by hand; the file stays valid.
	const kept = `${JSON.stringify({version: 1, tokens: {reports: PAT}}, null, 2)}\n`;
	await fs.writeFile(tokensFile, kept);
	return {cli, tokensFile, kept};
}

describe('a saved token missing from a valid tokens.json', () => {
	it('status reports it as missing, naming the label, the file and the fix, exit 1', async () => {
		const w = await world();
		const exec = await w.cli(['exec', 'nightly', '--', 'true']);
		expect(exec.code).not.toBe(0);
		const result = await w.cli(['status']);
		expect(result.code).toBe(1);
		expect(result.stdout).not.toContain('No problems found');
		expect(result.stdout).toContain('1 problem found');
		expect(result.stdout).toContain(`✗ The token labelled "nightly" is not in ${w.tokensFile} any more`);
		expect(result.stdout).toContain('fix: Save it again with `notion-tokens rotate nightly`, or remove the label with `notion-tokens remove nightly`.');
		expect(result.stdout).not.toContain('Could not read saved tokens');
		expect(result.stdout + result.stderr).not.toContain(PAT);
		const json = JSON.parse((await w.cli(['status', '--json'])).stdout) as {problems: Array<{code: string}>};
		expect(json.problems.map(problem => problem.code)).toEqual(['saved-token-missing']);
		expect(await fs.readFile(w.tokensFile, 'utf8')).toBe(w.kept);
	});

	it('tokens marks it as missing, with the fix; the token still kept is fine', async () => {
		const w = await world();
		const result = await w.cli(['tokens']);
		expect(result.code).toBe(0);
		const lines = result.stdout.split('\n');
		const nightly = lines.find(text => text.startsWith('nightly'));
		expect(nightly).toContain('✗ token missing');
		expect(nightly).not.toContain('never checked');
		const reports = lines.find(text => text.startsWith('reports'));
		expect(reports).toContain('never checked');
		expect(reports).not.toContain('✗');
		expect(result.stdout.replaceAll(/\s+/g, ' ')).toContain(
			`nightly: The token labelled "nightly" is not in ${w.tokensFile} any more. Save it again with \`notion-tokens rotate nightly\``,
		);
		const rows = JSON.parse((await w.cli(['tokens', '--json'])).stdout) as Array<{label: string | null; unreadable: string | null}>;
		expect(rows.map(row => [row.label, row.unreadable])).toEqual([
			[null, null],
			['nightly', `The token labelled "nightly" is not in ${w.tokensFile} any more`],
			['reports', null],
		]);
		expect(await fs.readFile(w.tokensFile, 'utf8')).toBe(w.kept);
	});
});

describe('a saved token deleted from the Secret Service', () => {
	const keyring = createRequire(import.meta.url)('@napi-rs/keyring') as {
		Entry: new (service: string, account: string, options?: object) => {deleteCredential(): boolean};
	};

	it('status reports it as missing (exit 1), and tokens marks it as missing; the one still kept is fine', async () => {
		expect(process.env['DBUS_SESSION_BUS_ADDRESS']).toBeTruthy();
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
			auth: {[A]: TOKEN_A},
		});
		const env = {...home.env, NOTION_TOKENS_STORE: 'keychain'};
		const cli = (argv: string[], input?: string) =>
			runCli(argv, env, {core: {clock: fixedClock(NOW), platform: 'linux'}, ...(input === undefined ? {} : {input})});
		const gone = `gone-${Date.now()}`;
		const kept = `kept-${Date.now()}`;
		for (const [label, token] of [
			[gone, BOT],
			[kept, PAT],
		] as const) {
			const added = await cli(['add', label, '--offline'], token);
			expect(added.stdout).toContain('in the Secret Service, service notion-tokens');
		}
		try {
			expect((await cli(['status'])).stdout).toContain('No problems found');
			expect(new keyring.Entry('notion-tokens', gone, {linux: {store: 'secret-service'}}).deleteCredential()).toBe(true);
			const status = await cli(['status']);
			expect(status.code).toBe(1);
			expect(status.stdout).toContain('1 problem found');
			expect(status.stdout).toContain(`✗ The token labelled "${gone}" is not in the Secret Service, service notion-tokens any more`);
			expect(status.stdout).toContain(`fix: Save it again with \`notion-tokens rotate ${gone}\``);
			const lines = (await cli(['tokens'])).stdout.split('\n');
			expect(lines.find(text => text.startsWith(gone))).toContain('✗ token missing');
			expect(lines.find(text => text.startsWith(kept))).not.toContain('✗');
			const rows = JSON.parse((await cli(['tokens', '--json'])).stdout) as Array<{label: string | null; unreadable: string | null}>;
			expect(rows.find(row => row.label === gone)?.unreadable).toBe(
				`The token labelled "${gone}" is not in the Secret Service, service notion-tokens any more`,
			);
			expect(rows.find(row => row.label === kept)?.unreadable).toBeNull();
		} finally {
			await cli(['remove', gone, '--yes']);
			await cli(['remove', kept, '--yes']);
		}
	});
});
