import {createCore, isNotionTokensError, EXIT, parseWindow, type CoreOptions, type NotionTokensCore} from '../core/index.js';
import {parseCommandLine, type Args} from './args.js';
import {status} from './commands/status.js';
import {commandHelp, groupHelp, rootHelp} from './help.js';
import type {CommandIo} from './io.js';
import {chooseSymbols, inSymbols, sanitize} from '../text/index.js';

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
	chooseSymbols(io.env);
	try {
		const line = parseCommandLine(argv);
		if (line.kind === 'help') {
			io.stdout.write(inSymbols(line.spec ? commandHelp(line.spec) : line.group ? groupHelp(line.group) : rootHelp()));
			return EXIT.ok;
		}
		if (line.kind === 'version') {
			io.stdout.write(`${options.version}\n`);
			return EXIT.ok;
		}
		const {args, spec} = line;
		let env = options.core?.env ?? io.env;
		if (args.demo && options.demoHome) {
			const demo = await options.demoHome();
			cleanup = demo.cleanup;
			env = {...env, ...demo.env};
		}
		const core = createCore({userAgent: `notion-tokens/${options.version}`, ...options.core, env, ...(args.env === undefined ? {} : {environment: args.env})});
		if (args.command === '') return await root(core, io, args, options);
		return await spec.run(core, io, args);
	} catch (error) {
		if (isNotionTokensError(error)) {
			io.stderr.write(`${io.style.red('error:')} ${inSymbols(sanitize(error.message))}\n${error.fix ? `  hint: ${inSymbols(sanitize(error.fix))}\n` : ''}`);
			return error.exitCode;
		}
		const message = error instanceof Error ? error.message : String(error);
		io.stderr.write(`${io.style.red('error:')} unexpected failure: ${sanitize(message)}\n`);
		if (io.env['NOTION_TOKENS_DEBUG'] && error instanceof Error) io.stderr.write(`${(error.stack ?? '').split('\n').map(sanitize).join('\n')}\n`);
		return EXIT.failure;
	} finally {
		await cleanup?.();
	}
}

/** No command: the UI on a terminal, else the status summary. Its options are checked first, either way. */
async function root(core: NotionTokensCore, io: CommandIo, args: Args, options: RunOptions): Promise<number> {
	if (args.within !== undefined) parseWindow(args.within);
	const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
	// A terminal that cannot move the cursor would show every frame one after another.
	if (interactive && io.env['TERM'] === 'dumb') io.stderr.write('notion-tokens: TERM=dumb cannot show the full-screen UI; showing the status.\n');
	else if (interactive && options.openUi) return options.openUi(core, args);
	return status(core, io, {json: args.json});
}
