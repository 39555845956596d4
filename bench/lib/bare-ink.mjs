// Builds bench/bare-ink.jsx into `dir` the way scripts/bundle.mjs builds the CLI (one minified
// ESM bundle, the same esbuild plugins), so that it costs what Ink costs inside the CLI.
import {build} from 'esbuild';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {inkBuildOptions} from '../../scripts/ink-plugins.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The last of the program's 39 lines: a frame that shows it is complete. */
export const BARE_INK_LAST_LINE = '38 bare ink';

/** Builds it into `dir`; `without` names changes of scripts/ink-plugins.mjs to leave out. */
export async function buildBareInk(dir, {without = []} = {}) {
	const outfile = path.join(dir, `bare-ink${without.map(name => `-without-${name}`).join('')}.mjs`);
	await build({...inkBuildOptions({without}), absWorkingDir: root, entryPoints: ['bench/bare-ink.jsx'], outfile});
	return outfile;
}
