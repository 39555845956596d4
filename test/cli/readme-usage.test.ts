import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {rootHelp} from '../../source/cli/help.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

describe('README usage section', () => {
	it('is exactly the text of --help', async () => {
		const readme = await fs.readFile(README, 'utf8');
		const section = /<!-- usage:start -->\n```text\n([\s\S]*?)```\n<!-- usage:end -->/.exec(readme);
		expect(section, 'README.md needs the usage block between <!-- usage:start --> and <!-- usage:end -->').not.toBeNull();
		expect(section![1]).toBe(rootHelp());
	});

	it('starts with the two commands a newcomer runs', async () => {
		const readme = await fs.readFile(README, 'utf8');
		const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!;
		expect(firstBlock).toMatch(/^npm install && npm start\b/m);
		expect(firstBlock).toMatch(/^npm install && npm test\b/m);
	});
});
