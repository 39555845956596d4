/**
 * Reliability 3: hostile input. Generated broken versions of config.json, workspaces.json and
 * auth.json (random bytes, truncation, invalid UTF-8, a BOM, deep nesting, 10 and 17 MB files,
 * wrong types, duplicate keys, a directory, a FIFO or a symlink where the file should be), plus
 * unreadable files (EACCES) and a NOTION_HOME on a read-only file system (EROFS).
 * For every case, through the read paths (inventory, `status`, `workspaces`) and a write path
 * (`use`, `logout`, `logout --all`): nothing but NotionTokensError is thrown, no rejection goes
 * unhandled, the error names the file, and no file changes. Odd but well-formed files ("__proto__"
 * keys, 20 000-character names, unknown fields, a symlink to a real file) must work and be kept.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {NotionTokensError} from '../../source/core/shared/errors.js';
import {createCore} from '../../source/core/services.js';
import {mintToken} from '../helpers/mock-notion.js';
import {tempDir} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {shippedCliForAnyUser} from '../helpers/shipped-cli.js';
import {childPath, runCommand} from './support/children.js';
import {READ_ONLY_COPY} from './support/read-only-mount.js';
import {baseline, generateCase, TARGETS, WS_B, type HostileCase, type Target} from './support/hostile-cases.js';
import {count, figure, random, seedFor} from './support/mode.js';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const TEMP = /\.notion-tokens-\d+-[0-9a-f]+\.tmp$/;
const tokenA = mintToken();
const tokenB = mintToken();
const base = baseline(tokenA, tokenB);
const totals = {cases: 0, failures: 0};

afterAll(() => {
	figure(`hostile input: ${totals.cases} cases tried, ${totals.failures} crashes, unnamed errors or changed files`);
});

/** A fresh config dir holding the baseline files, with `hostile` put in place of its target. */
async function layOut(root: string, index: number, hostile: HostileCase) {
	const dir = path.join(root, `case-${index}`);
	await fs.mkdir(dir, {recursive: true});
	const home = path.join(dir, 'notion');
	await fs.mkdir(home);
	for (const target of TARGETS) {
		const file = path.join(home, target);
		if (target !== hostile.target) {
			await fs.writeFile(file, json(base[target.replace('.json', '') as 'config']), {mode: 0o600});
			continue;
		}
		if (hostile.content) await fs.writeFile(file, hostile.content, {mode: 0o600});
		else await makeSpecial(hostile, file, dir);
	}
	const env = {HOME: dir, NOTION_HOME: home, NOTION_TOKENS_HOME: path.join(dir, 'state'), NOTION_KEYRING: '0'};
	return {dir, home, file: path.join(home, hostile.target), env};
}

async function makeSpecial(hostile: HostileCase, file: string, dir: string) {
	switch (hostile.special) {
		case 'directory':
			return fs.mkdir(file);
		case 'fifo':
			return execFileSync('mkfifo', [file]);
		case 'symlink-dangling':
			return fs.symlink(path.join(dir, 'missing-target.json'), file);
		case 'symlink-loop':
			return fs.symlink(file, file);
		case 'symlink-to-directory':
			return fs.symlink(dir, file);
		case 'symlink-to-device':
			return fs.symlink('/dev/zero', file);
		case 'symlink-valid': {
			const real = path.join(dir, 'real');
			await fs.mkdir(real, {recursive: true});
			await fs.writeFile(path.join(real, hostile.target), json(base[hostile.target.replace('.json', '') as 'config']), {mode: 0o600});
			return fs.symlink(path.join(real, hostile.target), file);
		}
	}
}

/** Every path under `dir`: type, link target and bytes, to compare before and after. */
async function fingerprint(dir: string): Promise<Map<string, string>> {
	const result = new Map<string, string>();
	const walk = async (at: string) => {
		for (const name of await fs.readdir(at)) {
			const full = path.join(at, name);
			const stat = await fs.lstat(full);
			if (stat.isSymbolicLink()) result.set(full, `link:${await fs.readlink(full)}`);
			else if (stat.isDirectory()) {
				result.set(full, 'dir');
				await walk(full);
			} else if (stat.isFile())
				result.set(
					full,
					`file:${stat.mode.toString(8)}:${createHash('sha256')
						.update(await fs.readFile(full))
						.digest('hex')}`,
				);
			else result.set(full, 'other');
		}
	};
	await walk(dir);
	return result;
}

const describeCase = (hostile: HostileCase, index: number) =>
	`case ${index} (${hostile.kind} in ${hostile.target}${hostile.content ? `, ${hostile.content.length} bytes` : ''})`;

type WriteOp = 'use' | 'logout' | 'logout-all';

/** Runs one case; returns what went wrong (nothing: the case passed). */
async function runCase(root: string, index: number, hostile: HostileCase, rng: ReturnType<typeof random>): Promise<string[]> {
	const {dir, home, file, env} = await layOut(root, index, hostile);
	const problems: string[] = [];
	const note = (what: string) => problems.push(`${describeCase(hostile, index)}: ${what}`);
	const before = await fingerprint(home);
	const named = (text: string) => text.includes(file) || (hostile.special === 'symlink-valid' && text.includes(path.join(dir, 'real')));

	// Read path 1: the core's inventory.
	try {
		const inventory = await createCore({env}).inventory();
		const about = inventory.problems.filter(problem => named(`${problem.file ?? ''} ${problem.message}`));
		if (hostile.valid && about.length > 0) note(`a valid file was reported: ${about[0]!.message}`);
		if (!hostile.valid && about.length === 0) note(`inventory reported nothing about the file (${inventory.problems.map(p => p.message).join('; ')})`);
	} catch (error) {
		note(`inventory threw ${error instanceof NotionTokensError ? `NotionTokensError ${error.code}` : String(error)}`);
	}

	// Read path 2: a command as the user runs it.
	const command = rng.pick([['status'], ['status', '--json'], ['workspaces'], ['workspaces', '--json']]);
	const cli = await runCli(command, env);
	const printed = cli.stdout + cli.stderr;
	if (/unexpected failure/.test(printed)) note(`\`${command.join(' ')}\` failed unexpectedly: ${cli.stderr.trim()}`);
	if (!hostile.valid && !named(printed)) note(`\`${command.join(' ')}\` did not name the file: ${printed.slice(0, 300)}`);
	if (!hostile.valid && cli.code === 0) note(`\`${command.join(' ')}\` exited 0`);

	// A write path: must refuse (naming the file) and change nothing; on a valid file, work.
	const op = rng.pick<WriteOp>(['use', 'logout', 'logout-all']);
	const core = createCore({env});
	let outcome: string | undefined;
	try {
		const result = op === 'use' ? await core.switchWorkspace(WS_B) : op === 'logout' ? await core.logout(WS_B) : await core.logoutAll();
		const reported = JSON.stringify(result);
		if (!hostile.valid) {
			// logout --all keeps a workspace whose token it cannot delete, and says why.
			if (op !== 'logout-all' || !named(reported)) outcome = `${op} succeeded on a broken file`;
		}
	} catch (error) {
		if (!(error instanceof NotionTokensError)) outcome = `${op} threw ${String(error)}`;
		else if (hostile.valid) outcome = `${op} refused a valid file: ${error.message}`;
		else if (!named(error.message)) outcome = `${op} did not name the file: ${error.message}`;
	}
	if (outcome) note(outcome);

	const after = await fingerprint(home);
	if (!hostile.valid) {
		for (const [entry, print] of before) {
			if (after.get(entry) !== print) note(`${path.relative(home, entry)} changed`);
		}
		for (const entry of after.keys()) if (!before.has(entry)) note(`${path.relative(home, entry)} appeared`);
	} else {
		problems.push(...(await checkKept(hostile, home, dir, op)).map(what => `${describeCase(hostile, index)}: ${what}`));
	}
	for (const entry of after.keys()) if (TEMP.test(entry)) note(`temp file left: ${entry}`);
	await fs.rm(dir, {recursive: true, force: true});
	return problems;
}

/** After a write on a valid odd file: it parses, its odd keys survive, a symlink stays a symlink. */
async function checkKept(hostile: HostileCase, home: string, dir: string, op: WriteOp): Promise<string[]> {
	const problems: string[] = [];
	const file = path.join(home, hostile.target);
	if (hostile.special === 'symlink-valid') {
		const stat = await fs.lstat(file);
		if (!stat.isSymbolicLink()) problems.push('the symlink was replaced by a file');
		JSON.parse(await fs.readFile(path.join(dir, 'real', hostile.target), 'utf8'));
		return problems;
	}
	const value = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
	for (const key of hostile.keep ?? []) {
		const holder = hostile.target === 'config.json' ? value['defaultWorkspaceIds'] : hostile.target === 'workspaces.json' ? value['environments'] : value;
		// logout --all of prod leaves other environments' keys; nothing may drop an odd key.
		if (!holder || !Object.hasOwn(holder, key)) problems.push(`the key ${JSON.stringify(key.slice(0, 20))} was dropped by ${op}`);
	}
	return problems;
}

describe('hostile input', () => {
	it('generated cases: no crash, the file named, nothing changed', async () => {
		const cases = count(2000, 10_000);
		const big = count(6, 30);
		const rng = random(seedFor('hostile-input'));
		const root = await tempDir('nt-hostile-');
		const failures: string[] = [];
		const kinds = new Map<string, number>();
		let unhandled = 0;
		const onUnhandled = () => void unhandled++;
		process.on('unhandledRejection', onUnhandled);
		try {
			// Cases are generated in order from the seed, then run four at a time (each in its own dir).
			const all = Array.from({length: cases}, (_, index) => generateCase(rng, base, {big: index < big}));
			let next = 0;
			const lane = async () => {
				while (next < all.length) {
					const index = next++;
					const hostile = all[index]!;
					kinds.set(hostile.kind, (kinds.get(hostile.kind) ?? 0) + 1);
					failures.push(...(await runCase(root, index, hostile, random(rng.seed + index))));
				}
			};
			await Promise.all([lane(), lane(), lane(), lane()]);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
		totals.cases += cases;
		totals.failures += failures.length + unhandled;
		const mix = [...kinds]
			.sort((a, b) => b[1] - a[1])
			.map(([kind, n]) => `${n} ${kind}`)
			.join(', ');
		figure(`hostile input: ${cases} generated cases (${mix}), ${failures.length} failures, ${unhandled} unhandled rejections (seed ${rng.seed})`);
		expect(failures.slice(0, 20)).toEqual([]);
		expect(unhandled).toBe(0);
	}, 900_000);
});

/** The CLI as an unprivileged user (root reads everything, so as root the case runs as nobody). */
async function runUnprivileged(args: string[], env: Record<string, string>): Promise<{code: number | null; output: string}> {
	if (process.getuid?.() !== 0) {
		const result = await runCli(args, env);
		return {code: result.code, output: result.stdout + result.stderr};
	}
	const result = await runCommand('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, await shippedCliForAnyUser(), ...args], {
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env},
	});
	return {code: result.code, output: result.stdout + result.stderr};
}

const COMMANDS = [['status'], ['workspaces', '--json'], ['use', 'Beta'], ['logout', 'Beta', '--yes'], ['logout', '--all', '--yes']];

describe('hostile input: permissions and read-only file systems', () => {
	it('an unreadable file, an unwritable or untraversable folder: a clear error naming the file, nothing changed', async () => {
		const root = await tempDir('nt-eacces-');
		await fs.chmod(root, 0o755);
		const layouts: Array<{name: string; target: Target | 'folder'; set: (home: string) => Promise<void>; commands: string[][]}> = [
			...TARGETS.map(target => ({
				name: `unreadable ${target}`,
				target,
				set: async (home: string) => {
					await fs.chmod(path.join(home, target), 0o000);
					// The folder stays writable for the user: only the file is out of reach.
					if (process.getuid?.() === 0) await fs.chown(home, 65534, 65534);
				},
				commands: COMMANDS,
			})),
			{name: 'unwritable folder', target: 'folder', set: home => fs.chmod(home, 0o555), commands: COMMANDS.slice(2)},
			{name: 'untraversable folder', target: 'folder', set: home => fs.chmod(home, 0o000), commands: COMMANDS},
		];
		const failures: string[] = [];
		let tried = 0;
		for (const [index, layout] of layouts.entries()) {
			for (const command of layout.commands) {
				tried++;
				const home = path.join(root, `home-${index}-${tried}`);
				await fs.mkdir(home, {mode: 0o755});
				await fs.chmod(home, 0o755);
				for (const target of TARGETS) await fs.writeFile(path.join(home, target), json(base[target.replace('.json', '') as 'config']), {mode: 0o644});
				const state = path.join(root, `state-${tried}`);
				await fs.mkdir(state, {mode: 0o777});
				await fs.chmod(state, 0o777);
				const before = await fingerprint(home);
				await layout.set(home);
				const {code, output} = await runUnprivileged(command, {HOME: root, NOTION_HOME: home, NOTION_TOKENS_HOME: state, NOTION_KEYRING: '0'});
				await fs.chmod(home, 0o755);
				for (const target of TARGETS) await fs.chmod(path.join(home, target), 0o644).catch(() => undefined);
				const label = `${layout.name}, \`${command.join(' ')}\``;
				const expected = layout.target === 'folder' ? home : path.join(home, layout.target);
				if (/unexpected failure/.test(output)) failures.push(`${label}: ${output}`);
				if (!output.includes(expected)) failures.push(`${label}: the output does not name ${expected}: ${output}`);
				if (!/permission denied|Check the permissions of/.test(output)) failures.push(`${label}: the output does not say why: ${output}`);
				if (code === 0) failures.push(`${label}: exit 0`);
				const after = await fingerprint(home);
				for (const [entry, print] of before) if (after.get(entry) !== print) failures.push(`${label}: ${entry} changed`);
				if (after.size !== before.size) failures.push(`${label}: files appeared or vanished`);
			}
		}
		totals.cases += tried;
		totals.failures += failures.length;
		figure(
			`unreadable files and folders (EACCES, as ${process.getuid?.() === 0 ? 'nobody via setpriv' : 'this user'}): ${tried} cases, ${failures.length} failures`,
			false,
		);
		expect(failures).toEqual([]);
	}, 120_000);

	it('a NOTION_HOME on a read-only file system (EROFS): reads work, writes refuse naming the file, nothing changed', async () => {
		const root = await tempDir('nt-erofs-');
		const source = path.join(root, 'source');
		await fs.mkdir(source);
		for (const target of TARGETS) await fs.writeFile(path.join(source, target), json(base[target.replace('.json', '') as 'config']), {mode: 0o600});
		const mountPoint = path.join(root, 'notion');
		await fs.mkdir(mountPoint);
		// A private mount namespace: the read-only tmpfs exists only for the command and vanishes with it.
		const script = [
			'set -e',
			...READ_ONLY_COPY,
			// The dir and its files (not `..`, which counts the state dir notion-tokens may create beside it).
			'before=$(cd "$dir" && ls -la --time-style=+ . | grep -v " \\.\\.$" && sha256sum -- *)',
			'set +e; "$@"; code=$?; set -e',
			'after=$(cd "$dir" && ls -la --time-style=+ . | grep -v " \\.\\.$" && sha256sum -- *)',
			'if [ "$before" = "$after" ]; then changed=no; else changed=yes; fi',
			'printf "\\n<<<exit=%s changed=%s>>>\\n" "$code" "$changed"',
		].join('\n');
		const cli = await childPath('cli');
		const cases: Array<{args: string[]; write: boolean}> = [
			{args: ['status'], write: false},
			{args: ['workspaces', '--json'], write: false},
			{args: ['use', 'Beta'], write: true},
			{args: ['logout', 'Beta', '--yes'], write: true},
			{args: ['logout', '--all', '--yes'], write: true},
			{args: ['fix-permissions'], write: true},
		];
		const failures: string[] = [];
		for (const {args, write} of cases) {
			const result = await runCommand(
				'unshare',
				['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', mountPoint, source, process.execPath, cli, ...args],
				{
					env: {...process.env, HOME: root, NOTION_HOME: mountPoint, NOTION_TOKENS_HOME: path.join(root, 'state'), NOTION_KEYRING: '0'},
				},
			);
			const label = `\`${args.join(' ')}\``;
			const marker = /<<<exit=(\d+) changed=(\w+)>>>/.exec(result.stdout);
			if (!marker) {
				failures.push(`${label}: the read-only mount could not be set up: ${result.stderr}`);
				continue;
			}
			const output = result.stdout + result.stderr;
			if (marker[2] !== 'no') failures.push(`${label}: files changed`);
			if (/unexpected failure/.test(output)) failures.push(`${label}: ${output}`);
			if (write && marker[1] === '0' && args[0] !== 'fix-permissions') failures.push(`${label}: exit 0 on a read-only file system`);
			if (write && !TARGETS.some(target => output.includes(path.join(mountPoint, target)))) failures.push(`${label}: names none of the files: ${output}`);
			if (write && !/read-only/.test(output) && args[0] !== 'fix-permissions') failures.push(`${label}: does not say the file system is read-only: ${output}`);
			if (!write && marker[1] !== '0') failures.push(`${label}: reading failed: ${output}`);
		}
		totals.cases += cases.length;
		totals.failures += failures.length;
		figure(`read-only NOTION_HOME (EROFS, tmpfs remounted ro in a private mount namespace): ${cases.length} commands, ${failures.length} failures`, false);
		expect(failures).toEqual([]);
	}, 60_000);
});
