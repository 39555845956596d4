import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {makePats, startMockAdmin, type MockAdmin, type RawPat} from '../helpers/mock-admin.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {SHIPPED_CLI as CLI, shippedCli} from '../helpers/shipped-cli.js';
import {startTerminal, type Terminal} from './helpers/tmux.js';

const ACME = 'aaaaaaaa-0000-4000-8000-000000000001';
const BETA = 'bbbbbbbb-0000-4000-8000-000000000002';
const DAY = 86_400_000;
const ALICE = {id: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice Admin', email: 'alice@acme.test'};
const BOB = {id: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob Builder', email: 'bob@acme.test'};

const terminals: Terminal[] = [];
let admin: MockAdmin | undefined;
afterEach(async () => {
	await Promise.all(terminals.splice(0).map(terminal => terminal.close()));
	await admin?.close();
	admin = undefined;
});

beforeAll(() => shippedCli(), 120_000);

function pats(now: number): RawPat[] {
	return [
		{
			id: '10000000-0000-4000-8000-000000000001',
			name: 'deploy bot',
			creator: ALICE,
			created_at: now - 100 * DAY,
			status: 'active',
			expires_at: now + 5 * DAY,
			last_used_at: now - DAY,
		},
		{
			id: '10000000-0000-4000-8000-000000000002',
			name: 'ci runner',
			creator: BOB,
			created_at: now - 200 * DAY,
			status: 'active',
			expires_at: now + 90 * DAY,
			last_used_at: now - 3 * DAY,
		},
		{id: '10000000-0000-4000-8000-000000000003', name: 'old laptop', creator: BOB, created_at: now - 300 * DAY, status: 'expired', expires_at: now - 10 * DAY},
		{
			id: '10000000-0000-4000-8000-000000000004',
			name: 'sheets sync',
			creator: ALICE,
			created_at: now - 20 * DAY,
			status: 'active',
			expires_at: now + 200 * DAY,
		},
	];
}

async function open(home: NtnHome, mock: MockAdmin, extra: Record<string, string> = {}): Promise<Terminal> {
	const terminal = await startTerminal(
		['node', CLI],
		{...home.env, NOTION_ADMIN_TOKEN: mock.token, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, ...extra},
		{columns: 100, rows: 24},
	);
	terminals.push(terminal);
	await terminal.waitFor('4 Admin');
	return terminal;
}

async function home(): Promise<NtnHome> {
	return ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: ACME}},
		workspaces: workspacesFile({
			prod: [
				[ACME, 'Acme Corp'],
				[BETA, 'Beta Space'],
			],
		}),
		auth: {},
	});
}

describe('the Admin screen in a real terminal (tmux)', () => {
	it('is not there without an admin token', async () => {
		const terminal = await startTerminal(['node', CLI], {...(await home()).env});
		terminals.push(terminal);
		const screen = await terminal.waitFor('1 Workspaces');
		expect(screen).not.toContain('Admin');
		await terminal.keys('4');
		await terminal.waitFor('notion-tokens add <label> --admin');
		await terminal.waitFor(/start\s+notion-tokens\s+again\./);
		await terminal.type('q');
		await terminal.waitFor('EXIT=0');
	});

	it('picks a workspace, filters as you type, sorts, marks and revokes after the number is typed', async () => {
		admin = await startMockAdmin();
		admin.space(ACME, pats(Date.now()));
		const terminal = await open(await home(), admin);
		await terminal.keys('4');
		await terminal.waitFor("Which workspace's PATs?");
		await terminal.type('acme');
		await terminal.waitFor('❯ Acme Corp');
		await terminal.keys('Enter');
		let screen = await terminal.waitFor(/Acme Corp · 4 PATs · fetched/);
		// Soonest expiry first: the expired one, then deploy bot.
		expect(screen.indexOf('old laptop')).toBeLessThan(screen.indexOf('deploy bot'));
		expect(screen).toMatch(/❯ +old laptop +Bob Builder <bob@acme\.test> +\S+ \(-1[01]d\) +never +expired/);

		await terminal.type('/');
		await terminal.type('alice');
		screen = await terminal.waitFor('2 of 4 PATs');
		expect(screen).toContain('deploy bot');
		expect(screen).toContain('sheets sync');
		expect(screen).not.toContain('ci runner');
		await terminal.keys('Enter');
		await terminal.type('o');
		await terminal.waitFor('sort last use');
		await terminal.type('o');
		screen = await terminal.waitFor('sort creation (newest first)');
		expect(screen.indexOf('sheets sync')).toBeLessThan(screen.indexOf('deploy bot'));

		await terminal.type('g');
		await terminal.type('  ');
		await terminal.waitFor('2 marked');
		await terminal.type('x');
		await terminal.waitFor('Revoke 2 PATs in Acme Corp?');
		await terminal.type('3');
		await terminal.keys('Enter');
		await terminal.waitFor('Value must be exactly 2');
		await terminal.keys('BSpace');
		await terminal.type('2');
		await terminal.keys('Enter');
		screen = await terminal.waitFor('Revoked 2 PATs.');
		expect(screen.match(/✓ revoked/g)).toHaveLength(2);
		expect(
			admin
				.space(ACME)
				.filter(pat => pat.status === 'revoked')
				.map(pat => pat.name)
				.sort(),
		).toEqual(['deploy bot', 'sheets sync']);
		expect(admin.requests.filter(request => request.method === 'DELETE')).toHaveLength(2);
		// The details of a revoked PAT say so, the field's name apart from its value.
		await terminal.keys('Enter');
		screen = await terminal.waitFor('last revoke');
		expect(screen).toMatch(/^last revoke +✓ revoked$/m);
		await terminal.keys('Escape');
		await terminal.waitFor('sort creation (newest first)');

		await terminal.keys('Escape');
		await terminal.waitFor('Acme Corp · 4 PATs');
		await terminal.type('s');
		screen = await terminal.waitFor('status active');
		expect(screen).toContain('ci runner');
		expect(screen).not.toContain('deploy bot');
		await terminal.keys('Enter');
		screen = await terminal.waitFor('last used');
		expect(screen).toContain('creator    Bob Builder <bob@acme.test>');
		await terminal.keys('Escape');
		// An Esc followed at once by a key reads as Alt+key: wait for the list first.
		await terminal.waitFor('status active · sort');
		await terminal.type('q');
		await terminal.waitFor('EXIT=0');
	}, 60_000);

	it('shows the first rows as soon as the first page arrives, and the remembered listing offline', async () => {
		admin = await startMockAdmin();
		admin.space(ACME, makePats(250, Date.now()));
		admin.onPage(2, {delayMs: 60_000});
		const mock = admin;
		const ntn = await home();
		const terminal = await open(ntn, mock);
		await terminal.keys('4');
		await terminal.type(ACME);
		await terminal.keys('Enter');
		const screen = await terminal.waitFor('fetching… page 1');
		expect(screen).toContain('100 PATs');
		await terminal.type('q');
		await terminal.waitFor('EXIT=0');

		// A whole listing is remembered; with Notion unreachable it is shown with its age.
		admin.onPage(2, {});
		const whole = await open(ntn, mock);
		await whole.keys('4');
		await whole.type('acme');
		await whole.keys('Enter');
		await whole.waitFor('250 PATs · fetched');
		await whole.type('q');
		await whole.waitFor('EXIT=0');
		await mock.close();
		admin = undefined;
		const offline = await open(ntn, mock);
		await offline.keys('4');
		await offline.type('acme');
		await offline.keys('Enter');
		await offline.waitFor(/250 PATs · remembered from (just now|\d+ min ago) \(Notion not reached\)/);
		await offline.type('q');
		await offline.waitFor('EXIT=0');
	}, 60_000);
});
