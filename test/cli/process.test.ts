import {execFileSync, spawn} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import fs from 'node:fs/promises';
import {afterEach, describe, expect, it} from 'vitest';
import {ntnHome, ntnJson, workspacesFile} from '../helpers/ntn-home.js';
import {freshId} from '../peer/helpers/core.js';
import {headlessCli, nodePath, runCliProcess} from '../peer/helpers/headless-cli.js';

/**
 * The CLI as a real process: in a pipe with a stdin that stays open (as in CI or `cmd | other`),
 * and in a process whose kernel keyring is unusable (as in Docker or a CI runner, ntn-compat §5.3).
 */

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const TOKEN_A = 'ntn_proc_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_proc_token_BBBB_0123456789abcdef';
const files = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
		],
	}),
	auth: {[A]: TOKEN_A, [B]: TOKEN_B},
});

describe('nothing ever waits on a stdin that is not a terminal', () => {
	const cases: Array<[string[], number]> = [
		[[], 0],
		[['status'], 0],
		[['workspaces', '--json'], 0],
		[['use', 'Beta'], 0],
		[['logout', 'Beta'], 2],
		[['logout', '--all'], 2],
		[['logout', '--all', '--all-envs'], 2],
		[['fix-permissions'], 0],
		[['--help'], 0],
	];
	for (const [args, code] of cases) {
		it(`notion-tokens ${args.join(' ') || '(no command)'} exits ${code} with stdin open and silent`, async () => {
			const home = await ntnHome(files());
			const result = await runCliProcess(args, home.env, {stdin: 'open', timeoutMs: 8000});
			expect(result.timedOut).toBe(false);
			expect(result.code, result.stderr).toBe(code);
		});
	}

	it('a destructive command without --yes says how to confirm, and changes nothing', async () => {
		const home = await ntnHome(files());
		const result = await runCliProcess(['logout', 'Beta'], home.env, {stdin: 'open'});
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('error: Cannot confirm logout in a non-interactive environment.\n  hint: Use --yes to skip the confirmation prompt.\n');
		expect(await home.read('auth.json')).toBe(ntnJson(files().auth));
	});

	it('with no command and no terminal, prints status (not the terminal UI)', async () => {
		const home = await ntnHome(files());
		const result = await runCliProcess([], home.env, {stdin: 'open'});
		expect(result.stdout).toContain('Default workspace  Alpha');
		expect(result.stdout).toContain('✓ No problems found');
	});
});

/** Runs with the user session keyring as session keyring: keyutils is unusable there, for ntn too. */
const withoutOwnSessionKeyring = ['keyctl', 'session', `_uid_ses.${process.getuid!()}`];

describe('a kernel keyring this process cannot use', () => {
	// A store that fails there leaves its key in the user session keyring, as ntn's failed login
	// does (ntn-compat §5.3): unlink the probe key, so the machine is left as it was.
	afterEach(async () => {
		for (const line of (await fs.readFile('/proc/keys', 'utf8')).split('\n')) {
			if (!line.includes(' keyring-rs:notion-tokens-probe')) continue;
			try {
				execFileSync('keyctl', ['unlink', String(Number.parseInt(line.split(' ')[0]!, 16)), '@us'], {stdio: 'ignore'});
			} catch {}
		}
	});

	it('status reports keychain-unavailable with the fix, instead of "no token, run ntn login"', async () => {
		const id = freshId();
		const home = await ntnHome({keyring: true, config: {version: '1', defaultWorkspaceIds: {prod: id}}, workspaces: workspacesFile({prod: [[id, 'Alpha']]})});
		const result = await runCliProcess(['status', '--json'], home.env, {prefix: withoutOwnSessionKeyring});
		expect(result.code, result.stderr).toBe(1);
		const status = JSON.parse(result.stdout) as {store: string; problems: Array<{code: string; message: string; fix: string}>};
		expect(status.store).toBe('keychain');
		expect(status.problems.map(problem => problem.code)).toEqual(['keychain-unavailable']);
		expect(status.problems[0]!.message).toContain('The keychain cannot hold tokens here');
		expect(status.problems[0]!.fix).toContain('keyctl session -');
		expect(status.problems[0]!.fix).toContain('NOTION_KEYRING=0');
		// Said the same way the next time too (the failed store may have left its key, §5.3).
		const again = await runCliProcess(['status', '--json'], home.env, {prefix: withoutOwnSessionKeyring});
		expect((JSON.parse(again.stdout) as typeof status).problems).toEqual(status.problems);
	});

	it('workspaces shows the tokens as unknown there, not as missing', async () => {
		const id = freshId();
		const home = await ntnHome({keyring: true, workspaces: workspacesFile({prod: [[id, 'Alpha']]})});
		const result = await runCliProcess(['workspaces', '--json'], home.env, {prefix: withoutOwnSessionKeyring});
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('error: The keychain cannot hold tokens here');
		expect((JSON.parse(result.stdout) as Array<{hasToken: boolean | null}>).map(row => row.hasToken)).toEqual([null]);
	});

	it('so is it with nothing stored yet: ntn login would fail here, and status says so first', async () => {
		const home = await ntnHome({keyring: true});
		const result = await runCliProcess(['status'], home.env, {prefix: withoutOwnSessionKeyring});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('✗ The keychain cannot hold tokens here');
	});

	it('use says the keychain is the problem, not a missing login', async () => {
		const id = freshId();
		const home = await ntnHome({keyring: true, workspaces: workspacesFile({prod: [[id, 'Alpha']]})});
		const result = await runCliProcess(['use', 'Alpha'], home.env, {prefix: withoutOwnSessionKeyring});
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('error: The keychain cannot hold tokens here');
		expect(result.stderr).toContain('  hint: This process has no session keyring of its own');
		expect(await home.exists('config.json')).toBe(false);
	});

	it('in file mode the keychain is never touched, so all is well there', async () => {
		const home = await ntnHome(files());
		const result = await runCliProcess(['status'], home.env, {prefix: withoutOwnSessionKeyring});
		expect(result.code, result.stdout).toBe(0);
	});
});

/** Runs a bash command line with exactly `env` (plus PATH and NODE_PATH). */
function runShell(command: string, env: Record<string, string | undefined>): Promise<{stdout: string; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', command], {env: {PATH: process.env['PATH'], NODE_PATH: nodePath, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
		child.on('error', reject);
		child.on('close', () => resolve({stdout, stderr}));
	});
}

describe('a reader that stops early (`| head`)', () => {
	/** Runs `notion-tokens <args> | head -n <lines>` in bash; stderr gets the CLI's exit code last. */
	async function throughHead(args: string[], lines: number, home: Awaited<ReturnType<typeof ntnHome>>) {
		const command = `"$NODE" "$CLI" ${args.join(' ')} | head -n ${lines}; echo "exit=\${PIPESTATUS[0]}" >&2`;
		return runShell(command, {...home.env, NODE: process.execPath, CLI: await headlessCli()});
	}

	const many = () => {
		const rows = Array.from({length: 3000}, (_, index): [string, string] => [randomUUID(), `Workspace ${String(index).padStart(4, '0')}`]);
		return {workspaces: workspacesFile({prod: rows}), auth: Object.fromEntries(rows.map(([id], index) => [id, `ntn_pipe_token_${index}_0123456789abcdef`]))};
	};

	it('workspaces --json (about 1 MB) stops quietly: no error, no stack trace, its own exit code', async () => {
		const home = await ntnHome(many());
		const result = await throughHead(['workspaces', '--json'], 3, home);
		expect(result.stdout).toMatch(/^\[\n  \{\n    "id": "[0-9a-f-]{36}",\n$/);
		expect(result.stderr).toBe('exit=0\n');
	});

	it('so does the workspaces table', async () => {
		const home = await ntnHome(many());
		const result = await throughHead(['workspaces'], 2, home);
		expect(result.stdout.split('\n')).toHaveLength(3);
		expect(result.stdout).toContain('Workspace 0000');
		expect(result.stderr).toBe('exit=0\n');
	});
});
