import {PassThrough} from 'node:stream';
import {run, type RunOptions} from '../../source/cli/run.js';
import {createStyle} from '../../source/cli/style.js';
import type {CoreOptions} from '../../source/core/index.js';

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

const collect = (stream: PassThrough) => {
	const chunks: Buffer[] = [];
	stream.on('data', chunk => chunks.push(chunk as Buffer));
	return () => Buffer.concat(chunks).toString('utf8');
};

/**
 * Runs the CLI in-process with captured, non-terminal streams (as in a pipe or CI): stdin is not
 * a TTY, so nothing may wait on it.
 */
export async function runCli(
	argv: string[],
	env: Record<string, string | undefined>,
	options: {core?: CoreOptions; stdinIsTTY?: boolean} & Partial<RunOptions> = {},
): Promise<CliResult> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const stdin = Object.assign(new PassThrough(), {isTTY: options.stdinIsTTY ?? false});
	const out = collect(stdout);
	const err = collect(stderr);
	const code = await run(argv, {stdout, stderr, stdin, env, style: createStyle(false)}, {
		version: '0.0.0-test',
		...options,
		core: {env, ...options.core},
	});
	return {code, stdout: out(), stderr: err()};
}
