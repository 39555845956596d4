// Builds the shipped CLI: dist/notion-tokens.mjs plus lazily loaded chunks (the terminal UI, conf),
// so headless commands never parse or run Ink and React. `npm run bench` measures what it produces.
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {inkDefine, inkPlugins} from './ink-plugins.mjs';

const packageJson = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const root = fileURLToPath(new URL('..', import.meta.url));

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: {'notion-tokens': 'cli.tsx'},
	outdir: 'dist',
	outExtension: {'.js': '.mjs'},
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	// One chunk per dynamic import(): the UI (Ink, React, yoga) and conf load only when used.
	splitting: true,
	minify: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	jsx: 'automatic',
	legalComments: 'none',
	// React's production build; Ink's devtools hook (DEV=true) compiled out.
	// The version is all the CLI needs from package.json: inline it rather than the whole file.
	define: {...inkDefine, NOTION_TOKENS_VERSION: JSON.stringify(packageJson.version)},
	// Ink imports react-devtools-core behind a run-time check; an external would still be a static import.
	alias: {'react-devtools-core': fileURLToPath(new URL('devtools-stub.js', import.meta.url))},
	// A native module per platform (a .node file): loaded from node_modules at run time.
	external: ['@napi-rs/keyring'],
	// CommonJS dependencies (React, signal-exit) call require() for Node built-ins.
	banner: {js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
	plugins: inkPlugins,
	logLevel: 'warning',
});
