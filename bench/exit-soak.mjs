// `node bench/exit-soak.mjs [--runs N] [--cli FILE | --bare-ink [FILE]]`: starts the built UI
// (`--demo`) in a tmux pane N times (default 300), waits for its first complete frame, presses q and
// checks that the process exits — each run under `timeout`, so a process that hangs at exit is
// counted and then killed. A hang is reported with the kernel's view of each thread (state, wait
// channel). With --bare-ink it runs the benchmark's bare Ink program instead (built now, or FILE),
// which exits by itself after its frame.
import {spawnSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {fileURLToPath} from 'node:url';
import {BARE_INK_LAST_LINE, buildBareInk} from './lib/bare-ink.mjs';
import {Terminal} from './lib/tmux.mjs';

const {values, positionals} = parseArgs({
	options: {runs: {type: 'string', default: '300'}, cli: {type: 'string'}, 'bare-ink': {type: 'boolean'}},
	allowPositionals: true,
});
const bare = values['bare-ink'];
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'notion-tokens-exit-soak-'));
const program = bare
	? {argv: [process.execPath, positionals[0] ? path.resolve(positionals[0]) : await buildBareInk(dir)], ready: text => text.includes(BARE_INK_LAST_LINE)}
	: {argv: [process.execPath, path.resolve(values.cli ?? path.join(root, 'dist', 'notion-tokens.mjs')), '--demo'], ready: text => /\bq quit\b/.test(text)};

const env = {...process.env};
for (const name of Object.keys(env)) if (name === 'CI' || name.startsWith('CI_')) delete env[name];

/** Each thread of `pid`: name, state and what it waits on in the kernel. */
function threads(pid) {
	try {
		return readdirSync(`/proc/${pid}/task`).map(tid => {
			const read = file => readFileSync(`/proc/${pid}/task/${tid}/${file}`, 'utf8').trim();
			const state = /^State:\s+(.+)$/m.exec(read('status'))?.[1];
			return `${tid} ${read('comm')} ${state} ${read('wchan')}`;
		});
	} catch {
		return ['(gone)'];
	}
}

const exitOf = async (terminal, timeoutMs) => {
	const start = Date.now();
	for (;;) {
		const [line] = await terminal.command(`display-message -p -t ${terminal.pane} '#{pane_dead} #{pane_dead_status}'`);
		const [dead, status] = line.split(' ');
		if (dead === '1') return {status: Number(status), ms: Date.now() - start};
		if (Date.now() - start > timeoutMs) return undefined;
		await new Promise(resolve => setTimeout(resolve, 20));
	}
};

const terminal = await Terminal.start({socket: `notion-tokens-exit-soak-${process.pid}`, columns: 120, rows: 40, env});
// exited: ended with 0 within 3 s of q (or of its frame); slow: ended with 0 later; hung: ended only by
// timeout's SIGTERM (124) or SIGKILL (137); failed: any other exit status.
const counts = {exited: 0, slow: 0, hung: 0, failed: 0};
const hangs = [];
try {
	for (let run = 1; run <= runs; run++) {
		// timeout sends SIGTERM after 10 s and SIGKILL 3 s later: 124 = ended by SIGTERM, 137 = needed SIGKILL.
		terminal.spawn(['timeout', '-k', '3', '10', ...program.argv], {env, cwd: dir});
		await terminal.waitFrame(frame => program.ready(frame.text), 10_000, 'the first frame');
		const pid = Number((await terminal.command(`display-message -p -t ${terminal.pane} '#{pane_pid}'`))[0]);
		if (!bare) terminal.sendKeys('q');
		let end = await exitOf(terminal, 3000);
		let seen = [];
		if (!end) {
			const child = spawnSync('pgrep', ['-P', String(pid)], {encoding: 'utf8'}).stdout.trim();
			seen = threads(child);
			// Where the main thread waits, when gdb is installed (it stops the process for a moment).
			const gdb = spawnSync('gdb', ['-p', child, '-batch', '-ex', 'bt 12'], {encoding: 'utf8', timeout: 5000});
			if (gdb.status === 0)
				seen.push(
					...gdb.stdout
						.split('\n')
						.filter(line => /^#\d/.test(line))
						.map(line => line.slice(0, 160)),
				);
			end = await exitOf(terminal, 20_000);
		}
		const kind = end?.status === 0 ? (seen.length > 0 ? 'slow' : 'exited') : end?.status === 124 || end?.status === 137 ? 'hung' : 'failed';
		counts[kind]++;
		if (kind !== 'exited') {
			// What the pane shows (the program's last output, errors included), for the report.
			const screen = (await terminal.command(`capture-pane -p -S -60 -t ${terminal.pane}`)).filter(line => line.trim() !== '').slice(-15);
			hangs.push({run, kind, status: end?.status, threads: seen, screen});
			process.stderr.write(`run ${run}: ${kind}, exit ${end?.status}\n${[...seen, ...screen].map(line => `  ${line}`).join('\n')}\n`);
		}
		if (run % 50 === 0) process.stderr.write(`${run} runs: ${JSON.stringify(counts)}\n`);
	}
} finally {
	await terminal.stop();
	await fs.rm(dir, {recursive: true, force: true});
}
console.log(JSON.stringify({program: program.argv.slice(1).join(' '), runs, ...counts, hangs}, null, 2));
