import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createDemoHome} from '../../../source/core/ops/demo.js';

describe('the demo home', () => {
	it('is removed on exit even while a last write of the UI lands in it', async () => {
		let failures = 0;
		let left = 0;
		for (let round = 0; round < 20; round++) {
			const demo = await createDemoHome();
			const state = demo.env['NOTION_TOKENS_HOME']!;
			// Writes still landing for a few milliseconds after the cleanup starts, as the UI's last
			// state write (a temp file, then a rename) can.
			const writer = (async () => {
				const until = Date.now() + 30;
				for (let index = 0; Date.now() < until; index++) await fs.writeFile(path.join(state, `late-${index}.tmp`), 'x').catch(() => undefined);
			})();
			await demo.cleanup().catch(() => failures++);
			await writer;
			if (
				await fs.access(path.dirname(state)).then(
					() => true,
					() => false,
				)
			)
				left++;
			await fs.rm(path.dirname(state), {recursive: true, force: true, maxRetries: 5});
		}
		expect({failures, left}).toEqual({failures: 0, left: 0});
	});
});
