// Builds the shipped CLI: dist/notion-tokens.mjs plus lazily loaded chunks (the terminal UI, conf),
// so headless commands never parse or run Ink and React. `npm run bench` measures what it produces.
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 `data:` URL that
 * Emscripten's loader reads with `fetch()`. On Node that first fetch loads undici, ~45 ms of
 * every UI start. Emscripten skips fetch when the module is given `wasmBinary`, so this makes the
 * loader decode the same base64 with Buffer (well under 1 ms) and pass the bytes. The build fails
 * if a yoga-layout update changes the code this relies on, rather than silently loading undici.
 */
const yogaWasmFromBytes = {
	name: 'yoga-wasm-from-bytes',
	setup(plugin) {
		plugin.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
			const source = await readFile(path, 'utf8');
			const url = /H="(data:application\/octet-stream;base64,[A-Za-z0-9+/=]+)"/.exec(source);
			const option = 'h.wasmBinary&&(w=h.wasmBinary)';
			if (!url || source.split(option).length !== 2) {
				throw new Error(`${path}: the WebAssembly loader is not the one yoga-wasm-from-bytes knows; update scripts/bundle.mjs`);
			}
			const base64 = url[1].slice('data:application/octet-stream;base64,'.length);
			const contents = source
				// Keep a (now empty) data: URL so the loader still never looks for a file next to the chunk.
				.replace(url[0], 'H="data:application/octet-stream;base64,"')
				.replace(option, `w=h.wasmBinary||Buffer.from(${JSON.stringify(base64)},"base64")`);
			return {contents, loader: 'js'};
		});
	},
};

/**
 * string-width (terminal column width) is called by Ink, wrap-ansi, cli-truncate and widest-line
 * for every cell of every frame, and each call that is not plain ASCII segments graphemes and
 * runs Unicode-property regexes (tens of µs). Ink caches widths only within one frame, so a
 * cursor move re-measures every visible row. This puts a cache in front of each copy of
 * string-width: the function is pure, so results are the same; the cache is bounded.
 */
const memoStringWidth = {
	name: 'memo-string-width',
	setup(plugin) {
		plugin.onResolve({filter: /^string-width$/}, async ({importer, resolveDir, kind, pluginData}) => {
			if (pluginData?.memoStringWidth) return undefined;
			const real = await plugin.resolve('string-width', {importer, resolveDir, kind, pluginData: {memoStringWidth: true}});
			return real.errors.length > 0 ? {errors: real.errors} : {path: real.path, namespace: 'memo-string-width'};
		});
		plugin.onLoad({filter: /.*/, namespace: 'memo-string-width'}, ({path: real}) => ({
			resolveDir: path.dirname(real),
			loader: 'js',
			contents: `import stringWidth from ${JSON.stringify(real)};
const cache = new Map();
export default function cachedStringWidth(text, options) {
	if (options !== undefined || typeof text !== 'string') return stringWidth(text, options);
	let width = cache.get(text);
	if (width === undefined) {
		if (cache.size >= 8192) cache.clear();
		width = stringWidth(text);
		cache.set(text, width);
	}
	return width;
}
`,
		}));
	},
};

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
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined'},
	// Ink imports react-devtools-core behind a run-time check; an external would still be a static import.
	alias: {'react-devtools-core': fileURLToPath(new URL('devtools-stub.js', import.meta.url))},
	// A native module per platform (a .node file): loaded from node_modules at run time.
	external: ['@napi-rs/keyring'],
	// CommonJS dependencies (React, signal-exit) call require() for Node built-ins.
	banner: {js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
	plugins: [yogaWasmFromBytes, memoStringWidth],
	logLevel: 'warning',
});
