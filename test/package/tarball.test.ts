/**
 * The package as npm installs it: `npm pack` from a clean checkout (no dist/) builds the bundle,
 * and `npm install -g` of the tarball into a fresh prefix gives a working `notion-tokens` — its
 * commands and its UI — that installed nothing but what the bundle loads at run time.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {startTerminal} from '../e2e/helpers/tmux.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const token = 'mock.11111111-2222-4333-8444-aaaaaaaaaaaa.AAAAAaqqqqqqqkqqiqqqqqqqqqo.nRG7dhEjQiTmLT_FyPemfKTE';
/** The node running the tests first on PATH, so the installed command runs on the same Node. */
const PATH = `${path.dirname(process.execPath)}:${process.env['PATH'] ?? '/usr/bin:/bin'}`;

let work: string;
let packed: {filename: string; files: Array<{path: string}>};
let command: string;

beforeAll(async () => {
	work = await fs.mkdtemp(path.join(os.tmpdir(), 'nt-package-'));
});

afterAll(async () => {
	if (work) await fs.rm(work, {recursive: true, force: true});
});

describe('the npm package', () => {
	it('npm pack from a checkout without dist/ ships the built command', async () => {
		const checkout = path.join(work, 'checkout');
		const skip = new Set(['.git', 'node_modules', 'dist', path.join('bench', 'results.json')]);
		await fs.cp(ROOT, checkout, {recursive: true, filter: source => !skip.has(path.relative(ROOT, source))});
		await fs.symlink(await fs.realpath(path.join(ROOT, 'node_modules')), path.join(checkout, 'node_modules'));
		const {stdout} = await run('npm', ['pack', '--json', '--pack-destination', work], {cwd: checkout, env: {...process.env, PATH}});
		[packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as [typeof packed];
		const files = packed.files.map(file => file.path);
		expect(files).toContain('dist/notion-tokens.mjs');
		expect(files.some(file => file.startsWith('dist/chunks/'))).toBe(true);
		expect(files.filter(file => !file.startsWith('dist/')).sort()).toEqual(['README.md', 'package.json']);
	}, 120_000);

	it('npm install -g of the tarball installs a command that needs only the keyring from node_modules', async () => {
		expect(packed).toBeDefined();
		const prefix = path.join(work, 'prefix');
		await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], {
			env: {...process.env, PATH},
		});
		command = path.join(prefix, 'bin', 'notion-tokens');
		const installed = path.join(prefix, 'lib', 'node_modules', 'notion-tokens');
		const scopes = await fs.readdir(path.join(installed, 'node_modules'));
		expect(scopes).toEqual(['@napi-rs']);
		const packages = await fs.readdir(path.join(installed, 'node_modules', '@napi-rs'));
		expect(packages).toContain('keyring');
		expect(packages.filter(name => !name.startsWith('keyring'))).toEqual([]);
		const {stdout} = await run(command, ['--version'], {env: {PATH}});
		expect(stdout.trim()).toMatch(/^(notion-tokens )?\d+\.\d+\.\d+$/);
	}, 120_000);

	it('the installed command runs its commands and opens its UI', async () => {
		expect(command).toBeDefined();
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A}},
			workspaces: workspacesFile({prod: [[A, 'Alpha']]}),
			auth: {[A]: token},
		});
		const {stdout} = await run(command, ['workspaces', '--json'], {env: {PATH, ...home.env}});
		expect(JSON.parse(stdout)).toMatchObject([{name: 'Alpha', hasToken: true}]);
		const terminal = await startTerminal([command], {...home.env, PATH});
		try {
			expect(await terminal.waitFor(screen => screen.includes('❯ ★ Alpha') || screen.includes('EXIT='))).toContain('❯ ★ Alpha');
			await terminal.keys('q');
			await terminal.waitFor('EXIT=0');
		} finally {
			await terminal.close();
		}
	}, 60_000);
});
