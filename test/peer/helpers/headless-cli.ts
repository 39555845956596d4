import {spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import type {ProcessResult} from './ntn.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let built: Promise<string> | undefined;

/**
 * Bundles the headless CLI (test/peer/fixtures/headless-cli.ts) with esbuild into a temp dir, once
 * per test file, so it can run as a real process: real stdin/stdout, a real TTY under tmux.
 */
export function headlessCli(): Promise<string> {
	built ??= (async () => {
		const outdir = await fs.mkdtemp(path.join(os.tmpdir(), 'nt-cli-'));
		await build({
			absWorkingDir: root,
			entryPoints: {'notion-tokens': 'test/peer/fixtures/headless-cli.ts'},
			outdir,
			outExtension: {'.js': '.mjs'},
			bundle: true,
			platform: 'node',
			target: 'node20',
			format: 'esm',
			external: ['@napi-rs/keyring'],
			banner: {js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
			logLevel: 'warning',
		});
		process.once('exit', () => void fs.rm(outdir, {recursive: true, force: true}));
		return path.join(outdir, 'notion-tokens.mjs');
	})();
	return built;
}

/** NODE_PATH lets the bundle outside the project find the native keyring module. */
export const nodePath = path.join(root, 'node_modules');

/** The command line that starts the bundled CLI (for tmux). */
export async function headlessCommand(): Promise<string[]> {
	return [process.execPath, await headlessCli()];
}

/**
 * Runs the bundled CLI as a process with exactly `env` (plus PATH and NODE_PATH). `stdin: 'open'`
 * gives it a pipe that is never written to nor closed: a command that waited on it would hang
 * until the time limit, and the result says so.
 */
export async function runCliProcess(
	args: string[],
	env: Record<string, string | undefined>,
	options: {stdin?: 'open' | 'closed'; timeoutMs?: number; prefix?: string[]} = {},
): Promise<ProcessResult & {timedOut: boolean; ms: number}> {
	const script = await headlessCli();
	const clean = Object.fromEntries(
		Object.entries({PATH: process.env['PATH'], NODE_PATH: nodePath, ...env}).filter(([, value]) => value !== undefined),
	) as Record<string, string>;
	const [command, ...prefixArgs] = [...(options.prefix ?? []), process.execPath];
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command!, [...prefixArgs, script, ...args], {env: clean, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
		if (options.stdin !== 'open') child.stdin.end();
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, options.timeoutMs ?? 10_000);
		child.on('error', reject);
		child.on('close', code => {
			clearTimeout(timer);
			child.stdin.destroy();
			resolve({code: code ?? -1, stdout, stderr, timedOut, ms: performance.now() - started});
		});
	});
}
