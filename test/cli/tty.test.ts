import {describe, expect, it} from 'vitest';
import {ntnHome, ntnJson, workspacesFile} from '../helpers/ntn-home.js';
import {headlessCommand, nodePath} from '../peer/helpers/headless-cli.js';
import {startTmux} from '../peer/helpers/tmux.js';

/**
 * Destructive commands on a real terminal (tmux): they ask, and do only what was confirmed.
 */

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const TOKEN_A = 'ntn_tty_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_tty_token_BBBB_0123456789abcdef';

const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
		],
	}),
	auth: {[A]: TOKEN_A, [B]: TOKEN_B},
});

async function start(...args: string[]) {
	const home = await ntnHome(files());
	const terminal = startTmux([...(await headlessCommand()), ...args], {...home.env, NODE_PATH: nodePath, NO_COLOR: '1'});
	return {home, terminal};
}

describe('confirmation on a terminal', () => {
	it('logout <name> asks; "y" logs out', async () => {
		const {home, terminal} = await start('logout', 'Alpha');
		await terminal.waitFor(`Log out of Alpha (${A}) in prod? [y/N]`);
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
		terminal.type('y');
		terminal.keys('Enter');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).toContain(`✓ Logged out of Alpha (${A}, prod)`);
		expect(screen).toContain('prod has no default workspace now.');
		expect(screen).toContain('EXIT=0');
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[B]: TOKEN_B});
	});

	it('anything but y/yes (here "n", and a bare Enter) cancels: nothing changes, exit 1', async () => {
		for (const answer of ['n', '']) {
			const {home, terminal} = await start('logout', 'Alpha');
			await terminal.waitFor('[y/N]');
			if (answer) terminal.type(answer);
			terminal.keys('Enter');
			const screen = await terminal.waitFor(/EXIT=\d+/);
			expect(screen).toContain('Cancelled: nothing was changed.');
			expect(screen).toContain('EXIT=1');
			expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
			expect(await home.read('config.json')).toBe(ntnJson(files().config));
		}
	});

	it('logout --all asks about the whole environment; "yes" runs ntn\'s logout', async () => {
		const {home, terminal} = await start('logout', '--all');
		await terminal.waitFor('Log out of every workspace of prod? Their tokens are deleted. [y/N]');
		terminal.type('yes');
		terminal.keys('Enter');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).toContain('EXIT=0');
		expect(await home.read('auth.json')).toBe('{}');
		expect(await home.read('workspaces.json')).toBe('{\n  "version": "1",\n  "environments": {}\n}');
	});

	it('Ctrl+C at the question stops with exit 130 and changes nothing', async () => {
		const {home, terminal} = await start('logout', 'Alpha');
		await terminal.waitFor('[y/N]');
		terminal.keys('C-c');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).toContain('EXIT=130');
		expect(screen).not.toContain('unsettled');
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
	});

	it('Ctrl+D (end of input) at the question cancels, exit 1, and changes nothing', async () => {
		const {home, terminal} = await start('logout', 'Alpha');
		await terminal.waitFor('[y/N]');
		terminal.keys('C-d');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).toContain('EXIT=1');
		expect(screen).toContain('Cancelled: nothing was changed.');
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
	});

	it('--yes does not ask on a terminal either', async () => {
		const {home, terminal} = await start('logout', 'Beta', '--yes');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen).not.toContain('[y/N]');
		expect(screen).toContain('EXIT=0');
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[A]: TOKEN_A});
	});
});

describe("the question's layout", () => {
	it('after an answer the output follows on the next line, with no blank line between', async () => {
		const {terminal} = await start('logout', 'Alpha');
		await terminal.waitFor('[y/N]');
		terminal.type('y');
		terminal.keys('Enter');
		const screen = await terminal.waitFor(/EXIT=\d+/);
		expect(screen.split('\n').slice(0, 3)).toEqual([
			`Log out of Alpha (${A}) in prod? [y/N] y`,
			`✓ Logged out of Alpha (${A}, prod)`,
			'prod has no default workspace now.',
		]);
	});
});
