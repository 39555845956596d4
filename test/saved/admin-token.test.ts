/** A token saved with `add --admin` is the Admin API's token when NOTION_ADMIN_TOKEN is not set. */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {fixedClock} from '../../source/core/index.js';
import {makePats, startMockAdmin, type MockAdmin} from '../helpers/mock-admin.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {expectNoLeak} from '../helpers/token-fixtures.js';

const NOW = '2026-03-11T12:00:00.000Z';
const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';

let admin: MockAdmin;
let home: NtnHome;
beforeEach(async () => {
	admin = await startMockAdmin({now: () => Date.parse(NOW)});
	admin.space(ACME, makePats(2, Date.parse(NOW)));
	home = await ntnHome({workspaces: workspacesFile({prod: [[ACME, 'Acme Corp']]}), config: {version: '1', defaultWorkspaceIds: {}}});
});
afterEach(async () => {
	await admin.close();
});

const cli = (argv: string[], extra: Record<string, string> = {}, input?: string) =>
	runCli(
		argv,
		{...home.env, NOTION_TOKENS_STORE: 'file', NOTION_PUBLIC_API_BASE_URL: admin.baseUrl, NOTION_ADMIN_TOKEN: '', ...extra},
		{
			core: {clock: fixedClock(NOW), httpTimeoutMs: 2000},
			...(input === undefined ? {} : {input}),
		},
	);

describe('the saved admin token', () => {
	it('is saved unchecked against the public API, marked admin, and used by `admin pats`', async () => {
		const added = await cli(['add', 'org-admin', '--admin'], {}, admin.token);
		expect(added.code).toBe(0);
		expect(added.stdout).toContain('an Admin API token');
		const pats = await cli(['admin', 'pats', ACME, '--json']);
		expect(pats.stderr).toBe('');
		expect(pats.code).toBe(0);
		expect(admin.requests.every(request => request.headers.authorization === `Bearer ${admin.token}`)).toBe(true);
		expectNoLeak(added.stdout + pats.stdout, [admin.token]);
		const rows = JSON.parse((await cli(['tokens', '--json'])).stdout) as Array<{label: string | null; kind: string | null}>;
		expect(rows).toContainEqual(expect.objectContaining({label: 'org-admin', kind: 'admin'}));
	});

	it('refused by Notion (401): the fix says to replace the saved token with `rotate <label>`, or to set NOTION_ADMIN_TOKEN', async () => {
		await cli(['add', 'org-admin', '--admin'], {}, `${admin.token}-old`);
		for (const argv of [
			['admin', 'pats', ACME],
			['admin', 'revoke', ACME, '10000000-0000-4000-8000-000000000001', '--yes'],
		]) {
			const refused = await cli(argv);
			const said = refused.stdout + refused.stderr;
			expect(refused.code, argv.join(' ')).toBe(3);
			expect(said).toContain('Notion refused the admin token saved as "org-admin" (401 unauthorized: Unauthorized.)');
			expect(said).toContain('then replace the saved one with `notion-tokens rotate org-admin`');
			expect(said).toContain('NOTION_ADMIN_TOKEN, when set, is used instead');
			expectNoLeak(refused.stdout + refused.stderr, [admin.token]);
		}
		// The token in NOTION_ADMIN_TOKEN is the one refused: the fix is to set it to another.
		const fromEnv = await cli(['admin', 'pats', ACME], {NOTION_ADMIN_TOKEN: `${admin.token}-env`});
		expect(fromEnv.code).toBe(3);
		expect(fromEnv.stderr).toContain('Notion refused the admin token in NOTION_ADMIN_TOKEN (401 unauthorized');
		expect(fromEnv.stderr).toContain('and set NOTION_ADMIN_TOKEN to it.');
		expect(fromEnv.stderr).not.toContain('rotate');
	});

	it('NOTION_ADMIN_TOKEN still wins; two saved admin tokens are an error that says what to do', async () => {
		await cli(['add', 'one', '--admin'], {}, admin.token);
		await cli(['add', 'two', '--admin'], {}, `${admin.token}-other`);
		const both = await cli(['admin', 'pats', ACME]);
		expect(both.code).toBe(3);
		expect(both.stderr).toContain('Several saved tokens are marked --admin (one, two)');
		expect((await cli(['admin', 'pats', ACME], {NOTION_ADMIN_TOKEN: admin.token})).code).toBe(0);
	});
});
