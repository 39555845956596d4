import {parseArgs} from 'node:util';
import {NotionTokensError, EXIT} from '../core/index.js';

export const COMMANDS = ['status', 'workspaces', 'use', 'logout', 'tokens', 'check', 'expiring', 'revoke', 'fix-permissions', 'expiry-window', 'admin'] as const;
export type Command = (typeof COMMANDS)[number];

export interface Args {
	command: Command | undefined;
	positionals: string[];
	env: string | undefined;
	json: boolean;
	yes: boolean;
	all: boolean;
	allEnvs: boolean;
	within: string | undefined;
	/** `admin pats` filters and output. */
	status: string | undefined;
	creator: string | undefined;
	search: string | undefined;
	unused: string | undefined;
	csv: boolean;
	demo: boolean;
	help: boolean;
	version: boolean;
}

const usage = (message: string) =>
	new NotionTokensError('usage', message, {fix: 'Run `notion-tokens --help` for the commands and options.', exitCode: EXIT.usage});

/** Parses the command line with node's own parser (strict: unknown flags are errors). */
export function parseCommandLine(argv: string[]): Args {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: {
				env: {type: 'string'},
				json: {type: 'boolean', default: false},
				yes: {type: 'boolean', short: 'y', default: false},
				all: {type: 'boolean', default: false},
				'all-envs': {type: 'boolean', default: false},
				within: {type: 'string'},
				status: {type: 'string'},
				creator: {type: 'string'},
				search: {type: 'string'},
				unused: {type: 'string'},
				csv: {type: 'boolean', default: false},
				demo: {type: 'boolean', default: false},
				help: {type: 'boolean', short: 'h', default: false},
				version: {type: 'boolean', short: 'v', default: false},
			},
		});
	} catch (error) {
		throw usage((error as Error).message.replace(/\. To specify a positional argument.*$/, '').replace(/^TypeError \[[A-Z_]+\]: /, ''));
	}
	const [first, ...positionals] = parsed.positionals;
	if (first !== undefined && !(COMMANDS as readonly string[]).includes(first)) {
		throw usage(`unknown command '${first}'; commands: ${COMMANDS.join(', ')}`);
	}
	const {values} = parsed;
	return {
		command: first as Command | undefined,
		positionals,
		env: values.env,
		json: values.json,
		yes: values.yes,
		all: values.all,
		allEnvs: values['all-envs'],
		within: values.within,
		status: values.status,
		creator: values.creator,
		search: values.search,
		unused: values.unused,
		csv: values.csv,
		demo: values.demo,
		help: values.help,
		version: values.version,
	};
}

/** Checks the positional arguments a command takes. */
export function expectPositionals(args: Args, min: number, max: number, shape: string): void {
	if (args.positionals.length < min || args.positionals.length > max) {
		throw usage(`usage: notion-tokens ${args.command}${shape ? ` ${shape}` : ''}`);
	}
}
