/**
 * The bundle as it ships, under environment variables a user may have set for other programs.
 * Ink reads `DEV=true` as "connect to React devtools" (and reads its own package.json, which is not
 * shipped): the shipped UI must ignore it.
 */
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {SHIPPED_CLI as CLI, shippedCli} from '../helpers/shipped-cli.js';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {startTerminal, type Terminal} from './helpers/tmux.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const token = `mock.11111111-2222-4333-8444-aaaaaaaaaaaa.AAAAAaqqqqqqqkqqiqqqqqqqqqo.nRG7dhEjQiTmLT_FyPemfKTE`;

const terminals: Terminal[] = [];
afterEach(async () => {
	await Promise.all(terminals.splice(0).map(terminal => terminal.close()));
});

beforeAll(() => shippedCli(), 120_000);

describe('the shipped UI and the environment', () => {
	it('opens, draws and quits with DEV=true set', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
			auth: {[A]: token},
		});
		const terminal = await startTerminal(['node', CLI], {...home.env, DEV: 'true'});
		terminals.push(terminal);
		expect(await terminal.waitFor(screen => screen.includes('❯ ★ Alpha') || screen.includes('EXIT='))).toContain('❯ ★ Alpha');
		await terminal.keys('q');
		await terminal.waitFor('EXIT=0');
	});
});
