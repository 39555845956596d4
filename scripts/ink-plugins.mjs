// esbuild options and plugins for programs that render with Ink (the plugins make the UI start
// faster), shared by the CLI's bundle (scripts/bundle.mjs) and the benchmark's bare Ink program
// (bench/lib/bare-ink.mjs). Each plugin fails the build when the package it patches no longer has
// the code it expects.
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

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
				throw new Error(`${path}: the WebAssembly loader is not the one yoga-wasm-from-bytes knows; update scripts/ink-plugins.mjs`);
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
 *   printable ASCII, listed characters and SGR colour codes is summed without segmenting. Listed are assigned BMP
 *   characters up to U+2BFF (punctuation, arrows, box drawing, symbols such as ❯ ★ ✓ ⚠ — ·) that
 *   form a grapheme of their own next to anything listed (checked with Intl.Segmenter), are not
 *   shown as emoji by default, not marks, controls, emoji components (variation selectors, joiners)
 *   or default-ignorable, and whose width adds up. A symbol such as ⚠ is listed (width 1); with
 *   U+FE0F (⚠️, width 2) the text holds an unlisted character and goes to string-width. Anything
 *   else goes to string-width itself.
 */
const FAST_WIDTH_CANDIDATES = /^[^\p{Emoji_Presentation}\p{Emoji_Component}\p{M}\p{C}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Script=Hangul}]$/u;

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
			const shortcut = summedWidthSource(fastWidthTable(stringWidth));
			checkSummedWidth(summedWidthFrom(shortcut), stringWidth);
			return {
				resolveDir: path.dirname(real),
				loader: 'js',
				contents: `import stringWidth from ${JSON.stringify(real)};
${shortcut}
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
 * The shortcut's source: `summedWidth(text)` is the width of text made of printable ASCII, listed
 * characters and SGR colour codes (`ESC [ 1;36 m`, how Ink styles text: no width), else -1.
 * string-width strips escape codes with ansi-regex, which takes exactly `ESC [`, parameters of at
 * most 4 digits each, and `m` as one code; anything else (longer parameters, other escapes) is
 * left to string-width.
 */
const summedWidthSource = table => `// [first, last, width, …]: code points whose width string-width gives and which never join a neighbour.
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
function sgrEnd(text, escape) {
	if (text.charCodeAt(escape + 1) !== 0x5b) return -1;
	let digits = 0;
	let separators = 0;
	for (let index = escape + 2; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 0x30 && code <= 0x39) {
			if (++digits > 4) return -1;
		} else if (code === 0x3b) {
			if (separators === 0 && digits === 0) return -1;
			separators++;
			digits = 0;
		} else return code === 0x6d ? index : -1;
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
		if (code === 0x1b) {
			index = sgrEnd(text, index);
			if (index < 0) return -1;
			continue;
		}
		const listed = code < 0xa0 ? -1 : listedWidth(code);
		if (listed < 0) return -1;
		width += listed;
	}
	return width;
}`;

const summedWidthFrom = source => new Function(`${source}\nreturn summedWidth;`)();

/** The shortcut for a copy of string-width, as the bundle runs it: width, or -1 for "ask string-width". */
export const widthShortcut = stringWidth => summedWidthFrom(summedWidthSource(fastWidthTable(stringWidth)));

/** Fails the build when the shortcut and this copy of string-width disagree on a sample. */
function checkSummedWidth(summedWidth, stringWidth) {
	const fast = [
		'plain', '❯ ★ Acme — ✓ token · ⚠ 3 days', '\u001B[1m\u001B[36m❯ \u001B[39m\u001B[22mAcme\u001B[90m 2e2a…\u001B[39m',
		'\u001B[m', '\u001B[38;5;246mgrey\u001B[0m', '\u001B[1;;2mx', '\u001B[9999mx',
	];
	const slow = ['\u001B[12345mx', '\u001B[;5mx', '\u001B]8;;https://example.com\u0007link', '\u001B[1', '⚠\uFE0F', 'e\u0301', '\u009B1m'];
	for (const text of fast) {
		if (summedWidth(text) !== stringWidth(text)) throw new Error(`memo-string-width: ${JSON.stringify(text)} is ${stringWidth(text)} columns, the shortcut says ${summedWidth(text)}; update scripts/ink-plugins.mjs`);
	}
	for (const text of slow) if (summedWidth(text) !== -1) throw new Error(`memo-string-width: ${JSON.stringify(text)} must be left to string-width`);
}

/**
 * Ink builds every frame as a grid of styled cells (columns × rows) and turns each line back into
 * a string. Three exact shortcuts in that path, each a pure function given the same input:
 * - Ink's per-frame caches (a line's styled cells and widths) are kept across frames, so a cursor
 *   move re-parses only the lines that changed. Ink never changes cached cells. Each cache drops
 *   its oldest entry beyond a few screens' worth (a line's cells are ~120 objects: an unbounded
 *   cache grows by megabytes as a long list scrolls by).
 * - @alcalzone/ansi-tokenize: the codes between two cells of the same style are none (the general
 *   path builds three Sets per cell to find that out), and no codes print as ''. A cell is built
 *   as an object literal rather than by spreading the character token: V8 gives every spread copy
 *   a hidden class of its own once the spot has seen a few, ~100 bytes more for each cached cell.
 * Each edit must match the dependency's code exactly once, and each file must be found, or the
 * build fails.
 */
function patchSource(name, filter, edits) {
	return {
		name,
		setup(plugin) {
			let applied = false;
			plugin.onEnd(result => {
				if (!applied && result.errors.length === 0) throw new Error(`${name}: no file matched ${filter}; update scripts/ink-plugins.mjs`);
			});
			plugin.onLoad({filter}, async ({path: file}) => {
				applied = true;
				let contents = await readFile(file, 'utf8');
				for (const [from, to] of edits) {
					if (contents.split(from).length !== 2) throw new Error(`${file}: ${name} no longer applies; update scripts/ink-plugins.mjs`);
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
		'const bounded = (cache, limit) => {\n    if (cache.size > limit) cache.delete(cache.keys().next().value);\n};\nlet sharedCaches;\nexport default class Output {',
	],
	['this.styledChars.set(line, cached);', 'this.styledChars.set(line, cached);\n            bounded(this.styledChars, 256);'],
	['this.widths.set(text, cached);', 'this.widths.set(text, cached);\n            bounded(this.widths, 1024);'],
	['this.blockWidths.set(text, cached);', 'this.blockWidths.set(text, cached);\n            bounded(this.blockWidths, 256);'],
	['    caches = new OutputCaches();', '    caches = (sharedCaches ??= new OutputCaches());'],
]);
const ansiSameStyle = patchSource('ansi-tokenize-same-style', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/, [
	[
		'export function diffAnsiCodes(from, to) {',
		'export function diffAnsiCodes(from, to) {\n    if (from.length === to.length && from.every((code, index) => code.code === to[index].code && code.endCode === to[index].endCode)) return [];',
	],
]);
const ansiStyledCells = patchSource('ansi-tokenize-styled-cells', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/, [
	[
		'ret.push({\n                ...token,\n                styles: [...codes],\n            });',
		// tokenize.js makes character tokens with exactly these three fields.
		'ret.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles: [...codes] });',
	],
]);
const ansiNoCodes = patchSource('ansi-tokenize-no-codes', /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]ansiCodes\.js$/, [
	['export function ansiCodesToString(codes) {', 'export function ansiCodesToString(codes) {\n    if (codes.length === 0) return "";'],
]);

/**
 * Ink connects to React's devtools when DEV=true, a name other programs use too: it then reads its
 * own package.json next to the bundle (not shipped) and imports react-devtools-core (not a
 * dependency), so the UI would stop with ENOENT. The bundle has no devtools: `isDev()` is false
 * whatever the environment (a `define` cannot do this: Ink reads `process` imported from
 * node:process, not the global), and the devtools module is empty.
 */
const inkNoDevtools = patchSource('ink-no-devtools', /[\\/]ink[\\/]build[\\/]utils\.js$/, [
	["const isDev = () => process.env['DEV'] === 'true';", 'const isDev = () => false;'],
]);
const inkEmptyDevtools = {
	name: 'ink-empty-devtools',
	setup(plugin) {
		plugin.onLoad({filter: /[\\/]ink[\\/]build[\\/]devtools\.js$/}, () => ({contents: '', loader: 'js'}));
	},
};

/** CommonJS dependencies (React, signal-exit) call require() for Node built-ins. */
export const REQUIRE_SHIM = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** esbuild options for a program that renders with Ink: one minified ESM bundle for Node 20+. */
export const inkBuildOptions = {
	bundle: true,
	minify: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	jsx: 'automatic',
	legalComments: 'none',
	// React's production build.
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: REQUIRE_SHIM},
	plugins: [inkNoDevtools, inkEmptyDevtools, yogaWasmFromBytes, memoStringWidth, inkSharedCaches, ansiSameStyle, ansiStyledCells, ansiNoCodes],
	logLevel: 'warning',
};
