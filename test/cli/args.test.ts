import {describe, expect, it} from 'vitest';
import {COMMANDS} from '../../source/cli/args.js';
import {HELP} from '../../source/cli/help.js';
import {ntnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

const HINT = '  hint: Run `notion-tokens --help` for the commands and options.\n';

describe('command line', () => {
	it('--help and -h print the usage, exit 0; it names every command, option and exit code', async () => {
		for (const flag of ['--help', '-h']) {
			const result = await runCli([flag], {});
			expect(result).toEqual({code: 0, stdout: HELP, stderr: ''});
		}
		for (const command of COMMANDS) expect(HELP).toContain(`notion-tokens ${command}`);
		for (const option of ['--env <local|dev|stg|prod>', '--json', '--yes, -y', '--all-envs', '--help, -h', '--version, -v']) expect(HELP).toContain(option);
		for (const code of ['0  success', '1  attention', '2  usage error', '3  failure', '130 interrupted']) expect(HELP).toContain(code);
	});

	it('--version prints the version', async () => {
		expect(await runCli(['--version'], {})).toEqual({code: 0, stdout: '0.0.0-test\n', stderr: ''});
	});

	const usageErrors: Array<[string[], string]> = [
		[['nope'], "error: unknown command 'nope'; commands: status, workspaces, use, logout, tokens, check, expiring, revoke, fix-permissions, expiry-window, admin, add, edit, remove, exec, rotate\n"],
		[['status', '--bogus'], "error: Unknown option '--bogus'\n"],
		[['status', 'extra'], 'error: usage: notion-tokens status [--json]\n'],
		[['workspaces', 'extra'], 'error: usage: notion-tokens workspaces [--json] [--all-envs]\n'],
		[['use'], 'error: usage: notion-tokens use <id|name|->\n'],
		[['use', 'a', 'b'], 'error: usage: notion-tokens use <id|name|->\n'],
		[['fix-permissions', 'x'], 'error: usage: notion-tokens fix-permissions\n'],
	];
	for (const [argv, message] of usageErrors) {
		it(`${argv.join(' ')}: usage error, exit 2`, async () => {
			const home = await ntnHome();
			const result = await runCli(argv, home.env);
			expect(result).toEqual({code: 2, stdout: '', stderr: message + HINT});
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
