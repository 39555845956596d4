/**
 * The one table of commands: what each is called, says, accepts and runs. Parsing, `--help`, the
 * help of each command and the README's usage all come from it. A new command is one entry here
 * and one handler file in ./commands.
 */
import {EXIT, type NotionTokensCore} from '../core/index.js';
import type {Args} from './args.js';
import {adminPats, adminRevoke} from './commands/admin.js';
import {execCommand} from './commands/exec.js';
import {addCommand, editCommand, removeCommand, rotateCommand} from './commands/saved.js';
import {checkCommand} from './commands/check.js';
import {expiringCommand} from './commands/expiring.js';
import {expiryWindow} from './commands/expiry-window.js';
import {fixPermissionsCommand} from './commands/fix-permissions.js';
import {logout} from './commands/logout.js';
import {revokeCommand} from './commands/revoke.js';
import {status} from './commands/status.js';
import {tokensCommand} from './commands/tokens.js';
import {use} from './commands/use.js';
import {workspaces} from './commands/workspaces.js';
import type {CommandIo} from './io.js';
import {allEnvs, json, within, yes, type OptionSpec} from './options.js';
import {usageError} from './usage-error.js';

const SAVED_DATES: Record<string, OptionSpec> = {
	expires: {type: 'string', value: '<YYYY-MM-DD>', description: 'the expiry the Developer portal showed'},
	lifetime: {type: 'string', value: '<7d|30d|90d|180d|1y>', description: 'the lifetime chosen, counted from --created'},
	created: {type: 'string', value: '<YYYY-MM-DD>', description: 'when it was created (default: now)'},
};
const note: OptionSpec = {type: 'string', value: '<text>', description: 'a note kept with it'};

export type Handler = (core: NotionTokensCore, io: CommandIo, args: Args) => Promise<number>;

export interface ArgumentSpec {
	/** As shown in usage, e.g. `<id|name>`. */
	name: string;
	optional?: boolean;
	/** Takes every remaining argument. */
	variadic?: boolean;
}

export interface CommandSpec {
	/** One word, or two for a command of a group (`admin pats`). */
	name: string;
	/** One line for the list of commands. */
	summary: string;
	/** More lines for the command's own help (each under 76 columns). */
	details?: readonly string[];
	arguments?: readonly ArgumentSpec[];
	/** The command's own options; --env and --help are taken by every command. */
	options?: Readonly<Record<string, OptionSpec>>;
	/** What follows `--` is passed on (as `rest`), not taken as arguments: e.g. `exec`'s command. */
	passesOn?: boolean;
	/** Usage lines after `notion-tokens <name>` when the generated one does not say it all. */
	usage?: readonly string[];
	run: Handler;
}

export const COMMAND_TABLE: readonly CommandSpec[] = [
	{
		name: 'status',
		summary: 'environment, config dir, token store, default, overrides, problems',
		details: ['Exit 1 when a problem is found.'],
		options: {json},
		run: (core, io, args) => status(core, io, {json: args.json}),
	},
	{
		name: 'workspaces',
		summary: "cached workspaces, sorted as ntn's picker sorts them",
		options: {json, 'all-envs': allEnvs},
		run: (core, io, args) => workspaces(core, io, {json: args.json, allEnvs: args.allEnvs}),
	},
	{
		name: 'use',
		summary: 'make a workspace the default of the environment',
		details: ["The change is the one ntn's picker makes. `use -` switches back to the previous default."],
		arguments: [{name: '<id|name|->'}],
		options: {json},
		run: (core, io, args) => use(core, io, args.positionals[0]!, {json: args.json}),
	},
	{
		name: 'logout',
		summary: 'forget one workspace (its token, cache entry, default) or all',
		details: ['--all logs out as `ntn logout` does: every workspace of the environment.'],
		arguments: [{name: '<id|name>', optional: true}],
		options: {
			all: {type: 'boolean', description: 'every workspace of the environment'},
			'all-envs': {...allEnvs, description: 'with --all: every environment'},
			yes,
			json,
		},
		usage: ['<id|name> [--yes] [--json]', '--all [--all-envs] [--yes] [--json]'],
		run: (core, io, args) => {
			if (args.all ? args.positionals.length > 0 : args.positionals.length !== 1) throw usageOf('logout');
			return logout(core, io, args.positionals[0], {all: args.all, allEnvs: args.allEnvs, yes: args.yes, json: args.json});
		},
	},
	{
		name: 'tokens',
		summary: 'every token known, masked, with storage, dates and status',
		details: ['No network: the dates are those Notion gave at the last check.'],
		options: {json, 'all-envs': allEnvs, within},
		run: tokensCommand,
	},
	{
		name: 'check',
		summary: 'ask Notion whether the tokens work (and who they act as)',
		details: ['Exit 0 when every token is valid, 1 when one is not, 3 when Notion is unreachable.'],
		arguments: [{name: '<id|name>', optional: true}],
		options: {json, 'all-envs': allEnvs, within},
		run: checkCommand,
	},
	{
		name: 'expiring',
		summary: 'tokens rejected, expired or expiring soon; exit 1 when there are any',
		details: [
			'Every environment unless --env names one. Facts older than a day are asked',
			'for first. Exit 1 when a token needs attention or its expiry is unknown,',
			'3 when Notion could not be reached to learn an expiry.',
		],
		options: {json, 'all-envs': allEnvs, within, offline: {type: 'boolean', description: 'answer from memory alone, without asking Notion'}},
		run: expiringCommand,
	},
	{
		name: 'revoke',
		summary: 'revoke a token at Notion',
		arguments: [{name: '<token-id>'}],
		options: {yes, json},
		run: revokeCommand,
	},
	{
		name: 'expiry-window',
		summary: 'show or save the expiry warning window (default 30d)',
		details: ['<days> is a number of days or weeks, e.g. 14d or 2w.'],
		arguments: [{name: '<days>', optional: true}],
		options: {json},
		run: (core, io, args) => expiryWindow(core, io, args.positionals[0], {json: args.json}),
	},
	{
		name: 'fix-permissions',
		summary: 'make auth.json readable by you alone',
		options: {json},
		run: (core, io, args) => fixPermissionsCommand(core, io, {json: args.json}),
	},
	{
		name: 'admin pats',
		summary: "every PAT of a workspace, from Notion's Admin API",
		details: ['For organization owners: needs NOTION_ADMIN_TOKEN. With --within, exit 1 when any PAT matches.'],
		arguments: [{name: '<workspace>'}],
		options: {
			status: {type: 'string', value: '<statuses>', description: 'active, expired, revoked (comma-separated)'},
			creator: {type: 'string', value: '<id|email|name>', description: 'PATs created by this member'},
			search: {type: 'string', value: '<text>', description: 'PATs whose name holds the text'},
			within: {type: 'string', value: '<window>', description: 'active PATs expiring within it, e.g. 30d'},
			unused: {type: 'string', value: '<days>', description: 'PATs unused for that long, or never used'},
			json,
			csv: {type: 'boolean', description: 'CSV output'},
		},
		run: adminPats,
	},
	{
		name: 'admin revoke',
		summary: "revoke PATs of a workspace through Notion's Admin API",
		arguments: [{name: '<workspace>'}, {name: '<pat-id>', variadic: true}],
		options: {yes, json},
		run: adminRevoke,
	},
	{
		name: 'add',
		summary: 'check a token with Notion and save it under a label',
		details: ['The token is read from a hidden prompt or from stdin, never from the command line.'],
		arguments: [{name: '<label>'}],
		options: {
			...SAVED_DATES,
			note,
			offline: {type: 'boolean', description: 'save without asking Notion (check asks later)'},
			admin: {type: 'boolean', description: "an organization's Admin API token: not checked"},
			json,
		},
		run: addCommand,
	},
	{
		name: 'edit',
		summary: "change a saved token's expiry, note or label",
		arguments: [{name: '<label>'}],
		options: {...SAVED_DATES, note, rename: {type: 'string', value: '<new>', description: 'a new label'}, json},
		run: editCommand,
	},
	{
		name: 'remove',
		summary: 'forget a saved token (revoke it in the Developer portal too)',
		arguments: [{name: '<label>'}],
		options: {yes, json},
		run: removeCommand,
	},
	{
		name: 'rotate',
		summary: 'replace a saved token with a new one acting as the same person or bot',
		details: ['The new token is read from a hidden prompt or from stdin.'],
		arguments: [{name: '<label>'}],
		options: {force: {type: 'boolean', description: 'replace even when the new token acts as someone else'}, json},
		run: rotateCommand,
	},
	{
		name: 'exec',
		summary: 'run a command with NOTION_API_TOKEN set to a saved token',
		details: ["Ends with the command's own exit code (128+N when signal N ended it); 127 when the command is not found, 126 when it cannot be run."],
		arguments: [{name: '<label>'}],
		options: {'allow-expired': {type: 'boolean', description: 'run even with an expired token'}},
		passesOn: true,
		usage: ['<label> [--allow-expired] -- <command> [<args>...]'],
		run: execCommand,
	},
];

/** What `notion-tokens` does with no command: the UI on a terminal, else `status`. */
export const ROOT: CommandSpec = {
	name: '',
	summary: 'open the terminal UI (prints status when not on a terminal)',
	options: {within, demo: {type: 'boolean', description: 'open the UI on a throw-away demo config'}, json},
	run: async () => EXIT.ok,
};

export const findCommand = (name: string): CommandSpec | undefined => COMMAND_TABLE.find(spec => spec.name === name);

/** The usage lines of a command, after `notion-tokens`. */
export function usageLines(spec: CommandSpec): string[] {
	const prefix = spec.name ? `${spec.name} ` : '';
	if (spec.usage) return spec.usage.map(line => `${prefix}${line}`.trimEnd());
	const parts = (spec.arguments ?? []).map(argument => {
		const shown = argument.variadic ? `${argument.name}...` : argument.name;
		return argument.optional ? `[${shown}]` : shown;
	});
	for (const [name, option] of Object.entries(spec.options ?? {})) parts.push(`[--${name}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}]`);
	return [`${prefix}${parts.join(' ')}`.trimEnd()];
}

const usageOf = (name: string) =>
	usageError(
		`usage: ${usageLines(findCommand(name)!)
			.map(line => `notion-tokens ${line}`)
			.join(', or ')}`,
		name,
	);
