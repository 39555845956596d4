// How the project builds programs that render with Ink, shared by the CLI's bundle
// (scripts/bundle.mjs), the benchmark's bare Ink program (bench/lib/bare-ink.mjs) and the UI tests
// (vitest.config.ts, so that they render with the Ink that ships). Changes to what Ink ships, each
// applied to the dependency's source at build time; each fails the build when the file no longer
// has the code it expects, so an update of the dependency is noticed:
// - yoga's WebAssembly loads from bytes, not through fetch(): ~40 ms of every start of the UI;
//   `npm run bench` measures it (a bare Ink program built with and without it);
// - Ink's React devtools hook is left out, so DEV=true (a name other programs use) changes nothing;
// - a frame reuses the previous frame's styled cells (about 27 MB less peak RSS while a list
//   scrolls: FRAME_CHANGES);
// - string-width remembers widths and skips its RGI_Emoji regex for one-code-point graphemes
//   (13-20 ms of every UI start, half of a cursor move; `npm run bench` builds the bare Ink
//   program without it to measure it).
import {readFile} from 'node:fs/promises';

/** Replaces each `from` with its `to`; fails unless each `from` occurs exactly once. */
const replaceOnce = edits => (source, file, name) => {
	for (const [from, to] of edits) {
		if (source.split(from).length !== 2) throw new Error(`${file}: ${name} no longer applies; update scripts/ink-plugins.mjs`);
		source = source.replace(from, to);
	}
	return source;
};

/**
 * yoga-layout (Ink's layout engine) ships its WebAssembly as a base64 `data:` URL that
 * Emscripten's loader reads with `fetch()`. On Node that first fetch loads undici, ~40 ms of
 * every UI start. Emscripten skips fetch when the module is given `wasmBinary`, so this makes the
 * loader decode the same base64 with Buffer (well under 1 ms) and pass the bytes.
 */
function yogaFromBytes(source, file, name) {
	const url = /H="(data:application\/octet-stream;base64,[A-Za-z0-9+/=]+)"/.exec(source);
	if (!url) throw new Error(`${file}: ${name} no longer applies (no base64 data: URL); update scripts/ink-plugins.mjs`);
	const base64 = url[1].slice('data:application/octet-stream;base64,'.length);
	return replaceOnce([
		// Keep a (now empty) data: URL so the loader still never looks for a file next to the bundle.
		[url[0], 'H="data:application/octet-stream;base64,"'],
		['h.wasmBinary&&(w=h.wasmBinary)', `w=h.wasmBinary||Buffer.from(${JSON.stringify(base64)},"base64")`],
	])(source, file, name);
}

/**
 * Ink draws every frame as a grid of styled cells and turns each line back into a string; each
 * frame allocates that anew, and at the rate of a held arrow key the young generation grows: the
 * UI's peak RSS after 60 cursor moves is ~115 MB without the changes below and ~88 MB with them
 * (measured in a 120×40 terminal with the demo's 8 workspaces; `npm run bench` has the UI figure).
 * Each is exact (a pure function given the same input):
 * - Ink's per-frame caches (a line's styled cells and widths) are kept across frames, so a cursor
 *   move re-parses only the lines that changed. Ink never changes cached cells. Each cache drops
 *   its oldest entry beyond a few screens' worth.
 * - @alcalzone/ansi-tokenize: the codes between two cells of the same style are none (the general
 *   path builds three Sets per cell to find that out), and no codes print as ''. A cell is built
 *   as an object literal rather than by spreading the character token (V8 gives every spread copy
 *   a hidden class of its own once the spot has seen a few: ~100 bytes more for each cached cell).
 */
const FRAME_CHANGES = [
	{
		name: 'ink-shared-output-caches',
		filter: /[\\/]ink[\\/]build[\\/]output\.js$/,
		change: replaceOnce([
			[
				'export default class Output {',
				'const bounded = (cache, limit) => {\n    if (cache.size > limit) cache.delete(cache.keys().next().value);\n};\nlet sharedCaches;\nexport default class Output {',
			],
			['this.styledChars.set(line, cached);', 'this.styledChars.set(line, cached);\n            bounded(this.styledChars, 256);'],
			['this.widths.set(text, cached);', 'this.widths.set(text, cached);\n            bounded(this.widths, 1024);'],
			['this.blockWidths.set(text, cached);', 'this.blockWidths.set(text, cached);\n            bounded(this.blockWidths, 256);'],
			['    caches = new OutputCaches();', '    caches = (sharedCaches ??= new OutputCaches());'],
		]),
	},
	{
		// string-width segments every line that holds a character outside printable ASCII (❯, ★, ✓,
		// a name with an accent) into graphemes and tests each with Unicode-property regexes; Ink
		// measures every text node on every frame, so a frame of 40 such lines cost ~3.5 ms of a
		// ~10 ms cursor move. Widths are remembered (default options only, a bounded map): the
		// same function of the same string. And string-width 8 tests every grapheme, ASCII letters
		// included, against \p{RGI_Emoji}, a regex V8 takes 15-40 ms to compile on its first use, at
		// every start of the UI: a grapheme of one code point is an RGI emoji exactly when it has
		// Emoji_Presentation and is not a lone regional indicator (checked over every code point by
		// test/ui/shipped-ink.test.tsx), so only longer graphemes need the big regex.
		name: 'string-width-remembered',
		filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/,
		change: (source, file, name) => {
			const edits = [['export default function stringWidth(', 'function measuredWidth(']];
			if (source.includes('rgiEmojiRegex')) {
				edits.push([
					'if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
					'if (segment.length === (segment.codePointAt(0) > 0xFFFF ? 2 : 1) ? singleEmojiRegex.test(segment) : rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
				]);
			}
			return `${replaceOnce(edits)(source, file, name)}
const singleEmojiRegex = /^[\\p{Emoji_Presentation}--\\p{Regional_Indicator}]$/v;
const rememberedWidths = new Map();
export default function stringWidth(input, options) {
	if (options !== undefined || typeof input !== 'string') return measuredWidth(input, options);
	let width = rememberedWidths.get(input);
	if (width === undefined) {
		width = measuredWidth(input);
		if (rememberedWidths.size >= 4096) rememberedWidths.delete(rememberedWidths.keys().next().value);
		rememberedWidths.set(input, width);
	}
	return width;
}
`;
		},
	},
	{
		name: 'ansi-tokenize-same-style',
		filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/,
		change: replaceOnce([
			[
				'export function diffAnsiCodes(from, to) {',
				'export function diffAnsiCodes(from, to) {\n    if (from.length === to.length && from.every((code, index) => code.code === to[index].code && code.endCode === to[index].endCode)) return [];',
			],
		]),
	},
	{
		name: 'ansi-tokenize-styled-cells',
		filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
		change: replaceOnce([
			[
				'ret.push({\n                ...token,\n                styles: [...codes],\n            });',
				// tokenize.js makes character tokens with exactly these three fields.
				'ret.push({ type: token.type, value: token.value, fullWidth: token.fullWidth, styles: [...codes] });',
			],
		]),
	},
	{
		name: 'ansi-tokenize-no-codes',
		filter: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]ansiCodes\.js$/,
		change: replaceOnce([['export function ansiCodesToString(codes) {', 'export function ansiCodesToString(codes) {\n    if (codes.length === 0) return "";']]),
	},
];

/**
 * The changes: which file, and what becomes of its source. Ink connects to React's devtools when
 * DEV=true: it then reads its own package.json (not shipped in the bundle) and imports
 * react-devtools-core (not a dependency), and the UI stopped with ENOENT. `isDev()` is therefore
 * false whatever the environment (a `define` cannot do it: Ink reads `process` imported from
 * node:process, not the global), and the devtools module is empty.
 */
export const INK_CHANGES = [
	{name: 'yoga-wasm-from-bytes', filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, change: yogaFromBytes},
	{
		name: 'ink-no-devtools',
		filter: /[\\/]ink[\\/]build[\\/]utils\.js$/,
		change: replaceOnce([["const isDev = () => process.env['DEV'] === 'true';", 'const isDev = () => false;']]),
	},
	{name: 'ink-empty-devtools', filter: /[\\/]ink[\\/]build[\\/]devtools\.js$/, change: () => ''},
	...FRAME_CHANGES,
];

/** The changes as esbuild plugins; a change whose file is never loaded fails the build. */
const esbuildPlugins = (changes = INK_CHANGES) =>
	changes.map(({name, filter, change}) => ({
		name,
		setup(plugin) {
			let applied = false;
			plugin.onEnd(result => {
				if (!applied && result.errors.length === 0) throw new Error(`${name}: no file matched ${filter}; update scripts/ink-plugins.mjs`);
			});
			plugin.onLoad({filter}, async ({path: file}) => {
				applied = true;
				return {contents: change(await readFile(file, 'utf8'), file, name), loader: 'js'};
			});
		},
	}));

/**
 * The changes as a Vite plugin, for tests that render with Ink (the modules must be inlined). The
 * files of Ink and ink-testing-library are loaded without their source-map comments: the maps name
 * TypeScript sources that the packages do not ship, and Vite would warn about each file.
 */
export const inkChangesForVite = () => ({
	name: 'ink-changes',
	enforce: 'pre',
	async load(id) {
		const file = id.split('?')[0];
		if (!/[\\/]node_modules[\\/]ink(?:-testing-library)?[\\/]build[\\/].*\.js$/.test(file)) return undefined;
		return (await readFile(file, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, '');
	},
	transform(code, id) {
		const file = id.split('?')[0];
		for (const {name, filter, change} of INK_CHANGES) if (filter.test(file)) return {code: change(code, file, name), map: null};
		return undefined;
	},
});

/** CommonJS dependencies (React, signal-exit) call require() for Node built-ins. */
export const REQUIRE_SHIM = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/**
 * esbuild options for a program that renders with Ink: one minified ESM bundle for Node 20+.
 * `without` names changes to leave out (the benchmark measures what one saves).
 */
export const inkBuildOptions = ({without = []} = {}) => ({
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
	plugins: esbuildPlugins(INK_CHANGES.filter(({name}) => !without.includes(name))),
	logLevel: 'warning',
});
