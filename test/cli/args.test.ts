import {describe, expect, it} from 'vitest';
import {COMMAND_TABLE} from '../../source/cli/command-table.js';
import {commandHelp, rootHelp} from '../../source/cli/help.js';
import {ntnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const HINT = '  hint: Run `notion-tokens --help` for the commands and options.\n';
const hintOf = (command: string) => `  hint: Run \`notion-tokens ${command} --help\` for its arguments and options.\n`;

describe('command line', () => {
	const lines = (text: string) => text.trimEnd().split('\n');

	it('--help and -h print the usage, exit 0; it names every command, option and exit code, in 80 columns', async () => {
		for (const flag of ['--help', '-h']) {
			const result = await runCli([flag], {});
			expect(result).toEqual({code: 0, stdout: rootHelp(), stderr: ''});
		}
		for (const spec of COMMAND_TABLE) expect(rootHelp()).toMatch(new RegExp(`^  ${spec.name} +\\S`, 'm'));
		for (const option of ['--env <local|dev|stg|prod>', '--json', '--demo', '--within <days>', '--help, -h', '--version, -v'])
			expect(rootHelp()).toContain(option);
		for (const code of ['0  success', '1  attention', '2  usage error', '3  failure', '130 interrupted']) expect(rootHelp()).toContain(code);
		for (const line of lines(rootHelp())) expect(line.length, line).toBeLessThanOrEqual(80);
	});

	it('`<command> --help`, `<command> -h` and `help <command>` print the help of that command, in 80 columns', async () => {
		for (const spec of COMMAND_TABLE) {
			const words = spec.name.split(' ');
			const help = commandHelp(spec);
			for (const argv of [
				[...words, '--help'],
				[...words, '-h'],
				['help', ...words],
				['--env', 'dev', ...words, '--help'],
			]) {
				expect(await runCli(argv, {}), argv.join(' ')).toEqual({code: 0, stdout: help, stderr: ''});
			}
			expect(help).toContain(`notion-tokens ${spec.name}`);
			for (const name of Object.keys(spec.options ?? {})) expect(help).toContain(`--${name}`);
			for (const line of lines(help)) expect(line.length, line).toBeLessThanOrEqual(80);
		}
	});

	it('--version prints the version', async () => {
		expect(await runCli(['--version'], {})).toEqual({code: 0, stdout: '0.0.0-test\n', stderr: ''});
	});

	it('each command takes only its own options: any other is a usage error naming the option', async () => {
		const home = await ntnHome();
		const all = new Set(COMMAND_TABLE.flatMap(spec => Object.keys(spec.options ?? {})));
		for (const spec of COMMAND_TABLE) {
			for (const name of all) {
				if (spec.options?.[name]) continue;
				const argv = [...spec.name.split(' '), `--${name}`, ...(name === 'within' ? ['3d'] : [])];
				const result = await runCli(argv, home.env);
				expect(result.code, argv.join(' ')).toBe(2);
				expect(result.stdout).toBe('');
				expect(result.stderr, argv.join(' ')).toMatch(
					new RegExp(`^error: --${name} is an option of .+, not of ${spec.name}\n  hint: Run \`notion-tokens ${spec.name} --help\``),
				);
			}
		}
		const result = await runCli(['status', '--within', '3d', '--yes', '--all'], home.env);
		expect(result).toEqual({
			code: 2,
			stdout: '',
			stderr:
				'error: --within is an option of the UI, tokens, check, expiring and admin pats, not of status\n  hint: Run `notion-tokens status --help` for its arguments and options.\n',
		});
	});

	const usageErrors: Array<[string[], string]> = [
		[['nope'], "error: unknown command 'nope'\n" + HINT],
		[['stauts'], "error: unknown command 'stauts'; did you mean status?\n" + HINT],
		[['help', 'expirng'], "error: unknown command 'expirng'; did you mean expiring?\n" + HINT],
		[['status', '--bogus'], "error: unknown option '--bogus' for status\n" + hintOf('status')],
		[['status', '--jsno'], "error: unknown option '--jsno' for status; did you mean --json?\n" + hintOf('status')],
		[['tokens', '--all-env'], "error: unknown option '--all-env' for tokens; did you mean --all-envs?\n" + hintOf('tokens')],
		[['status', '-x'], "error: unknown option '-x' for status\n" + hintOf('status')],
		[['status', 'extra'], 'error: usage: notion-tokens status [--json]\n' + hintOf('status')],
		[['workspaces', 'extra'], 'error: usage: notion-tokens workspaces [--json] [--all-envs]\n' + hintOf('workspaces')],
		[['use'], 'error: usage: notion-tokens use <id|name|-> [--json]\n' + hintOf('use')],
		[['use', 'a', 'b'], 'error: usage: notion-tokens use <id|name|-> [--json]\n' + hintOf('use')],
		[
			['logout'],
			'error: usage: notion-tokens logout <id|name> [--yes] [--json], or notion-tokens logout --all [--all-envs] [--yes] [--json]\n' + hintOf('logout'),
		],
		[
			['logout', '--all', 'a'],
			'error: usage: notion-tokens logout <id|name> [--yes] [--json], or notion-tokens logout --all [--all-envs] [--yes] [--json]\n' + hintOf('logout'),
		],
		[['fix-permissions', 'x'], 'error: usage: notion-tokens fix-permissions [--json]\n' + hintOf('fix-permissions')],
		[['status', '--json=1'], "error: Option '--json' does not take an argument\n" + hintOf('status')],
	];
	for (const [argv, message] of usageErrors) {
		it(`${argv.join(' ')}: usage error, exit 2`, async () => {
			const home = await ntnHome();
			const result = await runCli(argv, home.env);
			expect(result).toEqual({code: 2, stdout: '', stderr: message});
		});
	}

	it('--env takes only local|dev|stg|prod; anything else is a usage error listing them', async () => {
		const home = await ntnHome();
		const result = await runCli(['status', '--env', 'production'], home.env);
		expect(result).toEqual({
			code: 2,
			stdout: '',
			stderr:
				"error: invalid value 'production' for --env: possible values are local, dev, stg, prod\n" +
				'  hint: Pass one of: --env local, --env dev, --env stg, --env prod.\n',
		});
		expect((await runCli(['status', '--env'], home.env)).code).toBe(2);
		expect(JSON.parse((await runCli(['--env', 'local', 'status', '--json'], home.env)).stdout).environment).toBe('local');
	});

	it('a bad NOTION_ENV is a usage error naming the variable', async () => {
		const home = await ntnHome();
		const result = await runCli(['status'], {...home.env, NOTION_ENV: 'qa'});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			"error: invalid value 'qa' for NOTION_ENV: possible values are local, dev, stg, prod\n" +
				'  hint: Set NOTION_ENV to one of local, dev, stg, prod, or unset it to use prod (ntn refuses to run with this value too).\n',
		);
	});
});

describe('help help', () => {
	it('prints the help, exit 0', async () => {
		expect(await runCli(['help', 'help'], {})).toEqual({code: 0, stdout: rootHelp(), stderr: ''});
	});
});

describe('the root command', () => {
	it('checks its options before falling back to the status: a bad --within is a usage error (exit 2), nothing on stdout', async () => {
		const home = await ntnHome();
		let opened = false;
		const openUi = async () => {
			opened = true;
			return 0;
		};
		for (const [argv, given] of [
			[['--within', 'abc'], 'abc'],
			[['--within=3651d', '--json'], '3651d'],
		] as const) {
			const result = await runCli([...argv], home.env, {openUi});
			expect(result.code, result.stdout).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe(
				`error: Invalid expiry window "${given}": use days (30 or 30d) or weeks (2w), from 0 to 3650 days.\n  hint: Give a window like 30, 30d or 2w.\n`,
			);
		}
		expect(opened).toBe(false);
		const good = await runCli(['--within', '14d'], home.env, {openUi});
		expect(good.code).toBe(0);
		expect(good.stdout).toContain('No problems found');
	});
});
