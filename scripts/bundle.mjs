// Builds the shipped CLI: dist/notion-tokens.mjs plus lazily loaded chunks (the terminal UI, conf),
// so headless commands never parse or run Ink and React.
import {build} from 'esbuild';
import {rm} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: {'notion-tokens': 'cli.tsx'},
	outdir: 'dist',
	outExtension: {'.js': '.mjs'},
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	minify: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	jsx: 'automatic',
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined'},
	alias: {'react-devtools-core': fileURLToPath(new URL('devtools-stub.js', import.meta.url))},
	external: ['@napi-rs/keyring'],
	banner: {js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
	logLevel: 'warning',
});
