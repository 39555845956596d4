import fs from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {SHIPPED_CLI as CLI, shippedCli} from '../helpers/shipped-cli.js';
import {ntnHome, ntnJson, workspacesFile, type NtnHome} from '../helpers/ntn-home.js';
import {startTerminal, type Terminal} from './helpers/tmux.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const D = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const token = (id: string) => `mock.11111111-2222-4333-8444-${id.slice(0, 12)}.AAAAAaqqqqqqqkqqiqqqqqqqqqo.nRG7dhEjQiTmLT_FyPemfKTE`;

const terminals: Terminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.splice(0).map(terminal => terminal.close()));
});

beforeAll(() => shippedCli(), 120_000);

/** prod: Alpha (default), Beta, Gamma; dev: Delta (default). File store. */
async function seed(): Promise<NtnHome> {
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A, dev: D}},
		workspaces: workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
				[C, 'Gamma'],
			],
			dev: [[D, 'Delta']],
		}),
		auth: {[A]: token(A), [B]: token(B), [C]: token(C), [D]: token(D)},
	});
	return home;
}

async function open(home: NtnHome, extraEnv: Record<string, string> = {}): Promise<Terminal> {
	const terminal = await startTerminal(['node', CLI], {...home.env, ...extraEnv});
	terminals.push(terminal);
	await terminal.waitFor('❯ ★ Alpha');
	return terminal;
}

describe('terminal UI in a real terminal (tmux)', () => {
	it('switches the default workspace, and config.json is what ntn writes', async () => {
		const home = await seed();
		const terminal = await open(home);
		await terminal.keys('Down');
		await terminal.waitFor('❯   Beta');
		await terminal.keys('Enter');
		await terminal.waitFor('★ Beta is now the default of prod (was Alpha).');
		await terminal.keys('q');
		const screen = await terminal.waitFor('EXIT=0');
		expect(screen).not.toContain('notion-tokens · env');
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {prod: B, dev: D}}));
		expect(await home.read('workspaces.json')).toBe(
			ntnJson(
				workspacesFile({
					prod: [
						[A, 'Alpha'],
						[B, 'Beta'],
						[C, 'Gamma'],
					],
					dev: [[D, 'Delta']],
				}),
			),
		);
	});

	it('logs out of one workspace after y, exactly as ntn would leave the files', async () => {
		const home = await seed();
		const terminal = await open(home);
		await terminal.keys('d');
		await terminal.waitFor('Log out of Alpha (prod)?');
		await terminal.type('y');
		await terminal.waitFor('Logged out of Alpha (prod). prod has no default workspace now.');
		await terminal.waitFor(screen => !/Alpha\s+aaaaaaaa/.test(screen));
		// One key at a time: two escapes read together are one Meta+Esc.
		await terminal.keys('Escape');
		await terminal.waitFor(screen => !screen.includes('Logged out of Alpha'));
		await terminal.keys('Escape');
		await terminal.waitFor('EXIT=0');
		expect(await home.read('workspaces.json')).toBe(
			ntnJson(
				workspacesFile({
					prod: [
						[B, 'Beta'],
						[C, 'Gamma'],
					],
					dev: [[D, 'Delta']],
				}),
			),
		);
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {dev: D}}));
		expect(await home.read('auth.json')).toBe(ntnJson({[B]: token(B), [C]: token(C), [D]: token(D)}));
	});

	it('logs out of every workspace of the environment after its name is typed', async () => {
		const home = await seed();
		const terminal = await open(home);
		await terminal.keys('L');
		await terminal.waitFor('Log out of all 3 workspaces in prod?');
		await terminal.type('prod');
		await terminal.waitFor('> prod');
		await terminal.keys('Enter');
		await terminal.waitFor('Logged out of 3 workspaces in prod. prod has no default workspace now.');
		await terminal.waitFor('No workspaces cached for prod.');
		await terminal.keys('e', 'e');
		await terminal.waitFor('❯ ★ Delta');
		await terminal.keys('q');
		await terminal.waitFor('EXIT=0');
		expect(await home.read('workspaces.json')).toBe(ntnJson(workspacesFile({dev: [[D, 'Delta']]})));
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {dev: D}}));
		expect(await home.read('auth.json')).toBe(ntnJson({[D]: token(D)}));
	});

	it('Ctrl+C quits with 130 and gives the terminal back', async () => {
		const home = await seed();
		const terminal = await open(home);
		await terminal.keys('/');
		await terminal.waitFor('Enter keeps the filter');
		await terminal.keys('C-c');
		const screen = await terminal.waitFor('EXIT=130');
		expect(screen).not.toContain('notion-tokens · env');
		expect(await home.read('config.json')).toBe(ntnJson({version: '1', defaultWorkspaceIds: {prod: A, dev: D}}));
	});

	it('draws and answers keys on a terminal even when CI variables are set in the shell', async () => {
		const home = await seed();
		const terminal = await open(home, {CI: 'true', CI_JOB_ID: '1'});
		await terminal.keys('Down');
		await terminal.waitFor('❯   Beta');
		await terminal.keys('q');
		await terminal.waitFor('EXIT=0');
	});

	it("follows ntn's files on disk without a key press, and still quits at once", async () => {
		const home = await seed();
		const terminal = await open(home);
		await terminal.keys('2');
		await terminal.waitFor('[2 Tokens]');
		// As ntn login leaves them: the token, then the workspace cache, each replaced by a rename.
		const E = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
		const replace = async (name: string, content: unknown) => {
			await home.write(`.${name}.tmp`, content, name === 'auth.json' ? 0o600 : 0o644);
			await fs.rename(path.join(home.dir, `.${name}.tmp`), path.join(home.dir, name));
		};
		await replace('auth.json', {[A]: token(A), [B]: token(B), [C]: token(C), [D]: token(D), [E]: token(E)});
		await replace(
			'workspaces.json',
			workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
					[C, 'Gamma'],
					[E, 'Epsilon'],
				],
				dev: [[D, 'Delta']],
			}),
		);
		await terminal.waitFor(/Epsilon\s+prod/);
		await terminal.keys('1');
		await terminal.waitFor(/Epsilon\s+eeeeeeee ✓ token/);
		// config.json written in place, as ntn writes it.
		await home.write('config.json', {version: '1', defaultWorkspaceIds: {prod: E, dev: D}});
		await terminal.waitFor('ntn uses the default of prod: ★ Epsilon');
		await terminal.keys('C-c');
		const screen = await terminal.waitFor('EXIT=130');
		expect(screen).not.toContain('notion-tokens · env');
	});

	it("shows a workspace's whole id and copies it with OSC 52", async () => {
		const home = await seed();
		const terminal = await open(home);
		await terminal.keys('Down', 'i');
		await terminal.waitFor(`Id       ${B}`);
		await terminal.keys('c');
		await terminal.waitFor(/Copied the id of Beta to the clipboard: /);
		expect(await terminal.clipboard()).toBe(B);
		await terminal.keys('q');
		await terminal.waitFor('EXIT=0');
	});

	it('TERM=dumb gets the status summary and one line saying why, never the full-screen UI', async () => {
		const home = await seed();
		const terminal = await startTerminal(['node', CLI], {...home.env, TERM: 'dumb'});
		terminals.push(terminal);
		const screen = await terminal.waitFor('EXIT=0');
		expect(screen).toContain('notion-tokens: TERM=dumb cannot show the full-screen UI; showing the status.');
		expect(screen).toMatch(/Default workspace\s+Alpha/);
		expect(screen).not.toContain('notion-tokens · env');
		expect(await terminal.capture({escapes: true})).not.toContain('\u001B[?1049h');

		// It exits as `status` does: 1 when there is a problem.
		const troubled = await startTerminal(['node', CLI], {...home.env, TERM: 'dumb', NOTION_WORKSPACE_ID: 'ffffffff-ffff-4fff-8fff-ffffffffffff'});
		terminals.push(troubled);
		expect(await troubled.waitFor('EXIT=1')).toContain('NOTION_WORKSPACE_ID=ffffffff');
	});

	it('uses colour, and none at all with NO_COLOR; status is in words either way', async () => {
		const home = await seed();
		const colourful = await open(home);
		expect(await colourful.capture({escapes: true})).toMatch(/\u001B\[[0-9;]*3[0-7]m|\u001B\[[0-9;]*38;/);
		const plain = await open(home, {NO_COLOR: '1'});
		const screen = await plain.capture({escapes: true});
		expect(screen).not.toMatch(/\u001B\[[0-9;]*3[0-7]m|\u001B\[[0-9;]*38;[0-9;]*m/);
		expect(await plain.capture()).toMatch(/Alpha\s+aaaaaaaa ✓ token/);
	});
});
