/**
 * The help texts, made from the command table: `--help` (the README's "Usage" section holds the
 * same text; a test checks), each command's own help, and a group's. Every line fits 80 columns.
 */
import {COMMAND_TABLE, ROOT, usageLines, type CommandSpec} from './command-table.js';
import {GLOBAL_OPTIONS, type OptionSpec} from './options.js';

export const HELP_WIDTH = 80;

/** Words of `text` (a bracketed group counts as one) in lines of at most `width` columns. */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.match(/\[[^\]]*\]|\S+/g) ?? []) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return [...lines, line];
}

/** `  name    text`, the text wrapped under itself; a long name puts the text on the next line. */
function twoColumns(rows: ReadonlyArray<[string, string]>, indent = 2): string[] {
	const longest = Math.max(...rows.map(([name]) => name.length));
	const column = Math.min(indent + longest + 2, 32);
	const lines: string[] = [];
	for (const [name, text] of rows) {
		const wrapped = wrap(text, HELP_WIDTH - column);
		const head = `${' '.repeat(indent)}${name}`;
		if (head.length + 2 > column) lines.push(head);
		else lines.push(head.padEnd(column) + wrapped.shift()!);
		for (const rest of wrapped) lines.push(' '.repeat(column) + rest);
	}
	return lines;
}

const optionRows = (options: Record<string, OptionSpec>): Array<[string, string]> =>
	Object.entries(options).map(([name, option]) => [
		`--${name}${option.type === 'string' ? ` ${option.value ?? '<value>'}` : ''}${option.short ? `, -${option.short}` : ''}`,
		option.description,
	]);

const usage = (spec: CommandSpec) =>
	usageLines(spec).flatMap(line => wrap(`notion-tokens ${line}`, HELP_WIDTH - 4).map((part, index) => `${index === 0 ? '  ' : '      '}${part}`));

const EXIT_CODES = [
	'Exit codes',
	'  0  success, nothing needs attention',
	'  1  attention: problems found, tokens expiring or invalid, or a prompt declined',
	'  2  usage error: bad command, flag or value; --yes needed off a terminal',
	'  3  failure: unreadable file, keychain unavailable, unknown workspace, Notion',
	'     unreachable',
	'  130 interrupted (Ctrl+C)',
];

/** The usage text of `--help`; the README's "Usage" section holds the same text (a test checks). */
export function rootHelp(): string {
	return [
		"notion-tokens — see and manage the credentials of Notion's CLI (ntn)",
		'',
		'Usage',
		...usage(ROOT),
		`      ${ROOT.summary}`,
		'  notion-tokens <command> [<arguments>] [<options>]',
		'  notion-tokens help <command>    (or <command> --help) the help of a command',
		'',
		'Commands',
		...twoColumns(COMMAND_TABLE.map(spec => [spec.name, spec.summary])),
		'',
		'Options',
		...twoColumns(
			optionRows({
				...ROOT.options,
				...GLOBAL_OPTIONS,
				help: {...GLOBAL_OPTIONS['help']!, description: 'show this help'},
				version: {type: 'boolean', short: 'v', description: 'show the version'},
			}),
		),
		'  --env and --help are taken by every command.',
		'',
		...EXIT_CODES,
		'',
	].join('\n');
}

/** The help of one command. */
export function commandHelp(spec: CommandSpec): string {
	return [
		`notion-tokens ${spec.name} — ${spec.summary}`.length <= HELP_WIDTH
			? `notion-tokens ${spec.name} — ${spec.summary}`
			: `notion-tokens ${spec.name}\n${wrap(spec.summary, HELP_WIDTH).join('\n')}`,
		'',
		'Usage',
		...usage(spec),
		...(spec.details && spec.details.length > 0 ? ['', ...spec.details.flatMap(line => wrap(line, HELP_WIDTH))] : []),
		'',
		'Options',
		...twoColumns(optionRows({...spec.options, ...GLOBAL_OPTIONS})),
		'',
	].join('\n');
}

/** The commands of a group (`admin`). */
export function groupHelp(group: string): string {
	const members = COMMAND_TABLE.filter(spec => spec.name.startsWith(`${group} `));
	return [
		`notion-tokens ${group} <command>`,
		'',
		'Commands',
		...twoColumns(members.map(spec => [spec.name, spec.summary])),
		'',
		`Run \`notion-tokens ${group} <command> --help\` for the options of one.`,
		'',
	].join('\n');
}
