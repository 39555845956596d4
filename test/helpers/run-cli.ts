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
	options: {core?: CoreOptions; stdinIsTTY?: boolean; /** Sent on stdin, which then ends. */ input?: string} & Partial<RunOptions> = {},
): Promise<CliResult> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const stdin = Object.assign(new PassThrough(), {isTTY: options.stdinIsTTY ?? false});
	if (options.input !== undefined) stdin.end(options.input);
	const out = collect(stdout);
	const err = collect(stderr);
	const {input: _input, ...rest} = options;
	const code = await run(
		argv,
		{stdout, stderr, stdin, env, style: createStyle(false)},
		{
			version: '0.0.0-test',
			...rest,
			core: {env, ...options.core},
		},
	);
	return {code, stdout: out(), stderr: err()};
}
