import {spawnSync} from 'node:child_process';
import fs from 'node:fs/promises';
import {afterEach, describe, expect, it} from 'vitest';
import {ntnHome} from '../../helpers/ntn-home.js';
import {coreOf} from '../../peer/helpers/core.js';
import {addNtnKey, findNtnKey, removeNtnKey} from '../../peer/helpers/keyctl.js';

/** The pid of a process that has ended. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
	return Number(child.stdout);
}

const added: string[] = [];
const add = (account: string) => {
	addNtnKey(account, 'probe');
	added.push(account);
	return account;
};
afterEach(() => {
	for (const account of added.splice(0)) removeNtnKey(account);
});

/**
 * The probe keys this process's own probes would have left, as the kernel lists them. A deleted key
 * stays listed, flagged invalidated (i), until the kernel's collector runs: those are gone.
 */
const ownProbeKeys = async () =>
	(await fs.readFile('/proc/keys', 'utf8'))
		.split('\n')
		.filter(line => line.includes(` keyring-rs:notion-tokens-probe-${process.pid}-`) && !/[iRD]/.test(line.split(/\s+/)[1] ?? ''));

describe('the kernel keyring probe', () => {
	it('leaves no key of its own, and removes the probe keys that killed processes left behind', async () => {
		const stale = add(`notion-tokens-probe-${deadPid()}-0badc0ffee`);
		const legacy = add('notion-tokens-probe');
		// Another notion-tokens probing right now (pid 1 runs): its key is not ours to remove.
		const running = add('notion-tokens-probe-1-00c0ffee');
		const home = await ntnHome({keyring: true});
		for (let round = 0; round < 3; round++) {
			const inventory = await coreOf(home).inventory();
			expect(inventory.problems.map(problem => problem.code)).toEqual([]);
		}
		expect(findNtnKey(stale)).toBeNull();
		expect(findNtnKey(legacy)).toBeNull();
		expect(findNtnKey(running)).not.toBeNull();
		expect(await ownProbeKeys()).toEqual([]);
	});
});
