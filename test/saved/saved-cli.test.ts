/**
 * Saved tokens through the CLI: `add`, `edit`, `remove`, `rotate`, and their rows in `tokens`,
 * `check` and `expiring`, against a loopback users/me, in file storage, the real Secret Service
 * (the test script runs the suite inside a private D-Bus session with GNOME Keyring) and the macOS
 * stand-in.
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {fixedClock} from '../../source/core/index.js';
import type {KeychainEntry, KeyringModule} from '../../source/core/ntn/keychain.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {ntnHome, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {expectNoLeak} from '../helpers/token-fixtures.js';

const PAT = 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA';
const PAT2 = 'ntn_pat_7hWq2Ze5Kr9Tm4Ux6Vb8Nc1Lp3Jd0SfB';
const BOT = 'ntn_bot_8sLk3Pq0Wm5Rz7Xt2Yv4Hn6Jc9Bd1FgC';
const OTHER = 'ntn_pat_2bNv5Xc8Mq1Wr4Ty7Ui0Op3As6Df9GhD';
const ALL = [PAT, PAT2, BOT, OTHER];
const WORKSPACE = '11111111-2222-4333-8444-555555555555';

let mock: MockNotion;
let home: NtnHome;
beforeEach(async () => {
	mock = await startMockNotion();
	home = await ntnHome({});
	for (const token of [PAT, PAT2, OTHER]) mock.setToken(token, {});
	mock.setUser(PAT, {kind: 'pat', name: 'Ada Lovelace'});
	mock.setUser(PAT2, {kind: 'pat', name: 'Ada Lovelace'});
	mock.setUser(OTHER, {kind: 'pat', name: 'Grace Hopper'});
	mock.setToken(BOT, {});
	mock.setUser(BOT, {kind: 'bot', name: 'Reports bot', workspaceName: 'Acme', workspaceId: WORKSPACE});
});
afterEach(async () => {
	await mock.close();
});

const NOW = '2026-12-03T10:00:00.000Z';
const envOf = (extra: Record<string, string> = {}) => ({...home.env, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, NOTION_TOKENS_STORE: 'file', ...extra});
const cli = (argv: string[], options: {input?: string; env?: Record<string, string>; now?: string; core?: object} = {}) =>
	runCli(argv, envOf(options.env), {
		...(options.input === undefined ? {} : {input: options.input}),
		core: {clock: fixedClock(options.now ?? NOW), ...options.core},
	});
const tokensFile = () => path.join(home.stateDir, 'tokens.json');
const stateText = () => fs.readFile(path.join(home.stateDir, 'state.json'), 'utf8');
const json = <T = any>(text: string): T => JSON.parse(text) as T;
const savedRows = async (options: {env?: Record<string, string>; now?: string} = {}) =>
	json<any[]>((await cli(['tokens', '--json'], options)).stdout).filter(row => row.source === 'saved');

describe('add', () => {
	it('reads the token from stdin, asks users/me, and keeps the token only in tokens.json (0600)', async () => {
		const result = await cli(['add', 'reports', '--lifetime', '90d', '--note', 'nightly sync'], {input: `${PAT}\n`});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Saved "reports" (ntn_…0PgA)');
		expect(result.stdout).toContain('acts as Ada Lovelace (personal access token)');
		expect(result.stdout).toContain('expires: 2027-03-03 (in 90 days); 90d from 2026-12-03');
		const me = mock.requests.find(request => request.path === '/v1/users/me')!;
		expect(me.headers['notion-version']).toBe('2026-03-11');
		expect(me.headers.authorization).toBe(`Bearer ${PAT}`);
		expect((await fs.stat(tokensFile())).mode & 0o777).toBe(0o600);
		expect(json(await fs.readFile(tokensFile(), 'utf8')).tokens).toEqual({reports: PAT});
		expectNoLeak(await stateText(), ALL);
		expectNoLeak(result.stdout + result.stderr, ALL);
		const [row] = await savedRows();
		expect(row).toMatchObject({
			source: 'saved',
			label: 'reports',
			kind: 'pat',
			identity: {kind: 'person', name: 'Ada Lovelace', workspaceId: null},
			note: 'nightly sync',
			lastUsedAt: null,
			storage: 'file',
			maskedToken: 'ntn_…0PgA',
			expiresAt: '2027-03-03T10:00:00.000Z',
			expirySource: 'computed',
			expiry: 'ok',
			unused: false,
		});
	});

	it('records an internal connection as a bot with its workspace; with no date its expiry is none', async () => {
		expect((await cli(['add', 'bot', '--note', 'team automation'], {input: BOT})).code).toBe(0);
		const [row] = await savedRows();
		expect(row).toMatchObject({
			kind: 'connection',
			identity: {kind: 'bot', name: 'Reports bot', workspaceName: 'Acme', workspaceId: WORKSPACE},
			workspaceName: 'Acme',
			expiresAt: null,
			expiry: 'unknown',
		});
		expect((await cli(['tokens'])).stdout).toMatch(/bot \(saved\) +ntn_…1FgC +—? *none/);
	});

	it('a PAT without a date is "unknown — set it"', async () => {
		await cli(['add', 'p'], {input: PAT});
		expect((await cli(['tokens'])).stdout).toContain('unknown — set it');
	});

	it('401: nothing is saved, and the message says so', async () => {
		const bad = 'ntn_bad_0Qw9Er8Ty7Ui6Op5As4Df3Gh2Jk1Lz';
		const result = await cli(['add', 'x'], {input: bad});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Notion does not accept this token (401 unauthorized: API token is invalid.); nothing was saved');
		expectNoLeak(result.stdout + result.stderr, [bad]);
		await expect(fs.access(tokensFile())).rejects.toThrow();
		expect(await savedRows()).toEqual([]);
	});

	it('429: nothing is saved; it says to try later or use --offline', async () => {
		mock.setToken(PAT, {status: 429, retryAfter: '120'});
		const result = await cli(['add', 'x'], {input: PAT});
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('rate limited');
		expect(result.stderr).toContain('--offline');
		expect(await savedRows()).toEqual([]);
		const offline = await cli(['add', 'x', '--offline'], {input: PAT});
		expect(offline.code).toBe(0);
		expect(offline.stdout).toContain('not known yet (saved offline)');
	});

	it('refuses a token on the command line without repeating it, and sends nothing', async () => {
		for (const argv of [
			['add', PAT],
			['add', 'x', PAT],
			['add', 'x', '--note', PAT],
			['add', `--${PAT}`],
		]) {
			const result = await cli(argv, {input: ''});
			expect(result.code).toBe(2);
			expectNoLeak(result.stdout + result.stderr, ALL);
		}
		expect((await cli(['add', PAT], {input: ''})).stderr).toContain('never taken from the command line');
		expect(mock.requests).toEqual([]);
	});

	it('labels are [A-Za-z0-9._-] and unique; the same token is not saved twice', async () => {
		expect((await cli(['add', 'a b'], {input: PAT})).code).toBe(2);
		expect((await cli(['add', 'ok.label_1-x'], {input: PAT})).code).toBe(0);
		const again = await cli(['add', 'ok.label_1-x'], {input: OTHER});
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('already labelled "ok.label_1-x"');
		const twin = await cli(['add', 'other'], {input: PAT});
		expect(twin.code).toBe(2);
		expect(twin.stderr).toContain('already saved as "ok.label_1-x"');
	});

	it('bad dates and lifetimes are usage errors naming the flag', async () => {
		expect((await cli(['add', 'x', '--expires', '2027-02-30'], {input: PAT})).stderr).toContain("invalid date '2027-02-30' for --expires");
		expect((await cli(['add', 'x', '--lifetime', '45d'], {input: PAT})).stderr).toContain("invalid lifetime '45d'");
		expect((await cli(['add', 'x', '--lifetime', '7d', '--expires', '2027-01-01'], {input: PAT})).code).toBe(2);
	});

	it('checks the label, dates and store before reading the token: with nothing on stdin, the argument is what is refused', async () => {
		expect((await cli(['add', 'taken'], {input: PAT})).code).toBe(0);
		const before = await fs.readFile(tokensFile(), 'utf8');
		for (const [argv, message, env] of [
			[['add', 'bad label'], "error: invalid label 'bad label': use 1 to 40 of A-Z a-z 0-9 . _ -"],
			[['add', 'x', '--expires', '2027-02-30'], "error: invalid date '2027-02-30' for --expires: use YYYY-MM-DD"],
			[['add', 'x', '--lifetime', '45d'], "error: invalid lifetime '45d'"],
			[['add', 'x', '--lifetime', '7d', '--expires', '2027-01-01'], 'error: --expires and --lifetime cannot be used together'],
			[['add', 'taken'], 'error: A saved token is already labelled "taken"; nothing was saved'],
			[['add', 'x'], "error: invalid value 'disk' for NOTION_TOKENS_STORE", {NOTION_TOKENS_STORE: 'disk'}],
		] as Array<[string[], string, Record<string, string>?]>) {
			const result = await cli(argv, {input: '', ...(env ? {env} : {})});
			expect(result.code, argv.join(' ')).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain(message);
			expect(result.stderr).not.toContain('No token was given');
		}
		expect(await fs.readFile(tokensFile(), 'utf8')).toBe(before);
	});
});

describe('day counts', () => {
	const expiresCell = async (label: string, now: string) =>
		(await cli(['tokens'], {now})).stdout
			.split('\n')
			.find(line => line.startsWith(label))!
			.match(/\d{4}-\d\d-\d\d \([^)]*\)/)![0];

	it('count whole calendar days in UTC between today and the expiry date', async () => {
		expect((await cli(['add', 'ninety', '--offline', '--lifetime', '90d'], {input: PAT})).stdout).toContain('expires: 2027-03-03 (in 90 days)');
		expect((await cli(['add', 'past', '--offline', '--expires', '2026-10-29'], {input: PAT2})).code).toBe(0);
		expect((await cli(['add', 'first', '--offline', '--expires', '2026-12-01'], {input: BOT})).code).toBe(0);
		expect((await cli(['add', 'week', '--offline', '--expires', '2026-12-10'], {input: OTHER})).code).toBe(0);
		// Later the same day, and just before midnight: the count is the same all day.
		for (const now of [NOW, '2026-12-03T10:00:01.000Z', '2026-12-03T23:59:59.000Z']) {
			expect(await expiresCell('ninety', now)).toBe('2027-03-03 (in 90 days)');
			expect(await expiresCell('past', now)).toBe('2026-10-29 (35 days ago)');
			expect(await expiresCell('first', now)).toBe('2026-12-01 (2 days ago)');
			expect(await expiresCell('week', now)).toBe('2026-12-10 (in 7 days)');
		}
		expect(await expiresCell('first', '2026-12-02T08:00:00.000Z')).toBe('2026-12-01 (1 day ago)');
		const rows = await savedRows({now: '2026-12-03T23:59:59.000Z'});
		expect(rows.map(row => [row.label, row.daysLeft, row.expiry])).toEqual([
			['first', -2, 'expired'],
			['ninety', 90, 'ok'],
			['past', -35, 'expired'],
			['week', 7, 'within-7-days'],
		]);
		expect((await savedRows({now: '2026-12-02T23:59:59.000Z'})).find(row => row.label === 'week')).toMatchObject({daysLeft: 8, expiry: 'within-window'});
	});
});

describe('edit, remove, rotate', () => {
	it('rotate with nothing on stdin: the hint names rotate', async () => {
		expect((await cli(['add', 'reports'], {input: PAT})).code).toBe(0);
		const before = await fs.readFile(tokensFile(), 'utf8');
		const result = await cli(['rotate', 'reports'], {input: ''});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'error: No token was given; nothing was changed\n  hint: Paste the new token at the prompt, or pipe it in: `notion-tokens rotate reports < token-file`.\n',
		);
		expect(await fs.readFile(tokensFile(), 'utf8')).toBe(before);
	});

	it('edit sets expiry and note and renames; the token follows the new label', async () => {
		await cli(['add', 'old'], {input: PAT});
		const result = await cli(['edit', 'old', '--expires', '2026-12-06', '--note', 'for cron', '--rename', 'new']);
		expect(result.code).toBe(0);
		const [row] = await savedRows();
		expect(row).toMatchObject({label: 'new', note: 'for cron', expiresAt: '2026-12-06T00:00:00.000Z', expirySource: 'you', expiry: 'within-7-days'});
		expect(json(await fs.readFile(tokensFile(), 'utf8')).tokens).toEqual({new: PAT});
	});

	it('remove asks (refuses off a terminal without --yes), then deletes token and facts and says to revoke', async () => {
		await cli(['add', 'gone'], {input: PAT});
		expect((await cli(['remove', 'gone'])).code).toBe(2);
		const result = await cli(['remove', 'gone', '--yes']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('revoke it in the Developer portal');
		expect(json(await fs.readFile(tokensFile(), 'utf8')).tokens).toEqual({});
		expect(await savedRows()).toEqual([]);
		expect((await cli(['remove', 'gone', '--yes'])).stderr).toContain('No saved token is labelled "gone"');
	});

	it('rotate: same person → swapped, old kept as history, reminder to revoke; another person → refused unless --force', async () => {
		await cli(['add', 'r', '--lifetime', '30d'], {input: PAT});
		const refused = await cli(['rotate', 'r'], {input: OTHER});
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('acts as Grace Hopper, not as Ada Lovelace');
		expect(json(await fs.readFile(tokensFile(), 'utf8')).tokens).toEqual({r: PAT});
		const rotated = await cli(['rotate', 'r', '--json'], {input: PAT2, now: '2026-12-20T00:00:00.000Z'});
		expect(rotated.code).toBe(0);
		const out = json(rotated.stdout);
		expect(out.replaced).toMatchObject({masked: 'ntn_…0PgA', replacedAt: '2026-12-20T00:00:00.000Z'});
		expect(out.token.history).toHaveLength(1);
		expect(json(await fs.readFile(tokensFile(), 'utf8')).tokens).toEqual({r: PAT2});
		const text = await cli(['rotate', 'r', '--force'], {input: OTHER});
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('revoke the old token (ntn_…0SfB) in the Developer portal');
		expectNoLeak(refused.stderr + rotated.stdout + text.stdout + (await stateText()), ALL);
	});
});

describe('one inventory', () => {
	it('expiring lists a saved token within the window and exits 1; NOTION_API_TOKEN equal to it is labelled', async () => {
		await cli(['add', 'soon', '--expires', '2026-12-06'], {input: PAT});
		const expiring = await cli(['expiring', '--json']);
		expect(expiring.code).toBe(1);
		expect(json(expiring.stdout).tokens.map((row: any) => [row.source, row.label, row.expiry])).toEqual([['saved', 'soon', 'within-7-days']]);
		const rows = json<any[]>((await cli(['tokens', '--json'], {env: {NOTION_API_TOKEN: PAT}})).stdout);
		expect(rows.find(row => row.source === 'override')).toMatchObject({label: 'soon'});
		// In 80 columns the label is cut: `NOTION_API_TOKEN (= soon)` is 25 wide.
		expect((await cli(['tokens'], {env: {NOTION_API_TOKEN: PAT}})).stdout).toContain('NOTION_API_TOK…  ntn_…0PgA');
	});

	it('expiring: a connection or admin token does not expire, so it is not "expiry not known" and exits 0; a PAT without a date still is', async () => {
		await cli(['add', 'bot'], {input: BOT});
		await cli(['add', 'org', '--admin'], {input: OTHER});
		const text = await cli(['expiring']);
		expect(text.stderr).toBe('');
		expect(text.stdout).not.toContain('Expiry not known');
		expect(text.stdout).toContain('Nothing rejected, expired or expiring within 30 days');
		expect(text.code).toBe(0);
		const quiet = await cli(['expiring', '--json']);
		expect(quiet.code).toBe(0);
		expect(json(quiet.stdout)).toMatchObject({tokens: [], unknown: []});
		// `tokens` says the same of them: no expiry, not an unknown one.
		const listed = (await cli(['tokens'])).stdout;
		expect(listed).toMatch(/bot \(saved\) +ntn_…1FgC +—? *none/);
		expect(listed).toMatch(/org \(saved\) +ntn_…9GhD +—? *none/);

		await cli(['add', 'pat'], {input: PAT});
		const unknown = await cli(['expiring', '--json']);
		expect(unknown.code).toBe(1);
		expect(json(unknown.stdout).unknown.map((row: any) => row.label)).toEqual(['pat']);
		expect((await cli(['expiring'])).stdout).toMatch(/Expiry not known \(1\)\n +pat \(saved\)/);
	});

	it('expiring: a saved admin token, never checked against the public API, does not make it ask Notion again', async () => {
		await cli(['add', 'pat', '--expires', '2027-06-01'], {input: PAT});
		await cli(['add', 'org', '--admin'], {input: OTHER});
		const asked = mock.requests.length;
		const result = await cli(['expiring', '--json']);
		expect(result.code).toBe(0);
		expect(json(result.stdout)).toMatchObject({askedAt: null, tokens: [], unknown: []});
		expect(mock.requests).toHaveLength(asked);
	});

	it('expiring: a connection token Notion rejects (401) is listed and exits 1', async () => {
		await cli(['add', 'bot'], {input: BOT});
		mock.removeToken(BOT);
		// A day later, its last answer is asked for again.
		const rejected = await cli(['expiring', '--json'], {now: '2026-12-04T11:00:00.000Z'});
		expect(rejected.code).toBe(1);
		expect(json(rejected.stdout)).toMatchObject({tokens: [{label: 'bot', kind: 'connection', check: {outcome: 'invalid', httpStatus: 401}}], unknown: []});
		const text = await cli(['expiring', '--offline'], {now: '2026-12-04T11:00:00.000Z'});
		expect(text.code).toBe(1);
		expect(text.stdout).toMatch(/Expired or revoked \(1\)\n +bot \(saved\) .*rejected by Notion \(401\)/);
	});

	it('check asks users/me for saved tokens and records whom they act as', async () => {
		await cli(['add', 'later', '--offline'], {input: BOT});
		const result = await cli(['check', '--json']);
		const row = json(result.stdout).tokens.find((entry: any) => entry.source === 'saved');
		expect(row).toMatchObject({label: 'later', kind: 'connection', check: {outcome: 'valid'}, identity: {name: 'Reports bot', workspaceId: WORKSPACE}});
		mock.removeToken(BOT);
		const invalid = await cli(['check', 'later', '--json']);
		expect(invalid.code).toBe(1);
		expect(json(invalid.stdout).tokens[0]).toMatchObject({label: 'later', check: {outcome: 'invalid', httpStatus: 401}, identity: {name: 'Reports bot'}});
	});

	it('a saved token unused through exec for 90 days is flagged', async () => {
		await cli(['add', 'idle'], {input: PAT});
		expect((await savedRows({now: '2027-03-02T09:00:00.000Z'}))[0].unused).toBe(false);
		expect((await savedRows({now: '2027-03-03T10:00:00.000Z'}))[0].unused).toBe(true);
		expect((await cli(['tokens'], {now: '2027-03-03T10:00:00.000Z'})).stdout).toContain('unused — revoke it if nothing needs it');
	});
});

describe('stores', () => {
	const keyring = createRequire(import.meta.url)('@napi-rs/keyring') as {
		Entry: new (service: string, account: string, options?: object) => {getPassword(): string | null};
	};

	it('by default on Linux: the real Secret Service (service notion-tokens, account = label), not the kernel keyring', async () => {
		expect(process.env['DBUS_SESSION_BUS_ADDRESS']).toBeTruthy();
		const label = `ss-${Date.now()}`;
		const env = {NOTION_TOKENS_STORE: '', NOTION_KEYRING: ''};
		const added = await cli(['add', label], {input: PAT, env, core: {platform: 'linux'}});
		expect(added.stderr).toBe('');
		expect(added.stdout).toContain('in the Secret Service, service notion-tokens');
		expect(new keyring.Entry('notion-tokens', label, {linux: {store: 'secret-service'}}).getPassword()).toBe(PAT);
		expect(() => execFileSync('keyctl', ['search', '@s', 'user', `keyring:${label}@notion-tokens`], {stdio: 'pipe'})).toThrow();
		await expect(fs.access(tokensFile())).rejects.toThrow();
		expect((await savedRows({env}))[0]).toMatchObject({label, storage: 'keychain'});
		expect((await cli(['remove', label, '--yes'], {env, core: {platform: 'linux'}})).code).toBe(0);
		expect(new keyring.Entry('notion-tokens', label, {linux: {store: 'secret-service'}}).getPassword()).toBeNull();
	});

	it('NOTION_KEYRING=0 chooses tokens.json as it does for ntn', async () => {
		const added = await cli(['add', 'f'], {input: PAT, env: {NOTION_TOKENS_STORE: '', NOTION_KEYRING: '0'}});
		expect(added.stdout).toContain(`in ${tokensFile()}`);
		expect((await cli(['status', '--json'], {env: {NOTION_TOKENS_STORE: '', NOTION_KEYRING: '0'}})).stdout).toContain('"savedStore"');
	});

	it('an unknown NOTION_TOKENS_STORE is a usage error', async () => {
		const result = await cli(['add', 'x'], {input: PAT, env: {NOTION_TOKENS_STORE: 'plaintext'}});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain("invalid value 'plaintext' for NOTION_TOKENS_STORE");
	});

	it('macOS: the login keychain through the stand-in, service notion-tokens, account = label', async () => {
		const items = new Map<string, string>();
		const calls: string[] = [];
		class AsyncEntry implements KeychainEntry {
			constructor(
				readonly service: string,
				readonly account: string,
				readonly options?: object,
			) {
				calls.push(`${service}/${account}/${JSON.stringify(options ?? null)}`);
			}
			static withTarget(): KeychainEntry {
				throw new Error('not used for saved tokens');
			}
			async getPassword() {
				return items.get(`${this.service}/${this.account}`) ?? null;
			}
			async setPassword(password: string) {
				items.set(`${this.service}/${this.account}`, password);
			}
			async deleteCredential() {
				return items.delete(`${this.service}/${this.account}`);
			}
		}
		const core = {platform: 'darwin', keyring: () => ({AsyncEntry}) as unknown as KeyringModule};
		const env = {NOTION_TOKENS_STORE: '', NOTION_KEYRING: ''};
		const added = await cli(['add', 'mac'], {input: PAT, env, core});
		expect(added.stdout).toContain('in the macOS Keychain, service notion-tokens');
		expect([...items]).toEqual([['notion-tokens/mac', PAT]]);
		expect(calls).toEqual(['notion-tokens/mac/null']);
		await cli(['remove', 'mac', '--yes'], {env, core});
		expect(items.size).toBe(0);
	});
});
