/**
 * The shape the product depends on: the headless core never imports React, Ink or the UI; the UI
 * reaches the core only through its public surface; and in the shipped bundle, what a headless
 * command loads (the entry and the chunks it imports statically) holds no Ink, React or yoga.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {shippedCli} from '../helpers/shipped-cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
	const entries = await fs.readdir(path.join(ROOT, dir), {recursive: true, withFileTypes: true});
	return entries.filter(entry => entry.isFile() && /\.tsx?$/.test(entry.name)).map(entry => path.join(entry.parentPath, entry.name));
}

/**
 * Every module a source names: `import … from`, `export … from`, bare `import '…'`, `import('…')`,
 * `require('…')` and `createRequire(…)('…')`.
 */
const specifiersIn = (code: string) =>
	[...code.matchAll(/(?:\bfrom|\bimport|\brequire|\bcreateRequire\([^()]*(?:\([^()]*\))?[^()]*\))\s*\(?\s*(['"`])([^'"`]+)\1/g)].map(match => match[2]!);

const importsOf = async (file: string) => specifiersIn(await fs.readFile(file, 'utf8'));

/** The CLI's entry and every file of the CLI and the UI: they reach the core only through its index. */
const frontFiles = async () => [path.join(ROOT, 'cli.tsx'), ...(await sourceFiles('source/cli')), ...(await sourceFiles('source/ui'))];

describe('module boundaries', () => {
	it('the core imports neither React, Ink nor the UI, and the CLI does not either', async () => {
		const offenders: string[] = [];
		for (const file of [...(await sourceFiles('source/core')), ...(await sourceFiles('source/cli'))]) {
			for (const specifier of await importsOf(file)) {
				if (/^(react|ink|ink-[a-z-]+)(\/|$)/.test(specifier) || specifier.includes('/ui/')) offenders.push(`${path.relative(ROOT, file)} → ${specifier}`);
			}
		}
		expect(offenders).toEqual([]);
	});

	it('finds a module named in every import form', () => {
		const code = [
			"import {a} from './a.js';",
			'import type {B} from "./b.js";',
			"import './c.js';",
			"export {d} from './d.js';",
			"export * from './e.js';",
			"const f = await import('./f.js');",
			'const g = require("./g.js");',
			"const h = createRequire(import.meta.url)('./h.js');",
			'const i = await import(`./i.js`);',
		].join('\n');
		expect(specifiersIn(code)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', './g.js', './h.js', './i.js']);
	});

	it('cli.tsx, the CLI and the UI talk to the core only through source/core/index.ts', async () => {
		const offenders: string[] = [];
		for (const file of await frontFiles()) {
			for (const specifier of await importsOf(file)) {
				const target = path.resolve(path.dirname(file), specifier);
				const inCore = target.startsWith(path.join(ROOT, 'source', 'core') + path.sep);
				if (inCore && target !== path.join(ROOT, 'source', 'core', 'index.js')) offenders.push(`${path.relative(ROOT, file)} → ${specifier}`);
			}
		}
		expect(offenders).toEqual([]);
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
		expect(eager.filter(({code}) => /yoga|Raw mode is not supported|ink-select-input/.test(code)).map(({file}) => path.basename(file))).toEqual([]);
		const entryCode = await fs.readFile(entry, 'utf8');
		const lazy = [...entryCode.matchAll(/import\("(\.\/chunks\/[^"]+)"\)/g)].map(match => path.resolve(path.dirname(entry), match[1]!));
		const lazyCode = await Promise.all(lazy.map(file => fs.readFile(file, 'utf8')));
		expect(lazyCode.some(code => /yoga/.test(code) && /Raw mode is not supported/.test(code))).toBe(true);
	});
});
