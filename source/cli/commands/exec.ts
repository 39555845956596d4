/**
 * `exec <label> -- <command> [args…]`: runs the command with NOTION_API_TOKEN (and
 * NOTION_WORKSPACE_ID when known) in its environment — never on any command line — with our
 * stdio, forwards SIGINT, SIGTERM and SIGHUP to it, and ends with its exit code. Prints nothing of
 * its own on success.
 */
import {NotionTokensError, EXIT, looksLikeToken, tokenOnCommandLine, type NotionTokensCore} from '../../core/index.js';
import {constants} from 'node:os';
import type {Args} from '../args.js';
import {optionFlag} from '../options.js';
import {warn, type CommandIo} from '../io.js';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Exit codes of a command that could not be started, as shells give them. */
export const EXEC_EXIT = {notExecutable: 126, notFound: 127} as const;

const usage = () =>
	new NotionTokensError('usage', 'usage: notion-tokens exec <label> [--allow-expired] -- <command> [args…]', {
		fix: 'Put the command after `--`, e.g. `notion-tokens exec reports -- node sync.js`.',
		exitCode: EXIT.usage,
	});

export async function execCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	if (args.positionals.some(looksLikeToken)) throw tokenOnCommandLine('add');
	if (args.positionals.length !== 1 || !args.rest || args.rest.length === 0) throw usage();
	const [command, ...commandArgs] = args.rest as [string, ...string[]];
	const plan = await core.prepareExec(args.positionals[0]!, {allowExpired: optionFlag(args, 'allow-expired')});
	for (const line of plan.warnings) warn(io, line);
	const env: NodeJS.ProcessEnv = {...io.env, NOTION_API_TOKEN: plan.token.reveal()};
	if (plan.workspaceId) env['NOTION_WORKSPACE_ID'] = plan.workspaceId;
	else delete env['NOTION_WORKSPACE_ID'];

	const {spawn} = await import('node:child_process');
	return new Promise<number>(resolve => {
		const child = spawn(command, commandArgs, {stdio: 'inherit', env});
		const forward = (signal: NodeJS.Signals) => () => {
			child.kill(signal);
		};
		const handlers = FORWARDED.map(signal => [signal, forward(signal)] as const);
		for (const [signal, handler] of handlers) process.on(signal, handler);
		const done = () => {
			for (const [signal, handler] of handlers) process.removeListener(signal, handler);
		};
		child.once('error', error => {
			done();
			const code = (error as NodeJS.ErrnoException).code;
			const name = command.replace(/[^\x20-\x7e]/g, '?');
			const notFound = code === 'ENOENT';
			io.stderr.write(`${io.style.red('error:')} ${notFound ? `command not found: ${name}` : `could not run ${name}: ${code ?? error.message}`}\n`);
			io.stderr.write(`  hint: ${notFound ? 'Check the command name and PATH.' : 'Check that it is an executable file.'}\n`);
			resolve(notFound ? EXEC_EXIT.notFound : EXEC_EXIT.notExecutable);
		});
		child.once('exit', (code, signal) => {
			done();
			if (signal) {
				const number = (constants.signals as Record<string, number>)[signal] ?? 0;
				resolve(128 + number);
			} else resolve(code ?? EXIT.failure);
		});
	});
}
