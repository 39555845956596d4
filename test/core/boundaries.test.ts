/**
 * The shape the product depends on. The module boundaries are enforced by the linter
 * (eslint.config.js with scripts/lint-boundaries.mjs), which `npm test` runs over the tree: the
 * headless core never uses React, Ink, the UI or the CLI; the CLI uses no React or Ink; cli.tsx,
 * the CLI and the UI reach the core only through source/core/index.ts. These tests show that the
 * rule catches every import form. And in the shipped bundle, what a headless command loads (the
 * entry and the chunks it imports statically) holds no Ink, React or yoga.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';
import {shippedCli} from '../helpers/shipped-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({cwd: ROOT});

/** The boundary problems the project's lint finds in `code` placed at `file`. */
async function outOfBounds(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath: path.join(ROOT, file)});
	return result!.messages.filter(message => message.ruleId === 'project/boundaries' || message.fatal).map(message => `${message.line}: ${message.message}`);
}

/** One line per import form, each naming `name`. */
const everyForm = (name: string) => [
	`import {a} from '${name}';`,
	`import type {B} from "${name}";`,
	`import '${name}';`,
	`export {d} from '${name}';`,
	`export * from '${name}';`,
	`const f = await import('${name}');`,
	`const g = require("${name}");`,
	`const h = createRequire(import.meta.url)('${name}');`,
	`const i = await import(\`${name}\`);`,
	`type J = typeof import('${name}');`,
];

describe('module boundaries', () => {
	it('the core may not use React, Ink, the UI or the CLI, in any import form', async () => {
		for (const name of [
			'react',
			'react/jsx-runtime',
			'ink',
			'ink-testing-library',
			'../../ui/app.js',
			'../../ui/screens/x/y.js',
			'../../cli/run.js',
			'../../../cli.js',
		]) {
			const problems = await outOfBounds('source/core/ops/example.ts', everyForm(name).join('\n'));
			expect(
				problems.map(problem => Number(problem.split(':')[0])),
				name,
			).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		}
		expect(await outOfBounds('source/core/ops/example.ts', everyForm('../ntn/files.js').join('\n'))).toEqual([]);
		expect(await outOfBounds('source/core/example.ts', "import fs from 'node:fs/promises';\nimport {x} from './shared/y.js';")).toEqual([]);
	});

	it('the UI, the CLI and cli.tsx reach the core only through its index', async () => {
		for (const [file, core] of [
			['source/ui/screens/example.tsx', '../../core'],
			['source/cli/commands/example.ts', '../../core'],
			['cli.tsx', './source/core'],
		] as const) {
			const inside = await outOfBounds(file, everyForm(`${core}/ntn/files.js`).join('\n'));
			expect(inside.length, file).toBe(10);
			expect(inside[0]).toContain(`${core}/ntn/files.js`);
			expect(await outOfBounds(file, everyForm(`${core}/index.js`).join('\n')), file).toEqual([]);
		}
	});

	it('the CLI uses no React or Ink, and no part of the UI', async () => {
		expect(await outOfBounds('source/cli/commands/example.ts', "import {render} from 'ink';\nimport {App} from '../../ui/app.js';")).toHaveLength(2);
	});

	it('headless commands load no Ink, React or yoga from the bundle: the UI is a lazily imported chunk', async () => {
		const entry = await shippedCli();
		const seen = new Set<string>();
		const visit = async (file: string) => {
			if (seen.has(file)) return;
			seen.add(file);
			const code = await fs.readFile(file, 'utf8');
			for (const match of code.matchAll(/from\s*"(\.{1,2}\/[^"]+)"/g)) await visit(path.resolve(path.dirname(file), match[1]!));
		};
		await visit(entry);
		const eager = await Promise.all([...seen].map(async file => ({file, code: await fs.readFile(file, 'utf8')})));
		expect(eager.filter(({code}) => /yoga|Raw mode is not supported/.test(code)).map(({file}) => path.basename(file))).toEqual([]);
		const entryCode = await fs.readFile(entry, 'utf8');
		const lazy = [...entryCode.matchAll(/import\("(\.\/chunks\/[^"]+)"\)/g)].map(match => path.resolve(path.dirname(entry), match[1]!));
		const lazyCode = await Promise.all(lazy.map(file => fs.readFile(file, 'utf8')));
		expect(lazyCode.some(code => /yoga/.test(code) && /Raw mode is not supported/.test(code))).toBe(true);
	});
});
