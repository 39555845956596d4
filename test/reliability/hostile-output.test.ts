/**
 * Hostile text reaches the terminal only as text. ntn's three files hold names, an id and tokens
 * with escape sequences (window title, clear screen and scrollback, an unclosed OSC 8 link, an OSC
 * 52 clipboard write, CR/LF, bidi and C1 controls), and the loopback Notion answers with hostile
 * token names, a hostile user name and a 401 whose message holds escapes. Every text command, in
 * colour, writes no control but LF and its own styling, and shows the escaped form; `--json` keeps
 * the exact strings. The UI, in a real terminal (tmux), leaves the pane's title as it was and its
 * output bytes hold none of the sequences.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {run} from '../../source/cli/run.js';
import {createStyle} from '../../source/cli/style.js';
import {fixedClock} from '../../source/core/index.js';
import {startTerminal} from '../e2e/helpers/tmux.js';
import {mintToken, startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {ntnHome, tempDir} from '../helpers/ntn-home.js';
import {SHIPPED_CLI, shippedCli} from '../helpers/shipped-cli.js';
import {fact} from '../helpers/token-fixtures.js';
import {foreignControls, HOSTILE_IDS, HOSTILE_TEXTS, hostileNtnFiles} from './support/hostile-cases.js';

const NOW = '2026-03-11T12:00:00.000Z';
const tokenA = mintToken({tokenId: 'tok-a', spaceId: HOSTILE_IDS.plain[0]});
const tokenB = mintToken({tokenId: 'tok-b', spaceId: HOSTILE_IDS.plain[1]});
const pat = 'ntn_' + 'Hh5Jj6Kk7Ll8Mm9Nn0Pp1Qq2';
const REFUSAL = `Token refused \u001B]0;PWNED\u0007 \u001B[2J\u001B[3J (\u202Edrawkcab)`;

let server: MockNotion;

/** A fresh ntn home with the hostile files (temp dirs are removed after each test). */
async function hostileEnv(): Promise<Record<string, string>> {
	const home = await ntnHome(hostileNtnFiles({a: tokenA, b: tokenB}));
	return {...home.env, NOTION_API_BASE_URL: server.baseUrl, NOTION_PUBLIC_API_BASE_URL: server.baseUrl, NOTION_API_TOKEN: pat};
}

beforeAll(async () => {
	server = await startMockNotion({now: () => new Date(NOW)});
	server.setToken(tokenA, {
		tokens: [
			fact('tok-a', HOSTILE_TEXTS.link, '2025-06-01T00:00:00Z', '2026-03-14T00:00:00Z'),
			fact('tok-\u001B[2J', HOSTILE_TEXTS.title, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
		],
	});
	server.setToken(tokenB, {status: 401, body: JSON.stringify({object: 'error', status: 401, code: 'unauthorized', message: REFUSAL})});
	server.setToken(pat, {});
	server.setUser(pat, {kind: 'person', name: HOSTILE_TEXTS.clipboard, workspaceName: HOSTILE_TEXTS.bidi});
});

afterAll(async () => {
	await server.close();
});

/** The CLI in-process, in colour (FORCE_COLOR's styling), as a terminal would receive it; `after` runs first. */
async function colourCli(argv: string[], after?: string[]): Promise<{code: number; output: string}> {
	const env = await hostileEnv();
	if (after) await cliIn(env, after);
	return cliIn(env, argv);
}

async function cliIn(env: Record<string, string>, argv: string[]): Promise<{code: number; output: string}> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const chunks: Buffer[] = [];
	stdout.on('data', chunk => chunks.push(chunk as Buffer));
	stderr.on('data', chunk => chunks.push(chunk as Buffer));
	const stdin = Object.assign(new PassThrough(), {isTTY: false});
	const code = await run(
		argv,
		{stdout, stderr, stdin, env, style: createStyle(true)},
		{version: '0.0.0-test', core: {env, clock: fixedClock(NOW), httpTimeoutMs: 2000}},
	);
	return {code, output: Buffer.concat(chunks).toString('utf8')};
}

const escaped = (text: string) =>
	text.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, character => {
		const code = character.codePointAt(0)!;
		if (character === '\n') return '\\n';
		if (character === '\r') return '\\r';
		return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
	});

describe('hostile names and messages in the CLI', () => {
	const commands: Array<{argv: string[]; shows: string[]; after?: string[]}> = [
		{argv: ['status'], shows: ['Row\\r\\nsplit\\rover', 'e0000000-\\x1b]0;ID\\x07']},
		{argv: ['workspaces'], shows: ['Title \\x1b]0', 'Clear \\x1b[2', 'Row\\r\\nsplit', 'e0000000-\\x1b]0;ID\\x07', 'ntn_…\\x1b[2J']},
		{argv: ['workspaces', '--all-envs'], shows: ['Bidi \\u202e', 'C1 \\x9b']},
		{argv: ['tokens', '--all-envs'], shows: ['Title \\x1b]0;PWNED\\', 'Row\\r\\nsplit\\rover']},
		{argv: ['check'], shows: ['Token refused \\x1b]0;PWNED\\x07 \\x1b[2J\\x1b[3J', '(\\u202edrawkcab)', 'Clip \\x1b]52;c;cHduZWQ=\\x07']},
		{argv: ['tokens'], after: ['check'], shows: ['tok-\\x1b[2J', 'Clip \\x1b]52']},
		{argv: ['expiring'], after: ['check'], shows: ['Title \\x1b]0']},
		{argv: ['--env', 'dev', 'status'], shows: ['Bidi \\u202eevil\\u202c \\u2066x\\u2069']},
		{argv: ['use', HOSTILE_TEXTS.clear], shows: ['Clear \\x1b[2J\\x1b[3J']},
		{argv: ['use', 'Missing \u001B]0;PWNED\u0007'], shows: ['Missing \\x1b]0;PWNED\\x07']},
		{argv: ['revoke', 'tok-\u001B[2J', '--yes'], after: ['check'], shows: ['tok-\\x1b[2J']},
		{argv: ['logout', HOSTILE_TEXTS.link, '--yes'], shows: ['Link \\x1b]8;;https://evil.example/\\x1b\\click']},
		{argv: ['logout', '--all', '--all-envs', '--yes'], shows: ['Row\\r\\nsplit\\rover', 'Bidi \\u202e']},
	];
	for (const {argv, shows, after} of commands) {
		it(`\`${escaped(argv.join(' '))}\`: no control but LF and our styling, the names shown escaped`, async () => {
			const {output} = await colourCli(argv, after);
			expect(foreignControls(output), output).toEqual([]);
			for (const text of shows) expect(output).toContain(text);
		});
	}

	it('--json keeps every string exactly (JSON escapes the controls)', async () => {
		const fresh = await ntnHome(hostileNtnFiles({a: tokenA, b: tokenB}));
		const stdout = new PassThrough();
		const chunks: Buffer[] = [];
		stdout.on('data', chunk => chunks.push(chunk as Buffer));
		const stdin = Object.assign(new PassThrough(), {isTTY: false});
		await run(
			['workspaces', '--json', '--all-envs'],
			{stdout, stderr: new PassThrough(), stdin, env: fresh.env, style: createStyle(true)},
			{version: '0', core: {env: fresh.env}},
		);
		const text = Buffer.concat(chunks).toString('utf8');
		expect(foreignControls(text)).toEqual([]);
		const names = (JSON.parse(text) as Array<{id: string; name: string}>).map(row => row.name).sort();
		expect(names).toEqual(
			[HOSTILE_TEXTS.title, HOSTILE_TEXTS.clear, HOSTILE_TEXTS.link, HOSTILE_TEXTS.clipboard, HOSTILE_TEXTS.rows, HOSTILE_TEXTS.bidi].sort(),
		);
		expect((JSON.parse(text) as Array<{id: string}>).map(row => row.id)).toContain(HOSTILE_IDS.hostile);
	});
});

describe('hostile names and messages in the UI', () => {
	beforeAll(() => shippedCli(), 120_000);

	it('every screen shows them escaped; the pane title stays; no sequence of theirs reaches the terminal', async () => {
		const uiEnv = {...(await hostileEnv()), LANG: 'C.UTF-8'};
		const bytes = path.join(await tempDir('nt-hostile-ui-'), 'output');
		// The UI starts after Enter, once every byte it writes is recorded.
		const terminal = await startTerminal(['sh', '-c', 'read _ && exec node "$0"', SHIPPED_CLI], uiEnv, {columns: 100, rows: 30});
		try {
			await terminal.record(bytes);
			const title = await terminal.title();
			await terminal.keys('Enter');
			await terminal.waitFor('Title \\x1b]0;PWNED\\x07');
			const screens = [await terminal.capture()];
			await terminal.keys('2');
			screens.push(await terminal.waitFor(/NOTION_API_TOKEN/));
			await terminal.keys('r');
			screens.push(await terminal.waitFor(/Checked 5 tokens/, 15_000));
			// The details of Clear's token: Notion's refusal, whole and escaped.
			await terminal.keys('Down', 'Enter');
			screens.push(await terminal.waitFor('Token refused \\x1b]0;PWNED\\x07'));
			await terminal.keys('Escape', '3');
			screens.push(await terminal.waitFor(/\[3 Expiring/));
			await terminal.keys('1', 'Down', 'L');
			screens.push(await terminal.waitFor(/Log out/));
			// Each Esc is seen alone before the next key (an Esc with a key after it reads as Alt+key).
			await terminal.keys('Escape');
			await terminal.waitFor('Nothing was changed');
			// The details of the selected workspace: its whole name and id, escaped.
			await terminal.keys('i');
			screens.push(await terminal.waitFor('c copies the whole id'));
			await terminal.keys('Escape');
			await terminal.waitFor(screen => !screen.includes('c copies the whole id'));
			await terminal.keys('?');
			screens.push(await terminal.waitFor('Keys ('));
			// Esc closes the help, back on Workspaces, where q quits.
			await terminal.keys('Escape');
			await terminal.waitFor(screen => !screen.includes('Keys ('));
			await terminal.keys('q');
			await terminal.waitFor('EXIT=0');
			expect(await terminal.title()).toBe(title);
			const all = screens.join('\n');
			for (const text of [HOSTILE_TEXTS.title, HOSTILE_TEXTS.clear, HOSTILE_TEXTS.rows]) expect(all).toContain(escaped(text).slice(0, 18));
			const written = await fs.readFile(bytes, 'utf8');
			expect(written.length).toBeGreaterThan(1000);
			for (const text of [...Object.values(HOSTILE_TEXTS), REFUSAL, HOSTILE_IDS.hostile]) expect(written.includes(text), escaped(text)).toBe(false);
			// Ink draws with CSI sequences only: no OSC, BEL, C1 or bidi control is ever written.
			expect(written).not.toMatch(/\u001B\]|\u0007|[\u0080-\u009F]|[\u202A-\u202E\u2066-\u2069]/);
		} finally {
			await terminal.close();
		}
	}, 60_000);
});
