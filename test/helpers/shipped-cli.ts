import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The CLI as it ships: the esbuild bundle that `npm test` builds before the tests run. */
export const SHIPPED_CLI = fileURLToPath(new URL('../../dist/notion-tokens.mjs', import.meta.url));

let ready: Promise<string> | undefined;

/** The shipped bundle's path; builds it when it is missing (e.g. when one test file runs alone). */
export function shippedCli(): Promise<string> {
	ready ??= fs.access(SHIPPED_CLI).then(
		() => SHIPPED_CLI,
		async () => {
			await promisify(execFile)(process.execPath, ['scripts/bundle.mjs'], {cwd: ROOT});
			return SHIPPED_CLI;
		},
	);
	return ready;
}
