import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';

describe('notion-tokens expiry-window', () => {
	it('shows the default, saves a new window in our own state file, and expiring uses it', async () => {
		const home = await ntnHome();
		expect(await runCli(['expiry-window'], home.env)).toEqual({code: 0, stdout: 'Expiry window: 30 days\n', stderr: ''});

		const saved = await runCli(['expiry-window', '2w'], home.env);
		expect(saved.code).toBe(0);
		expect(saved.stdout).toBe('✓ Expiry window saved: 14 days (used by expiring, tokens, check and the UI unless --within says otherwise)\n');
		expect(JSON.parse(await fs.readFile(path.join(home.stateDir, 'state.json'), 'utf8'))).toMatchObject({preferences: {expiryWindowDays: 14}});
		expect(await home.exists('config.json')).toBe(false);

		expect((await runCli(['expiry-window', '--json'], home.env)).stdout).toBe('{\n  "expiryWindowDays": 14\n}\n');
		expect(JSON.parse((await runCli(['expiring', '--json'], home.env)).stdout)).toMatchObject({withinDays: 14});
		expect(JSON.parse((await runCli(['expiring', '--json', '--within', '45'], home.env)).stdout)).toMatchObject({withinDays: 45});
	});

	it('refuses a value it cannot read, naming it, and saves nothing', async () => {
		const home = await ntnHome();
		const result = await runCli(['expiry-window', 'soon'], home.env);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('"soon"');
		expect(
			await fs.access(path.join(home.stateDir, 'state.json')).then(
				() => true,
				() => false,
			),
		).toBe(false);
	});
});
