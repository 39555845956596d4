// Wall time of whole processes, from spawn to exit, measured from Node with hrtime.
import {spawnSync} from 'node:child_process';

/**
 * Runs one command and returns its wall time in ms plus what it printed. stdout is a pipe read to
 * the end (as `notion-tokens … | jq` would be), stdin is /dev/null.
 */
export function timeOnce({argv, env, cwd}) {
	const start = process.hrtime.bigint();
	const result = spawnSync(argv[0], argv.slice(1), {env, cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (result.error) throw result.error;
	return {ms, status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr};
}

/**
 * Measures several commands in interleaved rounds (A B C, A B C, …) so that drift on a shared
 * machine hits all of them alike; each run first awaits `settle()` (e.g. a quiet moment, see
 * quiet.mjs), which resolves false when it found none.
 * Each command's `check(result)` runs on its first (warm-up) run and throws when the command did
 * not do what is measured; its `before()`, if any, runs before each run, outside the timing. Resolves with the samples and how many runs found no quiet moment.
 */
export async function measureRounds(commands, {warmup, runs, settle, onRound}) {
	const samples = Object.fromEntries(commands.map(command => [command.name, []]));
	let noisy = 0;
	for (let round = 0; round < warmup + runs; round++) {
		for (const command of commands) {
			await command.before?.();
			if (settle && !(await settle()) && round >= warmup) noisy++;
			const result = timeOnce(command);
			if (round === 0) command.check?.(result);
			else if (result.status !== command.expectStatus && command.expectStatus !== undefined) {
				throw new Error(`${command.name}: exit ${result.status} on run ${round + 1}\n${result.stderr}`);
			}
			if (round >= warmup) samples[command.name].push(result.ms);
		}
		onRound?.(round);
	}
	return {samples, noisy};
}
