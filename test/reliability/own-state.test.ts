/** notion-tokens' own state: private under any umask, never a hang on a FIFO, never its raw bytes in a message. */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {runCliProcess} from '../peer/helpers/headless-cli.js';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';

const world = () =>
	ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		}),
		auth: {[A]: `ntn_own_a_${'x'.repeat(30)}`, [B]: `ntn_own_b_${'x'.repeat(30)}`},
	});

describe("notion-tokens' own state", () => {
	it('is created 0600 in dirs created 0700 under umask 000', async () => {
		const home = await world();
		const stateDir = path.join(home.stateDir, 'deep', 'er');
		const result = await runCliProcess(
			['expiry-window', '12'],
			{...home.env, NOTION_TOKENS_HOME: stateDir},
			{prefix: ['sh', '-c', 'umask 000; exec "$0" "$@"']},
		);
		expect(result.code, result.stderr).toBe(0);
		for (const dir of [home.stateDir, path.join(home.stateDir, 'deep'), stateDir]) expect(((await fs.stat(dir)).mode & 0o777).toString(8)).toBe('700');
		expect(((await fs.stat(path.join(stateDir, 'state.json'))).mode & 0o777).toString(8)).toBe('600');
	});

	it('a FIFO at state.json is refused at once with a clear error', async () => {
		const home = await world();
		await fs.mkdir(home.stateDir, {recursive: true});
		execFileSync('mkfifo', [path.join(home.stateDir, 'state.json')]);
		for (const argv of [['use', 'Beta'], ['expiry-window'], ['expiring']]) {
			const result = await runCliProcess(argv, home.env, {timeoutMs: 8000});
			expect(result.timedOut).toBe(false);
			expect(result.stderr).toContain(`state file ${path.join(home.stateDir, 'state.json')}: it is not a regular file`);
		}
	});

	it("a broken state file's message never shows its bytes", async () => {
		const home = await world();
		await fs.mkdir(home.stateDir, {recursive: true});
		await fs.writeFile(path.join(home.stateDir, 'state.json'), '{"preferences": ntn_secretlooking_value_0123456789');
		const result = await runCliProcess(['expiry-window'], home.env);
		expect(result.code).toBe(3);
		expect(result.stderr).toContain('it is not valid JSON');
		expect(result.stderr).not.toContain('secretlooking');
	});
});
