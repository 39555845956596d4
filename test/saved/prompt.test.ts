/**
 * The hidden prompt of `add` and `rotate` on a real terminal (tmux): a pasted token is never
 * echoed, Backspace edits, Enter saves; Ctrl+C saves nothing and exits 130.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome} from '../helpers/ntn-home.js';
import {expectNoLeak} from '../helpers/token-fixtures.js';
import {headlessCommand, nodePath} from '../peer/helpers/headless-cli.js';
import {afterEach} from 'vitest';
import {startTerminal, type Terminal} from '../e2e/helpers/tmux.js';

const TOKEN = 'ntn_tty_3Fg5Hj7Kl9Zx1Cv3Bn5Mq7Wr9Ty2Ui4O';

const open: Terminal[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map(terminal => terminal.close()));
});

/** Each key is sent only after the one before it has been taken (the helper awaits tmux). */
async function start(...args: string[]) {
	const home = await ntnHome({});
	const terminal = await startTerminal([...(await headlessCommand()), ...args], {...home.env, NOTION_TOKENS_STORE: 'file', NODE_PATH: nodePath, NO_COLOR: '1'});
	open.push(terminal);
	const tokens = () =>
		fs.readFile(path.join(home.stateDir, 'tokens.json'), 'utf8').then(
			text => JSON.parse(text).tokens as Record<string, string>,
			() => null,
		);
	return {terminal, tokens};
}

describe('the hidden token prompt', () => {
	it('a paste is not echoed; Backspace edits; Enter saves', async () => {
		const {terminal, tokens} = await start('add', 'typed', '--offline');
		await terminal.waitFor('Token for "typed" (input hidden; paste, then Enter):');
		await terminal.type(`${TOKEN}xx`);
		await terminal.keys('BSpace', 'BSpace');
		await terminal.keys('Enter');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).toContain('✓ Saved "typed" (ntn_…Ui4O)');
		expect(screen).toContain('EXIT=0');
		expectNoLeak(screen, [TOKEN]);
		expect(await tokens()).toEqual({typed: TOKEN});
	});

	it('Ctrl+C at the prompt saves nothing and exits 130', async () => {
		const {terminal, tokens} = await start('add', 'stopped', '--offline');
		await terminal.waitFor('(input hidden; paste, then Enter):');
		await terminal.type(TOKEN.slice(0, 20));
		await terminal.keys('C-c');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).toContain('Interrupted: nothing was saved.');
		expect(screen).toContain('EXIT=130');
		expectNoLeak(screen, [TOKEN]);
		expect(await tokens()).toBeNull();
	});
});
