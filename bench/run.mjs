// `npm run bench`: start-up and scale figures of the built CLI (dist/), each reported as a ratio
// to `node -e 0` measured in the same run with the same environment. Prints a table and writes
// bench/results.json. `--quick` runs every figure with few runs (CI proves the bench works; it
// does not judge the numbers). See bench/README.md.
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {adminFigures} from './admin.mjs';
import {BARE_INK_LAST_LINE, buildBareInk} from './lib/bare-ink.mjs';
import {seedHome} from './lib/seed.mjs';
import {quietGate} from './lib/quiet.mjs';
import {measureRounds, timeOnce} from './lib/spawn-timer.mjs';
import {round, summary} from './lib/stats.mjs';
import {Terminal, peakRss, waitGone} from './lib/tmux.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(root, 'dist', 'notion-tokens.mjs');
const node = process.execPath;

const args = new Set(process.argv.slice(2));
const usage = `usage: node bench/run.mjs [--quick] [--inherit-env] [--out FILE]
  --quick        few runs of every figure (proves the bench works; numbers are not judged)
  --inherit-env  keep NODE_EXTRA_CA_CERTS (by default it is removed from every measured process)
  --out FILE     where to write the results (default bench/results.json)`;
if (args.has('--help') || args.has('-h')) {
	console.log(usage);
	process.exit(0);
}
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'bench', 'results.json');
const known = new Set(['--quick', '--inherit-env', '--out', '--help', '-h', process.argv[outIndex + 1]]);
for (const arg of args) if (!known.has(arg)) throw new Error(`unknown argument ${arg}\n${usage}`);

const quick = args.has('--quick');
const plan = quick ? {warmup: 1, runs: 3, uiRuns: 3, moves: 20} : {warmup: 2, runs: 12, uiRuns: 10, moves: 100};
/**
 * Every run waits for a moment when the rest of the machine leaves the CPUs at least 90 % idle
 * (sampled over 150 ms; beyond that at most 3 s a run and 60 s in all, 0.3 s and 5 s in quick
 * mode): on a shared machine one busy neighbour would otherwise decide a figure. Runs that found
 * no quiet moment are counted in the results.
 */
const quiet = {busy: 0.1, windowMs: 150, maxWaitMs: quick ? 300 : 3000, budgetMs: quick ? 5000 : 60_000};
const settle = quietGate(quiet);
/** Workspaces (each with its token) of the usual figures: more than real users have (1–30). */
const SMALL = 50;
/** The stress case of `status`. */
const STRESS = 1000;
const KEYS = 200;
const COLUMNS = 120;
const ROWS = 40;

/**
 * The environment of every measured process, the floor included. CI markers are removed: Ink
 * draws nothing before exit when it believes it runs in CI, and a user's terminal has none.
 * NODE_EXTRA_CA_CERTS is removed too unless --inherit-env: Node 20 reads that file at every start
 * (~38 ms here), which inflates the floor and hides start-up costs; users rarely set it.
 */
function measuredEnv() {
	const env = {...process.env};
	for (const name of Object.keys(env)) {
		if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete env[name];
	}
	if (!args.has('--inherit-env')) delete env['NODE_EXTRA_CA_CERTS'];
	for (const name of [
		'NOTION_HOME',
		'NOTION_KEYRING',
		'NOTION_ENV',
		'NOTION_API_TOKEN',
		'NOTION_WORKSPACE_ID',
		'NOTION_TOKENS_HOME',
		'XDG_CONFIG_HOME',
		'NO_COLOR',
		'FORCE_COLOR',
	]) {
		delete env[name];
	}
	return env;
}

function needTool(tool, why) {
	if (spawnSync('sh', ['-c', `command -v ${tool}`], {stdio: 'ignore'}).status !== 0) {
		throw new Error(`${tool} not found: it is needed for ${why} (Debian: apt-get install -y ${tool === 'keyctl' ? 'keyutils' : tool})`);
	}
}

function machine() {
	const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
	return {
		cpu,
		cores: os.availableParallelism?.() ?? os.cpus().length,
		memoryGiB: round(os.totalmem() / 2 ** 30, 1),
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		date: new Date().toISOString(),
		loadAverage: os.loadavg().map(value => round(value, 2)),
	};
}

const log = message => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------

/** An ES module that imports what the CLI's bundle imports from Node, and does nothing else. */
const ESM_BUILTINS = ['node:async_hooks', 'node:fs', 'node:fs/promises', 'node:module', 'node:os', 'node:path', 'node:util']
	.map(name => `import '${name}';`)
	.join('');

async function headless(env, homes) {
	log(`headless: ${plan.warmup} warm-up + ${plan.runs} runs each, interleaved`);
	const json = (result, what) => {
		try {
			return JSON.parse(result.stdout.toString());
		} catch {
			throw new Error(`${what} printed no JSON (exit ${result.status})\n${result.stderr}`);
		}
	};
	const status = (count, home) => ({
		name: `status-${count}`,
		argv: [node, cli, 'status', '--json'],
		env: {...env, ...home.env},
		expectStatus: 0,
		check(result) {
			const value = json(result, 'status --json');
			if (result.status !== 0 || value.workspaceCount !== count || value.store !== 'file') {
				throw new Error(`status --json with ${count} workspaces: exit ${result.status}, ${JSON.stringify(value).slice(0, 500)}`);
			}
		},
	});
	const workspaces = (count, home) => ({
		name: `workspaces-${count}`,
		argv: [node, cli, 'workspaces', '--json'],
		env: {...env, ...home.env},
		expectStatus: 0,
		check(result) {
			const rows = json(result, 'workspaces --json');
			if (result.status !== 0 || rows.length !== count || rows.some(row => row.hasToken !== true)) {
				throw new Error(`workspaces --json with ${count} workspaces: exit ${result.status}, ${rows.length} rows\n${result.stderr}`);
			}
		},
	});
	// The seeded facts must be the ones the CLI reads (bench/lib/seed.mjs writes them as notion-tokens does).
	const tokens = json(timeOnce({argv: [node, cli, 'tokens', '--json'], env: {...env, ...homes.small.env}}), 'tokens --json');
	if (!Array.isArray(tokens) || tokens.length !== SMALL || tokens.some(row => !row.expiresAt || row.check?.outcome !== 'valid')) {
		throw new Error(
			`tokens --json does not show the seeded facts; update bench/lib/seed.mjs to the facts cache's format\n${JSON.stringify(tokens).slice(0, 500)}`,
		);
	}
	const {samples} = await measureRounds(
		[
			{name: 'floor', argv: [node, '-e', '0'], env},
			// What loading the CLI costs before any command runs, and what an ES module importing the
			// built-ins the CLI imports costs (the same Node, no code of ours): the shares of a command.
			{name: 'version', argv: [node, cli, '--version'], env},
			{name: 'esm-builtins', argv: [node, '--input-type=module', '-e', ESM_BUILTINS], env},
			status(SMALL, homes.small),
			workspaces(SMALL, homes.small),
			status(STRESS, homes.stress),
			workspaces(STRESS, homes.stress),
		],
		{warmup: plan.warmup, runs: plan.runs, settle},
	);
	return samples;
}

// ---------------------------------------------------------------------------------------------

/** The first complete frame of the workspaces screen: rows loaded (the `1/N` position) and the footer. */
const firstFrame = (count, firstName) => frame => frame.text.includes(`1/${count}`) && frame.text.includes(firstName) && /\bq quit\b/.test(frame.text);

async function startUi(terminal, home, count, firstName) {
	const sent = terminal.spawn([node, cli], {env: home.env, cwd: home.dir});
	const frame = await terminal.waitFrame(firstFrame(count, firstName), 20_000, `the first frame with ${count} workspaces`);
	return {ms: frame.at - sent, pid: await terminal.panePid()};
}

async function quitUi(terminal, pid) {
	terminal.sendKeys('q');
	await waitGone(pid);
}

/** Resolves once the pane has drawn no frame for `quietMs`. */
async function waitIdle(terminal, quietMs, timeoutMs) {
	const start = Date.now();
	for (;;) {
		const count = terminal.frames.length;
		await new Promise(resolve => setTimeout(resolve, quietMs));
		if (terminal.frames.length === count) return;
		if (Date.now() - start > timeoutMs) throw new Error(`the UI kept drawing for ${timeoutMs} ms`);
	}
}

async function ui(env, homes, bareInk) {
	log(`ui: first frame in tmux (${COLUMNS}×${ROWS}), ${plan.warmup} warm-up + ${plan.uiRuns} runs each, interleaved`);
	const terminal = await Terminal.start({socket: `notion-tokens-bench-${process.pid}`, columns: COLUMNS, rows: ROWS, env});
	const samples = {'floor-ui': [], 'terminal-floor': [], 'bare-ink': [], 'bare-ink-fetch': [], 'bare-ink-width': [], [`ui-${SMALL}`]: []};
	const cursor = {spaced: [], repeat: []};
	let rss;
	const count = SMALL;
	try {
		for (let run = 0; run < plan.warmup + plan.uiRuns; run++) {
			const keep = run >= plan.warmup;
			await settle();
			const floor = timeOnce({argv: [node, '-e', '0'], env});
			// The terminal's own share: a node process that ends one (empty) synchronized frame.
			await settle();
			const sent = terminal.spawn([node, '-e', "process.stdout.write('\\u001B[?2026h\\u001B[?2026l')"], {cwd: homes.small.dir});
			const trivial = await terminal.waitFrame(() => true, 10_000, 'the trivial frame');
			// Ink's own share: a bundled Ink program that draws as much text as the UI, and nothing
			// else; built as the CLI is, and without loading yoga from bytes (what that saves).
			const bare = {};
			for (const [name, program] of [
				['bare-ink', bareInk.shipped],
				['bare-ink-fetch', bareInk.fetch],
				['bare-ink-width', bareInk.width],
			]) {
				await settle();
				const bareSent = terminal.spawn([node, program], {cwd: homes.small.dir});
				bare[name] = (await terminal.waitFrame(frame => frame.text.includes(BARE_INK_LAST_LINE), 10_000, 'the bare Ink frame')).at - bareSent;
			}
			await settle();
			const started = await startUi(terminal, homes.small, count, homes.small.firstName);
			await quitUi(terminal, started.pid);
			if (keep) {
				samples['floor-ui'].push(floor.ms);
				samples['terminal-floor'].push(trivial.at - sent);
				samples['bare-ink'].push(bare['bare-ink']);
				samples['bare-ink-fetch'].push(bare['bare-ink-fetch']);
				samples['bare-ink-width'].push(bare['bare-ink-width']);
				samples[`ui-${SMALL}`].push(started.ms);
			}
		}

		log(`ui: cursor moves in a ${count}-row list (${plan.moves} single presses, then a held key at key-repeat rate)`);
		const started = await startUi(terminal, homes.small, count, homes.small.firstName);
		// The screens load the rest (tokens, expiry) after the first frame: measure moves once the UI is idle.
		await waitIdle(terminal, 1000, 60_000);
		let position = 1;
		let step = 1;
		const at = row => frame => frame.text.includes(`${row}/${count}`);
		// Single presses, down to the last row and back up: each after the previous frame and a
		// pause longer than Ink's render throttle (1000/30 ms), as a person reads the list.
		for (let press = 0; press < plan.moves; press++) {
			if (position + step < 1 || position + step > count) step = -step;
			await Promise.all([settle(), new Promise(resolve => setTimeout(resolve, 60))]);
			const sent = terminal.sendKeys(step > 0 ? 'Down' : 'Up');
			position += step;
			const frame = await terminal.waitFrame(at(position), 5000, `the cursor at row ${position}`);
			cursor.spaced.push(frame.at - sent);
		}
		// Key repeat (a held arrow key, ~30 presses a second) towards the farther end of the list:
		// each press's latency to the first frame that shows the cursor at or past its row.
		await settle();
		const down = position <= count / 2;
		const presses = [];
		const fromFrame = terminal.frames.length;
		for (let press = 1; press <= Math.min(plan.moves, down ? count - position : position - 1); press++) {
			presses.push({sent: terminal.sendKeys(down ? 'Down' : 'Up'), row: down ? position + press : position - press});
			await new Promise(resolve => setTimeout(resolve, 33));
		}
		const last = presses.at(-1).row;
		if (!terminal.frames.some(at(last))) await terminal.waitFrame(at(last), 10_000, `the cursor at row ${last}`);
		const rowPattern = new RegExp(`(\\d+)/${count}`);
		const shown = terminal.frames.slice(fromFrame).map(frame => ({at: frame.at, row: Number(rowPattern.exec(frame.text)?.[1] ?? 0)}));
		for (const press of presses) {
			const frame = shown.find(item => item.at >= press.sent && (down ? item.row >= press.row : item.row > 0 && item.row <= press.row));
			if (frame) cursor.repeat.push(frame.at - press.sent);
		}
		rss = peakRss(started.pid);
		await quitUi(terminal, started.pid);
	} finally {
		await terminal.stop();
	}
	return {samples, cursor, rss};
}

// ---------------------------------------------------------------------------------------------

function keyring(env, seedRoot) {
	log(`keyring: ${KEYS} tokens in the kernel keyring vs none, ${plan.warmup} warm-up + ${plan.runs} runs each`);
	const input = JSON.stringify({cli, count: KEYS, warmup: plan.warmup, runs: plan.runs, quiet: {...quiet, budgetMs: settle.left()}, root: seedRoot, env});
	const result = spawnSync('keyctl', ['session', '-', node, path.join(root, 'bench', 'lib', 'keyring-phase.mjs'), input], {
		env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const stderr = result.stderr.replace(/^Joined session keyring: \d+\n/m, '');
	if (stderr.trim()) process.stderr.write(stderr);
	if (result.status !== 0) throw new Error(`keyring figure failed (exit ${result.status})`);
	const {samples, noisy} = JSON.parse(result.stdout.trim().split('\n').at(-1));
	settle.noisy += noisy;
	return samples;
}

// ---------------------------------------------------------------------------------------------

function figures({headless: h, ui: u, keyring: k, admin}) {
	const med = samples => summary(samples).median;
	const floor = med(h.floor);
	const uiFloor = med(u.samples['floor-ui']);
	const rows = [];
	const add = row => rows.push(row);
	const timing = (id, label, samples, ratioTo, ratioLabel, target) => {
		const stats = summary(samples);
		const ratio = stats.median / ratioTo;
		add({
			id,
			label,
			median: round(stats.median),
			p95: round(stats.p95),
			runs: stats.runs,
			ratio: round(ratio, 2),
			ratioTo: ratioLabel,
			target: target ?? null,
			met: target === undefined ? null : ratio <= target,
		});
	};
	timing('floor', '`node -e 0` (floor)', h.floor, floor, 'floor');
	timing(`status-${SMALL}`, `\`status --json\`, file store, ${SMALL} workspaces and tokens`, h[`status-${SMALL}`], floor, 'floor', 1.8);
	timing(`workspaces-${SMALL}`, `\`workspaces --json\`, file store, ${SMALL} workspaces and tokens`, h[`workspaces-${SMALL}`], floor, 'floor', 1.8);
	timing('esm-builtins', 'an ES module importing the built-ins the CLI imports, no code of ours (information)', h['esm-builtins'], floor, 'floor');
	timing('version', '`--version`: loading the CLI, no command run (information)', h.version, floor, 'floor');
	timing(`ui-${SMALL}`, `UI: spawn to first complete frame (tmux), ${SMALL} workspaces and tokens`, u.samples[`ui-${SMALL}`], uiFloor, 'floor', 4);
	const spaced = summary(u.cursor.spaced);
	add({
		id: 'cursor-p95',
		label: `cursor move in a ${SMALL}-row list, key to frame, p95 (single presses)`,
		median: round(spaced.median),
		p95: round(spaced.p95),
		runs: spaced.runs,
		value: round(spaced.p95),
		unit: 'ms',
		target: 16,
		met: spaced.p95 <= 16,
	});
	const repeat = summary(u.cursor.repeat);
	add({
		id: 'cursor-repeat-p95',
		label: 'cursor move at key-repeat rate (30/s), key to frame, p95 (information)',
		median: round(repeat.median),
		p95: round(repeat.p95),
		runs: repeat.runs,
		value: round(repeat.p95),
		unit: 'ms',
		target: null,
		met: null,
	});
	add({
		id: 'ui-rss',
		label: `UI peak RSS (VmHWM), ${SMALL} workspaces`,
		value: u.rss === null ? null : round(u.rss / 2 ** 20, 1),
		unit: 'MB',
		target: 100,
		met: u.rss !== null && u.rss / 2 ** 20 <= 100,
	});
	timing(`status-${STRESS}`, `\`status --json\`, ${STRESS.toLocaleString('en')} workspaces and tokens (stress)`, h[`status-${STRESS}`], floor, 'floor', 2.5);
	timing(
		`workspaces-${STRESS}`,
		`\`workspaces --json\`, ${STRESS.toLocaleString('en')} workspaces and tokens (information)`,
		h[`workspaces-${STRESS}`],
		floor,
		'floor',
	);
	const none = med(k.none);
	const many = med(k.many);
	add({
		id: 'keyring-200',
		label: `\`workspaces --json\`, keychain store: ${KEYS} tokens minus none`,
		median: round(many),
		base: round(none),
		value: round(many - none),
		unit: 'ms',
		runs: k.many.length,
		target: 50,
		met: many - none <= 50,
	});
	timing('terminal-floor', 'tmux: spawn to first frame of a trivial node program (information)', u.samples['terminal-floor'], uiFloor, 'floor');
	timing('bare-ink', 'tmux: spawn to first frame of a bare Ink program, 39 lines of text (information)', u.samples['bare-ink'], uiFloor, 'floor');
	timing('bare-ink-fetch', 'the same, yoga loaded through fetch() as yoga-layout ships it (information)', u.samples['bare-ink-fetch'], uiFloor, 'floor');
	const yoga = summary(u.samples['bare-ink-fetch']).median - summary(u.samples['bare-ink']).median;
	add({
		id: 'yoga-from-bytes',
		label: 'what loading yoga from bytes saves at every UI start (the two rows above; information)',
		value: round(yoga),
		unit: 'ms',
		runs: u.samples['bare-ink'].length,
		target: null,
		met: null,
	});
	timing('bare-ink-width', 'the same, with string-width as published (information)', u.samples['bare-ink-width'], uiFloor, 'floor');
	add({
		id: 'string-width-changes',
		label: "what string-width's changes save at every UI start (first and last bare Ink rows; information)",
		value: round(summary(u.samples['bare-ink-width']).median - summary(u.samples['bare-ink']).median),
		unit: 'ms',
		runs: u.samples['bare-ink'].length,
		target: null,
		met: null,
	});
	for (const row of admin) add(row);
	return {rows, floor: {headless: round(floor), ui: round(uiFloor), keyring: round(med(k.floor))}};
}

function table(rows) {
	const lines = ['| figure | median ms | ratio | target | result |', '|---|---:|---:|---|---|'];
	for (const row of rows) {
		const value = row.unit === 'MB' ? `${row.value} MB` : row.unit === 'ms' ? `${row.value} ms` : `${row.ratio}× ${row.ratioTo}`;
		const target = row.target === null ? '' : row.unit ? `≤ ${row.target} ${row.unit}` : `≤ ${row.target}× ${row.ratioTo}`;
		const result = row.met === null ? '' : row.met ? 'met' : quick ? 'missed (quick: not judged)' : '**missed**';
		const median = row.median === undefined ? '' : row.id === 'keyring-200' ? `${row.median} vs ${row.base}` : String(row.median);
		lines.push(`| ${row.label} | ${median} | ${value} | ${target} | ${result} |`);
	}
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm run bench does)`);
needTool('tmux', 'the UI figures (a real terminal)');
needTool('keyctl', 'the keyring figure (a session keyring of its own)');
const started = Date.now();
const env = measuredEnv();
const seedRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'notion-tokens-bench-'));
try {
	const homes = {small: await seedHome({count: SMALL, root: seedRoot}), stress: await seedHome({count: STRESS, root: seedRoot})};
	for (const home of Object.values(homes)) home.firstName = [...home.names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))[0];
	const bareInk = {
		shipped: await buildBareInk(seedRoot),
		fetch: await buildBareInk(seedRoot, {without: ['yoga-wasm-from-bytes']}),
		width: await buildBareInk(seedRoot, {without: ['string-width-remembered']}),
	};
	const results = {headless: await headless(env, homes), ui: await ui(env, homes, bareInk), keyring: keyring(env, seedRoot)};
	results.admin = await adminFigures({node, cli, env, home: homes.small, plan, settle, columns: COLUMNS, rows: ROWS, log});
	const {rows, floor} = figures(results);
	const report = {
		mode: quick ? 'quick' : 'full',
		machine: machine(),
		environment: {nodeExtraCaCerts: env['NODE_EXTRA_CA_CERTS'] !== undefined, terminal: `tmux ${COLUMNS}×${ROWS}`, runsWithoutQuietMoment: settle.noisy},
		plan,
		floorMs: floor,
		figures: rows,
		samples: {
			...results.headless,
			...results.ui.samples,
			cursorSpaced: results.ui.cursor.spaced,
			cursorRepeat: results.ui.cursor.repeat,
			keyring: results.keyring,
		},
		seconds: round((Date.now() - started) / 1000, 1),
	};
	await fs.mkdir(path.dirname(outFile), {recursive: true});
	await fs.writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
	const m = report.machine;
	console.log(`\nnotion-tokens bench (${report.mode}) — ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date.slice(0, 10)}`);
	console.log(
		`floor \`node -e 0\`: ${floor.headless} ms${env['NODE_EXTRA_CA_CERTS'] ? ' (NODE_EXTRA_CA_CERTS set)' : ''}; medians of ${plan.runs} runs (UI: ${plan.uiRuns}) after ${plan.warmup} warm-up; ${settle.noisy} runs found no quiet moment\n`,
	);
	console.log(table(rows));
	const missed = rows.filter(row => row.met === false);
	console.log(
		`\n${rows.filter(row => row.met === true).length} targets met, ${missed.length} missed; ${report.seconds} s; written to ${path.relative(process.cwd(), outFile)}`,
	);
	if (missed.length > 0 && !quick) process.exitCode = 1;
} finally {
	await fs.rm(seedRoot, {recursive: true, force: true});
}
