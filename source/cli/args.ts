import {parseArgs} from 'node:util';
import {NotionTokensError, EXIT, looksLikeToken} from '../core/index.js';

export const COMMANDS = ['status', 'workspaces', 'use', 'logout', 'tokens', 'check', 'expiring', 'revoke', 'fix-permissions', 'expiry-window', 'admin', 'add', 'edit', 'remove', 'exec', 'rotate'] as const;
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
	/** Saved tokens: `add`, `edit`, `rotate`, `exec`. */
	saved: {
		expires: string | undefined;
		lifetime: string | undefined;
		created: string | undefined;
		note: string | undefined;
		rename: string | undefined;
		offline: boolean;
		admin: boolean;
		force: boolean;
		allowExpired: boolean;
	};
	/** `exec`: the command and its arguments, after `--`; undefined without `--`. */
	rest: string[] | undefined;
}

/** A word of the message that looks like a token (e.g. a mistyped flag) is never repeated. */
const usage = (message: string) =>
	new NotionTokensError('usage', message.replace(/[^\s'"]+/g, word => (looksLikeToken(word.replace(/^-+/, '')) ? '<token?>' : word)), {fix: 'Run `notion-tokens --help` for the commands and options.', exitCode: EXIT.usage});

/** Parses the command line with node's own parser (strict: unknown flags are errors). */
export function parseCommandLine(argv: string[]): Args {
	// `exec <label> -- <command> [args…]`: what follows `--` is the command's, never ours.
	const dashes = argv.indexOf('--');
	const ours = dashes === -1 ? argv : argv.slice(0, dashes);
	const rest = dashes === -1 ? undefined : argv.slice(dashes + 1);
	let parsed;
	try {
		parsed = parseArgs({
			args: ours,
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
				expires: {type: 'string'},
				lifetime: {type: 'string'},
				created: {type: 'string'},
				note: {type: 'string'},
				rename: {type: 'string'},
				offline: {type: 'boolean', default: false},
				admin: {type: 'boolean', default: false},
				force: {type: 'boolean', default: false},
				'allow-expired': {type: 'boolean', default: false},
			},
		});
	} catch (error) {
		throw usage((error as Error).message.replace(/\. To specify a positional argument.*$/, '').replace(/^TypeError \[[A-Z_]+\]: /, ''));
	}
	const [first, ...named] = parsed.positionals;
	const positionals = first !== 'exec' && rest ? [...named, ...rest] : named;
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
		saved: {
			expires: values.expires,
			lifetime: values.lifetime,
			created: values.created,
			note: values.note,
			rename: values.rename,
			offline: values.offline,
			admin: values.admin,
			force: values.force,
			allowExpired: values['allow-expired'],
		},
		rest: first === 'exec' ? rest : undefined,
	};
}

/** Checks the positional arguments a command takes. */
export function expectPositionals(args: Args, min: number, max: number, shape: string): void {
	if (args.positionals.length < min || args.positionals.length > max) {
		throw usage(`usage: notion-tokens ${args.command}${shape ? ` ${shape}` : ''}`);
	}
}
