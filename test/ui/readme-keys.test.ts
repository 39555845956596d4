import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {keyTableMarkdown} from '../../source/ui/keymap.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const START = '<!-- keys:start -->';
const END = '<!-- keys:end -->';
const HOW = 'Run `UPDATE_README=1 npx vitest run test/ui/readme-keys.test.ts` to write the table from source/ui/keymap.ts.';

describe('README key table', () => {
	it('is the table generated from the key map', async () => {
		const readme = await fs.readFile(README, 'utf8').catch(() => null);
		expect(readme, `README.md is missing. ${HOW}`).not.toBeNull();
		const start = readme!.indexOf(START);
		const end = readme!.indexOf(END);
		expect(start >= 0 && end > start, `README.md needs the markers ${START} and ${END} around the key table. ${HOW}`).toBe(true);
		const wanted = `${START}\n${keyTableMarkdown()}\n${END}`;
		const current = readme!.slice(start, end + END.length);
		if (current !== wanted && process.env['UPDATE_README'] === '1') {
			await fs.writeFile(README, readme!.slice(0, start) + wanted + readme!.slice(end + END.length));
			return;
		}
		expect(current, `The key table in README.md is out of date. ${HOW}`).toBe(wanted);
	});
});
