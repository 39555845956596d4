import fs from 'node:fs/promises';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {SHIPPED_CLI as CLI, shippedCli} from '../helpers/shipped-cli.js';
import {tempDir} from '../helpers/ntn-home.js';
import {startTerminal, type Terminal} from './helpers/tmux.js';

const terminals: Terminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.splice(0).map(terminal => terminal.close()));
});

beforeAll(() => shippedCli(), 120_000);

const demoDirs = async (tmp: string) => (await fs.readdir(tmp)).filter(name => name.startsWith('notion-tokens-demo-'));

/** The pid of the pane's one child: the CLI (the pane's shell runs it, then prints EXIT=). */
async function cliPid(terminal: Terminal): Promise<number> {
	const shell = await terminal.panePid();
	const children = (await fs.readFile(`/proc/${shell}/task/${shell}/children`, 'utf8')).trim().split(/\s+/);
	expect(children).toHaveLength(1);
	return Number(children[0]);
}

describe('--demo removes its made-up config however it is stopped', () => {
	const cases: Array<[NodeJS.Signals, number]> = [
		['SIGINT', 130],
		['SIGQUIT', 131],
		['SIGTERM', 143],
		['SIGHUP', 129],
	];
	for (const [signal, code] of cases) {
		it(`${signal} from outside: the demo dir is gone, exit ${code}`, async () => {
			const tmp = await tempDir();
			const home = await tempDir();
			const terminal = await startTerminal(['node', CLI, '--demo'], {HOME: home, TMPDIR: tmp});
			terminals.push(terminal);
			await terminal.waitFor('Acme Corp');
			expect(await demoDirs(tmp)).toHaveLength(1);
			process.kill(await cliPid(terminal), signal);
			const screen = await terminal.waitFor(/EXIT=\d+/);
			expect(screen).toContain(`EXIT=${code}`);
			expect(await demoDirs(tmp)).toEqual([]);
		});
	}
});
