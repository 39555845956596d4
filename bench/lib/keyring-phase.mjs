// The keyring figure, run by bench/run.mjs under `keyctl session -` (a session keyring of its own,
// as a login shell has). Seeds tokens in the kernel keyring the way ntn stores them
// (`keyring-rs:<workspace id>@notion-cli`, ntn-compat §5), times `workspaces --json` with the
// keychain store against homes of 0 and N cached workspaces, then deletes every key it made.
// Input: one JSON argument {cli, count, warmup, runs, quiet, root, env}; output: one JSON line.
import {spawnSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {seedHome} from './seed.mjs';
import {quietGate} from './quiet.mjs';
import {measureRounds} from './spawn-timer.mjs';

const options = JSON.parse(process.argv[2]);
const {Entry} = createRequire(import.meta.url)('@napi-rs/keyring');
const entry = id => Entry.withTarget(`keyring-rs:${id}@notion-cli`, 'notion-cli', id, {linux: {store: 'keyutils'}});

// A tag of this process keeps its keys apart from any other run's.
const tag = (process.pid & 0xffff).toString(16).padStart(4, '0');
const none = await seedHome({count: 0, store: 'keychain', tag, root: options.root});
const many = await seedHome({count: options.count, store: 'keychain', tag, root: options.root});
const made = [];
try {
	for (const id of many.ids) {
		entry(id).setPassword(many.tokens[id]);
		made.push(id);
	}
	const node = process.execPath;
	const check = rows => result => {
		const parsed = JSON.parse(result.stdout.toString() || 'null');
		const present = Array.isArray(parsed) ? parsed.filter(row => row.hasToken === true && row.storage === 'keychain').length : -1;
		if (result.status !== 0 || present !== rows) {
			throw new Error(`workspaces --json (keychain, ${rows} rows): exit ${result.status}, ${present} tokens found\n${result.stderr}`);
		}
	};
	const settle = quietGate(options.quiet);
	const {samples} = await measureRounds(
		[
			{name: 'floor', argv: [node, '-e', '0'], env: options.env},
			{name: 'none', argv: [node, options.cli, 'workspaces', '--json'], env: {...options.env, ...none.env}, check: check(0), expectStatus: 0},
			{name: 'many', argv: [node, options.cli, 'workspaces', '--json'], env: {...options.env, ...many.env}, check: check(options.count), expectStatus: 0},
		],
		{warmup: options.warmup, runs: options.runs, settle},
	);
	process.stdout.write(`${JSON.stringify({samples, noisy: settle.noisy})}\n`);
} finally {
	let left = 0;
	for (const id of made) {
		try {
			entry(id).deletePassword();
		} catch {}
		// Verify with keyctl itself that nothing stays behind (in the session or persistent keyring).
		const found = spawnSync('keyctl', ['search', '@s', 'user', `keyring-rs:${id}@notion-cli`], {stdio: 'ignore'});
		if (found.status === 0) left++;
	}
	if (left > 0) process.stderr.write(`warning: ${left} bench keys are still in the keyring\n`);
}
