// Builds bench/bare-ink.jsx into `dir` the way scripts/bundle.mjs builds the CLI (one minified
// ESM bundle, the same esbuild plugins), so that it costs what Ink costs inside the CLI.
import {build} from 'esbuild';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {inkDefine, inkPlugins} from '../../scripts/ink-plugins.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The last of the program's 39 lines: a frame that shows it is complete. */
export const BARE_INK_LAST_LINE = '38 bare ink';

export async function buildBareInk(dir) {
	const outfile = path.join(dir, 'bare-ink.mjs');
	await build({
		absWorkingDir: root,
		entryPoints: ['bench/bare-ink.jsx'],
		outfile,
		bundle: true,
		minify: true,
		platform: 'node',
		target: 'node20',
		format: 'esm',
		jsx: 'automatic',
		legalComments: 'none',
		define: inkDefine,
		alias: {'react-devtools-core': path.join(root, 'scripts', 'devtools-stub.js')},
		banner: {js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
		plugins: inkPlugins,
		logLevel: 'warning',
	});
	return outfile;
}
