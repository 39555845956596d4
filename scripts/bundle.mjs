// Builds the shipped CLI: dist/notion-tokens.mjs plus lazily loaded chunks (the terminal UI, conf),
// so headless commands never parse or run Ink and React. `npm run bench` measures what it produces.
import {build} from 'esbuild';
import {readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const packageJson = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

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
 * for every cell of every frame. Each call that is not plain ASCII segments graphemes and runs
 * Unicode-property regexes: tens of µs a call, and about 16 ms for the first one, which compiles
 * the `\p{RGI_Emoji}` regex. Ink caches widths only within one frame, so a cursor move measures
 * every visible row again. This puts two exact shortcuts in front of each copy of string-width:
 * - a bounded cache (the function is pure);
 * - a table of characters whose width this very copy gives, checked here at build time: text of
 *   printable ASCII and listed characters is summed without segmenting. Listed are assigned BMP
 *   characters up to U+2BFF (punctuation, arrows, box drawing, symbols such as ❯ ★ ✓ — ·) that
 *   form a grapheme of their own next to anything listed (checked with Intl.Segmenter), are not
 *   emoji, marks, controls or default-ignorable, and whose width adds up. Anything else goes to
 *   string-width itself.
 */
const FAST_WIDTH_CANDIDATES = /^[^\p{Emoji}\p{Emoji_Component}\p{M}\p{C}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Script=Hangul}]$/u;

function fastWidthTable(stringWidth) {
	const graphemes = text => [...new Intl.Segmenter().segment(text)].length;
	const ranges = [];
	for (let code = 0xa0; code <= 0x2bff; code++) {
		const char = String.fromCharCode(code);
		if (!FAST_WIDTH_CANDIDATES.test(char)) continue;
		const width = stringWidth(char);
		const alone = graphemes(`a${char}a`) === 3 && graphemes(`${char}${char}`) === 2;
		if (!alone || !Number.isInteger(width) || width < 0 || stringWidth(`a${char}${char}b`) !== 2 + 2 * width) continue;
		const last = ranges.at(-1);
		if (last && last[1] === code - 1 && last[2] === width) last[1] = code;
		else ranges.push([code, code, width]);
	}
	return ranges.flat();
}

const memoStringWidth = {
	name: 'memo-string-width',
	setup(plugin) {
		plugin.onResolve({filter: /^string-width$/}, async ({importer, resolveDir, kind, pluginData}) => {
			if (pluginData?.memoStringWidth) return undefined;
			const real = await plugin.resolve('string-width', {importer, resolveDir, kind, pluginData: {memoStringWidth: true}});
			return real.errors.length > 0 ? {errors: real.errors} : {path: real.path, namespace: 'memo-string-width'};
		});
		plugin.onLoad({filter: /.*/, namespace: 'memo-string-width'}, async ({path: real}) => {
			const {default: stringWidth} = await import(pathToFileURL(real).href);
			const table = fastWidthTable(stringWidth);
			return {
				resolveDir: path.dirname(real),
				loader: 'js',
				contents: `import stringWidth from ${JSON.stringify(real)};
// [first, last, width, …]: code points whose width string-width gives and which never join a neighbour.
const table = ${JSON.stringify(table)};
function listedWidth(code) {
	let low = 0;
	let high = table.length / 3 - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		if (code < table[middle * 3]) high = middle - 1;
		else if (code > table[middle * 3 + 1]) low = middle + 1;
		else return table[middle * 3 + 2];
	}
	return -1;
}
function summedWidth(text) {
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x20 && code <= 0x7e) {
			width++;
			continue;
		}
		const listed = code < 0xa0 ? -1 : listedWidth(code);
		if (listed < 0) return -1;
		width += listed;
	}
	return width;
}
const cache = new Map();
export default function cachedStringWidth(text, options) {
	if (options !== undefined || typeof text !== 'string') return stringWidth(text, options);
	let width = cache.get(text);
	if (width === undefined) {
		width = summedWidth(text);
		if (width < 0) width = stringWidth(text);
		if (cache.size >= 8192) cache.clear();
		cache.set(text, width);
	}
	return width;
}
`,
			};
		});
	},
};

/**
 * Ink builds every frame as a grid of styled cells (columns × rows) and turns each line back into
 * a string. Three exact shortcuts in that path, each a pure function given the same input:
 * - Ink's per-frame caches (a line's styled cells and widths) are kept across frames (a few
 *   thousand entries at most, then started anew), so a cursor move re-parses only the lines that
 *   changed. Ink never changes cached cells.
 * - @alcalzone/ansi-tokenize: the codes between two cells of the same style are none (the general
 *   path builds three Sets per cell to find that out), and no codes print as ''.
 * Each edit must match the dependency's code exactly once, and each file must be found, or the
 * build fails.
 */
function patchSource(name, filter, edits) {
	return {
		name,
		setup(plugin) {
			let applied = false;
			plugin.onEnd(result => {
				if (!applied && result.errors.length === 0) throw new Error(`${name}: no file matched ${filter}; update scripts/bundle.mjs`);
			});
			plugin.onLoad({filter}, async ({path: file}) => {
				applied = true;
				let contents = await readFile(file, 'utf8');
				for (const [from, to] of edits) {
					if (contents.split(from).length !== 2) throw new Error(`${file}: ${name} no longer applies; update scripts/bundle.mjs`);
					contents = contents.replace(from, to);
				}
				return {contents, loader: 'js'};
			});
		},
	};
}

const inkSharedCaches = patchSource('ink-shared-output-caches', /[\\/]ink[\\/]build[\\/]output\.js$/, [
	[
		'export default class Output {',
		'let sharedCaches;\nconst outputCaches = () => {\n    if (!sharedCaches || sharedCaches.styledChars.size > 2000 || sharedCaches.widths.size > 4000 || sharedCaches.blockWidths.size > 2000) sharedCaches = new OutputCaches();\n    return sharedCaches;\n};\nexport default class Output {',
	],
	['    caches = new OutputCaches();', '    caches = outputCaches();'],
]);
const ansiSameStyle = patchSource('ansi-tokenize-same-style', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/, [
	[
		'export function diffAnsiCodes(from, to) {',
		'export function diffAnsiCodes(from, to) {\n    if (from.length === to.length && from.every((code, index) => code.code === to[index].code && code.endCode === to[index].endCode)) return [];',
	],
]);
const ansiNoCodes = patchSource('ansi-tokenize-no-codes', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]ansiCodes\.js$/, [
	['export function ansiCodesToString(codes) {', 'export function ansiCodesToString(codes) {\n    if (codes.length === 0) return "";'],
]);

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
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': 'undefined', NOTION_TOKENS_VERSION: JSON.stringify(packageJson.version)},
	// Ink imports react-devtools-core behind a run-time check; an external would still be a static import.
	alias: {'react-devtools-core': fileURLToPath(new URL('devtools-stub.js', import.meta.url))},
	// A native module per platform (a .node file): loaded from node_modules at run time.
	external: ['@napi-rs/keyring'],
	// CommonJS dependencies (React, signal-exit) call require() for Node built-ins.
	banner: {js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
	plugins: [yogaWasmFromBytes, memoStringWidth, inkSharedCaches, ansiSameStyle, ansiNoCodes],
	logLevel: 'warning',
});
