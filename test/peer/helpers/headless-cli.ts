import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {shippedCli} from '../../helpers/shipped-cli.js';
import type {ProcessResult} from './ntn.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The shipped CLI, run as a real process: real stdin/stdout, a real TTY under tmux. */
export const headlessCli = shippedCli;

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
		child.stdin.on('error', () => {}); // the CLI may exit before its stdin is closed (EPIPE)
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
