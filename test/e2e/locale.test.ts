/**
 * A terminal whose locale is not UTF-8 (LANG=C): the UI and the CLI draw their symbols in ASCII
 * (`>` selected, `*` default, `ok`, `x`, `!`, `...`, `-`), so the default, a missing token and an
 * expired one still look different, and nothing else than ASCII reaches the screen.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {mintToken, startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {runCli} from '../helpers/run-cli.js';
import {ntnHome, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {SHIPPED_CLI as CLI, shippedCli} from '../helpers/shipped-cli.js';
import {fact} from '../helpers/token-fixtures.js';
import {chooseSymbols} from '../../source/text/index.js';
import {startTerminal, type Terminal} from './helpers/tmux.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const ASCII_SCREEN = /^[\u0020-\u007E\n]*$/;

let server: MockNotion;
const terminals: Terminal[] = [];

beforeAll(async () => {
	await shippedCli();
	server = await startMockNotion();
}, 120_000);
afterEach(async () => {
	await Promise.all(terminals.splice(0).map(terminal => terminal.close()));
	chooseSymbols({});
});
afterAll(async () => {
	await server.close();
});

/** prod: Alpha (default, its token expired), Beta (valid), Gamma (no token). */
async function seed(): Promise<{home: NtnHome; env: Record<string, string>}> {
	const alpha = mintToken({tokenId: 'tok-alpha', spaceId: A});
	const beta = mintToken({tokenId: 'tok-beta', spaceId: B});
	server.setToken(alpha, {tokens: [fact('tok-alpha', 'alpha', '2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z')]});
	server.setToken(beta, {tokens: [fact('tok-beta', 'beta', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z')]});
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
			],
		}),
		auth: {[A]: alpha, [B]: beta},
	});
	return {home, env: {...home.env, NOTION_API_BASE_URL: server.baseUrl, NOTION_PUBLIC_API_BASE_URL: server.baseUrl}};
}

describe('LANG=C', () => {
	it('the UI draws ASCII only: > selected, * default, ok and x for tokens, ! and x for expiry', async () => {
		const {env} = await seed();
		const terminal = await startTerminal(['node', CLI], {...env, LANG: 'C'});
		terminals.push(terminal);
		const first = await terminal.waitFor('> * Alpha');
		expect(first).toMatch(/ {3}Gamma .* x missing/);
		expect(first).toMatch(/ {3}Beta .* ok token/);
		await terminal.keys('2', 'r');
		const tokens = await terminal.waitFor(/Checked 2 tokens/, 15_000);
		expect(tokens).toMatch(/Alpha .* x expired/);
		await terminal.keys('1');
		const expiries = await terminal.waitFor(/x2021-01-01/);
		expect(expiries).toMatch(/> \* Alpha .*x2021-01-01/);
		const screens = [first, tokens, expiries];
		for (const [key, shows] of [
			['3', /need attention/],
			['?', /help|Keys/i],
		] as const) {
			await terminal.keys(key);
			screens.push(await terminal.waitFor(shows));
		}
		await terminal.keys('Escape', '1', 'L');
		screens.push(await terminal.waitFor(/Log out/));
		// Ink's own cut of a line at the screen's edge (wrap="truncate-end") still ends it with `…`.
		for (const screen of screens) expect(screen.replace(/…$/gm, ''), screen).toMatch(ASCII_SCREEN);
	}, 60_000);

	it('the Tokens screen at 120 columns: each token and status starts under its heading, in both locales, and nothing is cut', async () => {
		const {env} = await seed();
		for (const [lang, masked, status] of [
			['C', /^\S{4}\.\.\.\S{4} /, /^(x expired|ok valid)$/],
			['C.UTF-8', /^\S{4}…\S{4} /, /^(✗ expired|✓ valid)$/],
		] as const) {
			const terminal = await startTerminal(['node', CLI], {...env, LANG: lang}, {columns: 120, rows: 40});
			terminals.push(terminal);
			await terminal.waitFor('Alpha');
			await terminal.keys('2', 'r');
			const screen = await terminal.waitFor(/Checked 2 tokens/, 15_000);
			const lines = screen.split('\n');
			const header = lines.find(line => line.includes('STATUS'))!;
			for (const name of ['Alpha', 'Beta']) {
				const row = lines.find(line => / (Alpha|Beta) /.test(line) && line.includes(name))!;
				expect(row.slice(header.indexOf('TOKEN')), screen).toMatch(masked);
				expect(row.slice(header.indexOf('STATUS')).trimEnd(), screen).toMatch(status);
			}
			if (lang === 'C') expect(screen, screen).not.toContain('…');
			await terminal.close();
		}
	}, 60_000);

	it('the CLI prints ASCII only, with the same marks', async () => {
		const {env} = await seed();
		const workspaces = await runCli(['workspaces'], {...env, LC_ALL: 'C', LANG: 'en_US.UTF-8'});
		expect(workspaces.stdout).toMatch(ASCII_SCREEN);
		expect(workspaces.stdout).toContain(`* Alpha  ${A}`);
		expect(workspaces.stdout).toContain('missing - run `ntn login`');
		const check = await runCli(['check'], {...env, LANG: 'C'});
		expect(check.stdout).toMatch(ASCII_SCREEN);
		expect(check.stdout).toMatch(/Beta .* ok valid/);
		expect(check.stdout).toMatch(/Alpha .* ok valid - expired 2021-01-01/);
		const status = await runCli(['status'], {...env, LANG: 'POSIX'});
		expect(status.stdout).toMatch(ASCII_SCREEN);
		expect((await runCli(['--help'], {LANG: 'C'})).stdout).toMatch(ASCII_SCREEN);
		// A UTF-8 locale keeps the symbols.
		expect((await runCli(['workspaces'], {...env, LANG: 'C.UTF-8'})).stdout).toContain(`★ Alpha  ${A}`);
	});
});
