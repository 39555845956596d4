// Builds the shipped CLI: dist/notion-tokens.mjs plus lazily loaded chunks (the terminal UI),
// so headless commands never parse or run Ink and React. `npm run bench` measures what it produces.
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {REQUIRE_SHIM, inkBuildOptions} from './ink-plugins.mjs';

const packageJson = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const root = fileURLToPath(new URL('..', import.meta.url));

const ink = inkBuildOptions();
await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	...ink,
	absWorkingDir: root,
	entryPoints: {'notion-tokens': 'cli.tsx'},
	outdir: 'dist',
	outExtension: {'.js': '.mjs'},
	chunkNames: 'chunks/[name]-[hash]',
	// One chunk per dynamic import(): the UI (Ink, React, yoga) loads only when used.
	splitting: true,
	// The version is all the CLI needs from package.json: inline it rather than the whole file.
	define: {...ink.define, NOTION_TOKENS_VERSION: JSON.stringify(packageJson.version)},
	// A native module per platform (a .node file): loaded from node_modules at run time.
	external: ['@napi-rs/keyring'],
	banner: {js: `#!/usr/bin/env node\n${REQUIRE_SHIM}`},
});
