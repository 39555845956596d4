// Waits for a quiet moment on a shared machine: samples of a run are taken only when the other
// processes leave the CPUs (nearly) idle, so that one busy neighbour does not skew a figure.
import {readFileSync} from 'node:fs';

function cpuTimes() {
	const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
	const idle = fields[3] + (fields[4] ?? 0);
	return {idle, total: fields.reduce((sum, value) => sum + value, 0)};
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Resolves once the machine was at most `busy` (0–1 of all CPUs) busy over a `windowMs` window,
 * or after `maxWaitMs`; resolves with whether it was quiet. Without /proc it resolves at once.
 */
export async function waitQuiet({busy = 0.1, windowMs = 200, maxWaitMs = 10_000} = {}) {
	let before;
	try {
		before = cpuTimes();
	} catch {
		return true;
	}
	const start = Date.now();
	for (;;) {
		await sleep(windowMs);
		const after = cpuTimes();
		const total = after.total - before.total;
		const load = total > 0 ? 1 - (after.idle - before.idle) / total : 0;
		if (load <= busy) return true;
		if (Date.now() - start >= maxWaitMs) return false;
		before = after;
	}
}

/**
 * `waitQuiet` with a budget for the waiting that noise causes (time beyond the first sampling
 * window), so that a busy machine cannot stretch a run without end: once `budgetMs` is spent it
 * samples one window only. Resolves like waitQuiet; counts the waits that found no quiet moment
 * in `noisy`.
 */
export function quietGate({budgetMs, ...options}) {
	let spent = 0;
	const gate = async () => {
		const left = budgetMs - spent;
		const start = Date.now();
		const windowMs = options.windowMs ?? 200;
		const quiet = await waitQuiet({...options, maxWaitMs: Math.max(windowMs, Math.min(options.maxWaitMs ?? 10_000, left))});
		spent += Math.max(0, Date.now() - start - windowMs);
		if (!quiet) gate.noisy++;
		return quiet;
	};
	gate.noisy = 0;
	gate.left = () => Math.max(0, budgetMs - spent);
	return gate;
}
