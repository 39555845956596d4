import {createCore, isNotionTokensError, EXIT, type CoreOptions, type NotionTokensCore} from '../core/index.js';
import {expectPositionals, parseCommandLine, type Args} from './args.js';
import {adminCommand} from './commands/admin.js';
import {expiryWindow} from './commands/expiry-window.js';
import {fixPermissionsCommand} from './commands/fix-permissions.js';
import {logout} from './commands/logout.js';
import {status} from './commands/status.js';
import {savedCommands} from './commands/saved-commands.js';
import {tokenCommands} from './commands/token-commands.js';
import {use} from './commands/use.js';
import {workspaces} from './commands/workspaces.js';
import {HELP} from './help.js';
import type {CommandIo} from './io.js';

export interface RunOptions {
	version: string;
	/** Extra core options (tests: clock, state dir). */
	core?: CoreOptions;
	/** Opens the terminal UI; loaded lazily so headless commands never load Ink. */
	openUi?: (core: NotionTokensCore, args: Args) => Promise<number>;
	/** Builds a throw-away demo home and returns its environment and a cleanup. */
	demoHome?: () => Promise<{env: Record<string, string>; cleanup: () => Promise<void>}>;
}

/** Runs one command line and returns the exit code. Expected failures print `error:` and a hint. */
export async function run(argv: string[], io: CommandIo, options: RunOptions): Promise<number> {
	let cleanup: (() => Promise<void>) | undefined;
	try {
		const args = parseCommandLine(argv);
		if (args.help) {
			io.stdout.write(HELP);
			return EXIT.ok;
		}
		if (args.version) {
			io.stdout.write(`${options.version}\n`);
			return EXIT.ok;
		}
		let env = options.core?.env ?? io.env;
		if (args.demo && options.demoHome) {
			const demo = await options.demoHome();
			cleanup = demo.cleanup;
			env = {...env, ...demo.env};
		}
		const core = createCore({userAgent: `notion-tokens/${options.version}`, ...options.core, env, ...(args.env === undefined ? {} : {environment: args.env})});
		return await dispatch(core, io, args, options);
	} catch (error) {
		if (isNotionTokensError(error)) {
			io.stderr.write(`${io.style.red('error:')} ${error.message}\n${error.fix ? `  hint: ${error.fix}\n` : ''}`);
			return error.exitCode;
		}
		const message = error instanceof Error ? error.message : String(error);
		io.stderr.write(`${io.style.red('error:')} unexpected failure: ${message}\n`);
		if (io.env['NOTION_TOKENS_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
		return EXIT.failure;
	} finally {
		await cleanup?.();
	}
}

async function dispatch(core: NotionTokensCore, io: CommandIo, args: Args, options: RunOptions): Promise<number> {
	switch (args.command) {
		case undefined: {
			expectPositionals(args, 0, 0, '');
			const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
			// A terminal that cannot move the cursor would show every frame one after another.
			if (interactive && io.env['TERM'] === 'dumb') io.stderr.write('notion-tokens: TERM=dumb cannot show the full-screen UI; showing the status.\n');
			else if (interactive && options.openUi) return options.openUi(core, args);
			return status(core, io, {json: args.json});
		}
		case 'status':
			expectPositionals(args, 0, 0, '[--json]');
			return status(core, io, {json: args.json});
		case 'workspaces':
			expectPositionals(args, 0, 0, '[--json] [--all-envs]');
			return workspaces(core, io, {json: args.json, allEnvs: args.allEnvs});
		case 'use':
			expectPositionals(args, 1, 1, '<id|name|->');
			return use(core, io, args.positionals[0]!, {json: args.json});
		case 'logout':
			if (args.all) expectPositionals(args, 0, 0, '--all [--all-envs] [--yes]');
			else expectPositionals(args, 1, 1, '<id|name> [--yes]  (or --all)');
			return logout(core, io, args.positionals[0], {all: args.all, allEnvs: args.allEnvs, yes: args.yes, json: args.json});
		case 'expiry-window':
			expectPositionals(args, 0, 1, '[<days, e.g. 14d or 2w>]');
			return expiryWindow(core, io, args.positionals[0], {json: args.json});
		case 'fix-permissions':
			expectPositionals(args, 0, 0, '');
			return fixPermissionsCommand(core, io, {json: args.json});
		case 'tokens':
		case 'check':
		case 'expiring':
		case 'revoke':
			return tokenCommands[args.command](core, io, args);
		case 'admin':
			return adminCommand(core, io, args);
		case 'add':
		case 'edit':
		case 'remove':
		case 'rotate':
		case 'exec':
			return savedCommands[args.command](core, io, args);
	}
}
