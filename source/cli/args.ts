import {parseArgs} from 'node:util';
import {COMMAND_TABLE, findCommand, ROOT, usageLines, type CommandSpec} from './command-table.js';
import {GLOBAL_OPTIONS, type OptionSpec} from './options.js';
import {didYouMean} from './suggest.js';
import {usageError} from './usage-error.js';

/** What one command line asks for, as its command's handler sees it. */
export interface Args {
	/** The command's name; '' without one (the UI, or status off a terminal). */
	command: string;
	positionals: string[];
	/** What follows `--`, for a command that passes it on (`exec`); undefined without `--`. */
	rest: string[] | undefined;
	/** Every option given, by its long name (only those the command takes). */
	options: Readonly<Record<string, string | boolean | undefined>>;
	env: string | undefined;
	json: boolean;
	yes: boolean;
	all: boolean;
	allEnvs: boolean;
	within: string | undefined;
	demo: boolean;
}

export type CommandLine =
	| {kind: 'run'; spec: CommandSpec; args: Args}
	/** `--help`, `<command> --help` or `help [<command>]`; the names of a group's commands for `admin --help`. */
	| {kind: 'help'; spec: CommandSpec | undefined; group?: string}
	| {kind: 'version'};

const VERSION: OptionSpec = {type: 'boolean', short: 'v', description: 'show the version'};

const optionsOf = (spec: CommandSpec): Record<string, OptionSpec> => ({
	...spec.options,
	...GLOBAL_OPTIONS,
	...(spec === ROOT ? {version: VERSION} : {}),
});

const label = (spec: CommandSpec) => (spec === ROOT ? 'the UI' : spec.name);
const and = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const names = (specs: readonly CommandSpec[]) => specs.map(spec => spec.name);
const groupOf = (word: string) => COMMAND_TABLE.filter(spec => spec.name.startsWith(`${word} `));

/** The options taking a value anywhere, so that finding the command never mistakes a value for it. */
const VALUE_OPTIONS = Object.fromEntries(
	[ROOT, ...COMMAND_TABLE]
		.flatMap(spec => Object.entries(optionsOf(spec)))
		.filter(([, option]) => option.type === 'string')
		.map(([name]) => [name, {type: 'string' as const}]),
);

/** The words before any option: the command (one or two words), or `help` and its topic. */
function commandWords(argv: string[]): Array<{value: string; index: number}> {
	const {tokens} = parseArgs({args: argv, strict: false, allowPositionals: true, tokens: true, options: VALUE_OPTIONS});
	const words: Array<{value: string; index: number}> = [];
	for (const token of tokens) {
		if (token.kind === 'option-terminator') break;
		if (token.kind === 'positional') words.push({value: token.value, index: token.index});
	}
	return words;
}

/** The command named by `words`, and how many words name it. */
function resolve(words: string[], wantsHelp: boolean): {spec: CommandSpec; used: number} | {group: string} {
	const [first, second] = words;
	if (first === undefined) return {spec: ROOT, used: 0};
	const single = findCommand(first);
	if (single) return {spec: single, used: 1};
	const group = groupOf(first);
	if (group.length > 0) {
		const spec = second === undefined ? undefined : findCommand(`${first} ${second}`);
		if (spec) return {spec, used: 2};
		if (second === undefined && wantsHelp) return {group: first};
		const subcommands = group.map(entry => entry.name.slice(first.length + 1));
		if (second === undefined) throw usageError(`${first} needs a command: ${subcommands.join(', ')}`);
		throw usageError(`unknown command '${first} ${second}'${didYouMean(second, subcommands) || `; ${first} commands: ${subcommands.join(', ')}`}`);
	}
	const commands = [...new Set(COMMAND_TABLE.map(spec => spec.name.split(' ')[0]!))];
	throw usageError(`unknown command '${first}'${didYouMean(first, [...commands, 'help'])}`);
}

/** Parses a command line with node's own parser, strictly: each command takes only its own options. */
export function parseCommandLine(argv: string[]): CommandLine {
	const words = commandWords(argv);
	if (words[0]?.value === 'help') {
		const topic = words.slice(1).map(word => word.value);
		// `help help`: the help is what it asks about.
		if (topic.length === 0 || (topic.length === 1 && topic[0] === 'help')) return {kind: 'help', spec: undefined};
		const found = resolve(topic, true);
		return 'group' in found ? {kind: 'help', spec: undefined, group: found.group} : {kind: 'help', spec: found.spec};
	}
	const wantsHelp = argv.includes('--help') || argv.includes('-h');
	const found = resolve(
		words.map(word => word.value),
		wantsHelp,
	);
	if ('group' in found) return {kind: 'help', spec: undefined, group: found.group};
	const {spec, used} = found;
	const consumed = new Set(words.slice(0, used).map(word => word.index));
	const rest = argv.filter((_, index) => !consumed.has(index));
	const options = optionsOf(spec);
	let parsed;
	try {
		parsed = parseArgs({
			args: rest,
			allowPositionals: true,
			strict: true,
			options: Object.fromEntries(Object.entries(options).map(([name, option]) => [name, {type: option.type, ...(option.short ? {short: option.short} : {})}])),
		});
	} catch (error) {
		throw parseError(error as Error & {code?: string}, spec, options);
	}
	const values = parsed.values as Record<string, string | boolean | undefined>;
	// A command that passes on what follows `--` gets it apart from its own arguments.
	const dashes = spec.passesOn ? rest.indexOf('--') : -1;
	const positionals = dashes === -1 ? parsed.positionals : parsed.positionals.slice(0, parsed.positionals.length - (rest.length - dashes - 1));
	if (values['help']) return {kind: 'help', spec: spec === ROOT ? undefined : spec};
	if (values['version']) return {kind: 'version'};
	checkArguments(spec, positionals);
	const flag = (name: string) => values[name] === true;
	const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
	return {
		kind: 'run',
		spec,
		args: {
			command: spec.name,
			positionals,
			rest: dashes === -1 ? undefined : rest.slice(dashes + 1),
			options: values,
			env: text('env'),
			json: flag('json'),
			yes: flag('yes'),
			all: flag('all'),
			allEnvs: flag('all-envs'),
			within: text('within'),
			demo: flag('demo'),
		},
	};
}

function parseError(error: Error & {code?: string}, spec: CommandSpec, options: Record<string, OptionSpec>) {
	const help = spec === ROOT ? undefined : spec.name;
	if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
		const given = /'([^']*)'/.exec(error.message)?.[1] ?? '';
		const long = given.startsWith('--') ? given.slice(2) : undefined;
		const owners = long === undefined ? [] : [ROOT, ...COMMAND_TABLE].filter(other => other !== spec && other.options?.[long] !== undefined).map(label);
		if (owners.length > 0) throw usageError(`${given} is an option of ${and(owners)}, not of ${label(spec)}`, help);
		const known = Object.keys(options).map(name => `--${name}`);
		throw usageError(`unknown option '${given}' for ${label(spec)}${long === undefined ? '' : didYouMean(given, known)}`, help);
	}
	throw usageError(error.message.replace(/\. To specify a positional argument.*$/s, ''), help);
}

function checkArguments(spec: CommandSpec, positionals: string[]) {
	const specs = spec.arguments ?? [];
	const min = specs.filter(argument => !argument.optional).length;
	const max = specs.some(argument => argument.variadic) ? Infinity : specs.length;
	if (positionals.length >= min && positionals.length <= max) return;
	if (spec === ROOT) throw usageError(`unknown command '${positionals[0]}'`);
	throw usageError(
		`usage: ${usageLines(spec)
			.map(line => `notion-tokens ${line}`)
			.join(', or ')}`,
		spec.name,
	);
}

export const commandNames = (): string[] => names(COMMAND_TABLE);
