// The Admin figures of `npm run bench`: 10,000 PATs from a loopback Admin API (100 pages).
//  - `admin pats <workspace> --json`: spawn to exit, every PAT printed;
//  - the Admin screen: Enter on the workspace to the first frame with rows (the first page), and
//    to the frame with all of them;
//  - a key press in the 10,000-row table, key to frame (p95 ≤ 16 ms);
//  - the UI's peak RSS with the 10,000 rows (≤ 150 MB).
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {timeOnce} from './lib/spawn-timer.mjs';
import {round, summary} from './lib/stats.mjs';
import {Terminal, peakRss, waitGone} from './lib/tmux.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SPACE = 'aaaaaaaa-0000-4000-8000-000000000001';
const TOKEN = 'bench-admin-token-0123456789abcdef';
export const PATS = 10_000;

/** Starts the loopback Admin API in its own process; resolves with its base URL and a stop. */
async function startServer(node) {
	const child = spawn(node, [path.join(root, 'bench', 'lib', 'admin-server.mjs'), String(PATS), TOKEN, SPACE], {stdio: ['ignore', 'pipe', 'inherit']});
	const port = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.stdout.once('data', chunk => resolve(JSON.parse(chunk.toString()).port));
	});
	return {baseUrl: `http://127.0.0.1:${port}`, stop: () => new Promise(resolve => (child.once('exit', resolve), child.kill('SIGTERM')))};
}

/**
 * Runs the Admin figures. `home` is an ntn home (its env) whose state dir the UI may write;
 * `settle` waits for a quiet moment. Resolves with the figure rows.
 */
export async function adminFigures({node, cli, env, home, plan, settle, columns, rows, log}) {
	const server = await startServer(node);
	const own = {...home.env, NOTION_ADMIN_TOKEN: TOKEN, NOTION_PUBLIC_API_BASE_URL: server.baseUrl};
	const adminEnv = {...env, ...own};
	try {
		log(`admin: \`admin pats --json\` with ${PATS} PATs (${PATS / 100} pages), ${plan.warmup} warm-up + ${plan.runs} runs`);
		const json = [];
		for (let run = 0; run < plan.warmup + plan.runs; run++) {
			await settle();
			const result = timeOnce({argv: [node, cli, 'admin', 'pats', SPACE, '--json'], env: adminEnv});
			if (run === 0) {
				const printed = JSON.parse(result.stdout.toString());
				if (result.status !== 0 || printed.length !== PATS)
					throw new Error(`admin pats --json printed ${printed.length} PATs (exit ${result.status})\n${result.stderr}`);
			}
			if (run >= plan.warmup) json.push(result.ms);
		}

		log(`admin: the Admin screen with ${PATS} PATs in tmux (${columns}×${rows}), ${plan.uiRuns} runs; ${plan.moves} key presses`);
		const terminal = await Terminal.start({socket: `notion-tokens-bench-admin-${process.pid}`, columns, rows, env});
		const first = [];
		const all = [];
		const keys = [];
		let rss = null;
		try {
			for (let run = 0; run < plan.warmup + plan.uiRuns; run++) {
				await settle();
				terminal.spawn([node, cli], {env: own, cwd: home.dir});
				await terminal.waitFrame(frame => frame.text.includes('4 Admin') && /\bq quit\b/.test(frame.text), 20_000, 'the UI with its Admin tab');
				const pid = await terminal.panePid();
				terminal.sendKeys('4');
				await terminal.waitFrame(frame => frame.text.includes("Which workspace's PATs?"), 10_000, 'the workspace picker');
				terminal.sendKeys('-l', SPACE);
				await terminal.waitFrame(frame => frame.text.includes(`Enter reviews workspace ${SPACE}`), 10_000, 'the typed workspace id');
				await settle();
				const sent = terminal.sendKeys('Enter');
				const shown = await terminal.waitFrame(frame => /fetching… page \d+/.test(frame.text) && frame.text.includes('token '), 20_000, 'the first rows');
				const whole = await terminal.waitFrame(frame => frame.text.includes(`${PATS} PATs · fetched`), 60_000, `all ${PATS} PATs`);
				if (run >= plan.warmup) {
					first.push(shown.at - sent);
					all.push(whole.at - sent);
				}
				const last = run === plan.warmup + plan.uiRuns - 1;
				if (last) {
					// Key presses in the 10,000-row table: each after the previous frame and a pause longer
					// than Ink's render throttle, as a person reads the list.
					let position = 1;
					for (let press = 0; press < plan.moves; press++) {
						await Promise.all([settle(), new Promise(resolve => setTimeout(resolve, 60))]);
						const at = terminal.sendKeys('Down');
						const frame = await terminal.waitFrame(item => item.text.includes(`${position + 1}/${PATS}`), 5000, `the cursor at row ${position + 1}`);
						position++;
						keys.push(frame.at - at);
					}
					rss = peakRss(pid);
				}
				terminal.sendKeys('q');
				await waitGone(pid);
			}
		} finally {
			await terminal.stop();
		}
		const row = (id, label, samples, extra = {}) => {
			const stats = summary(samples);
			return {
				id,
				label,
				median: round(stats.median),
				p95: round(stats.p95),
				runs: stats.runs,
				value: round(stats.median),
				unit: 'ms',
				target: null,
				met: null,
				...extra,
			};
		};
		const keyStats = summary(keys);
		return [
			row(`admin-pats-json-${PATS}`, `\`admin pats --json\`, ${PATS} PATs in ${PATS / 100} pages from a loopback Admin API, all printed (information)`, json),
			row(`admin-first-rows-${PATS}`, `Admin screen: Enter to the first rows (first page of ${PATS / 100}) (information)`, first),
			row(`admin-all-rows-${PATS}`, `Admin screen: Enter to all ${PATS} PATs listed (information)`, all),
			{
				id: 'admin-key-p95',
				label: `key press in the ${PATS}-PAT table, key to frame, p95`,
				median: round(keyStats.median),
				p95: round(keyStats.p95),
				runs: keyStats.runs,
				value: round(keyStats.p95),
				unit: 'ms',
				target: 16,
				met: keyStats.p95 <= 16,
			},
			{
				id: 'admin-rss',
				label: `Admin screen peak RSS (VmHWM), ${PATS} PATs`,
				value: rss === null ? null : round(rss / 2 ** 20, 1),
				unit: 'MB',
				target: 150,
				met: rss !== null && rss / 2 ** 20 <= 150,
			},
		];
	} finally {
		await server.stop();
	}
}
