/**
 * `exec` as a real process (the shipped bundle): the child gets the saved token in its environment
 * only — it reports it by hash — its exit code comes back, a signal sent to us reaches it, and no
 * process's command line ever holds the token (/proc/<pid>/cmdline read while it runs).
 */
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {ntnHome, tempDir, type NtnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {expectNoLeak} from '../helpers/token-fixtures.js';
import {headlessCli, nodePath, runCliProcess} from '../peer/helpers/headless-cli.js';

const TOKEN = 'ntn_exec_9Vb2Nm4Qw6Er8Ty0Ui1Op3As5Df7GhJ';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

let home: NtnHome;
let env: Record<string, string>;
beforeEach(async () => {
	home = await ntnHome({});
	env = {...home.env, NOTION_TOKENS_STORE: 'file'};
});

const save = async (label: string, extra: string[] = [], token = TOKEN) => {
	const result = await runCli(['add', label, '--offline', ...extra], env, {input: token});
	expect(result.code).toBe(0);
};

/** A child that prints the hash of its NOTION_API_TOKEN and its NOTION_WORKSPACE_ID, then exits 7. */
const REPORT = `const c=require('node:crypto');process.stdout.write(c.createHash('sha256').update(process.env.NOTION_API_TOKEN??'').digest('hex')+' '+(process.env.NOTION_WORKSPACE_ID??'-')+'\\n');process.exit(7)`;

describe('exec', () => {
	it('runs the command with the token in its environment, passes its exit code, prints nothing of its own', async () => {
		await save('job');
		const result = await runCliProcess(['exec', 'job', '--', process.execPath, '-e', REPORT], {...env, NOTION_WORKSPACE_ID: 'stale'});
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(`${sha(TOKEN)} -\n`);
		expect(result.code).toBe(7);
		const [row] = JSON.parse((await runCli(['tokens', '--json'], env)).stdout) as Array<{lastUsedAt: string | null}>;
		expect(row!.lastUsedAt).not.toBeNull();
	});

	it('a signal sent to notion-tokens reaches the command; the token is on no command line while it runs', async () => {
		await save('long');
		const dir = await tempDir();
		const ready = path.join(dir, 'ready');
		const child = `const fs=require('node:fs');process.on('SIGTERM',()=>{process.stdout.write('got SIGTERM\\n');process.exit(42)});fs.writeFileSync(${JSON.stringify(ready)},String(process.pid));setInterval(()=>{},1000)`;
		const script = await headlessCli();
		const proc = spawn(process.execPath, [script, 'exec', 'long', '--', process.execPath, '-e', child], {
			env: {PATH: process.env['PATH']!, NODE_PATH: nodePath, ...env},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		proc.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
		const exited = new Promise<number | null>(resolve => proc.on('exit', code => resolve(code)));
		let childPid = '';
		while (!childPid) {
			childPid = await fs.readFile(ready, 'utf8').catch(() => '');
			if (!childPid) await new Promise(resolve => setTimeout(resolve, 20));
		}
		const lines: string[] = [];
		for (const pid of await fs.readdir('/proc')) {
			if (!/^\d+$/.test(pid)) continue;
			const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
			lines.push(cmdline.replaceAll('\0', ' '));
		}
		const ours = await fs.readFile(`/proc/${proc.pid}/cmdline`, 'utf8');
		expect(ours).toContain('exec\0long\0--');
		expect(await fs.readFile(`/proc/${childPid}/cmdline`, 'utf8')).toContain('SIGTERM');
		expectNoLeak(lines.join('\n'), [TOKEN]);
		expect((await fs.readFile(`/proc/${childPid}/environ`, 'utf8')).split('\0')).toContain(`NOTION_API_TOKEN=${TOKEN}`);
		proc.kill('SIGTERM');
		expect(await exited).toBe(42);
		expect(stdout).toBe('got SIGTERM\n');
	});

	it('an expired token is refused (exit 3) unless --allow-expired; within 7 days it warns on stderr', async () => {
		await save('old', ['--expires', day(-1)]);
		const refused = await runCliProcess(['exec', 'old', '--', process.execPath, '-e', REPORT], env);
		expect(refused.code).toBe(3);
		expect(refused.stdout).toBe('');
		expect(refused.stderr).toContain(`The token labelled "old" expired on ${day(-1)}; the command was not run`);
		expect(refused.stderr).toContain('--allow-expired');
		const allowed = await runCliProcess(['exec', 'old', '--allow-expired', '--', process.execPath, '-e', REPORT], env);
		expect(allowed.code).toBe(7);
		expect(allowed.stderr).toContain('warning: "old" expired on');
		await save('soon', ['--expires', day(3)], `${TOKEN}2`);
		const soon = await runCliProcess(['exec', 'soon', '--', process.execPath, '-e', REPORT], env);
		expect(soon.code).toBe(7);
		expect(soon.stderr).toMatch(/^warning: "soon" expires on \d{4}-\d\d-\d\d \(in 3 days\): create a new token and run `notion-tokens rotate soon`\.\n$/);
	});

	it('usage: a command is needed after --; an unknown label and a missing command are clear errors', async () => {
		expect((await runCli(['exec', 'x'], env)).code).toBe(2);
		expect((await runCli(['exec', 'x', '--'], env)).code).toBe(2);
		expect((await runCli(['exec', 'nope', '--', 'true'], env)).stderr).toContain('No saved token is labelled "nope"');
		await save('here');
		const missing = await runCliProcess(['exec', 'here', '--', 'no-such-command-xyz'], env);
		expect(missing.code).toBe(127);
		expect(missing.stderr).toContain('command not found: no-such-command-xyz');
	});
});

describe('no usable credential store', () => {
	it('without a Secret Service: a clear error with the fix, and nothing saved anywhere (no plaintext fallback)', async () => {
		const bare = {...home.env, NOTION_KEYRING: '', DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(home.stateDir, 'no-bus')}`};
		const script = await headlessCli();
		const result = await new Promise<{code: number | null; stderr: string}>(resolve => {
			const proc = spawn(process.execPath, [script, 'add', 'x', '--offline'], {
				env: {PATH: process.env['PATH']!, NODE_PATH: nodePath, ...bare},
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			let stderr = '';
			proc.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
			proc.stdin.end(TOKEN);
			proc.on('exit', code => resolve({code, stderr}));
		});
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('saved token "x" in the Secret Service: no Secret Service answers on this session\'s D-Bus');
		expect(result.stderr).toContain('NOTION_TOKENS_STORE=file');
		expectNoLeak(result.stderr, [TOKEN]);
		await expect(fs.access(path.join(home.stateDir, 'tokens.json'))).rejects.toThrow();
		expect(JSON.parse((await runCli(['tokens', '--json'], env)).stdout)).toEqual([]);
	});
});
