import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll} from 'vitest';

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

let copied: Promise<string> | undefined;
afterAll(async () => {
	const copy = await copied;
	copied = undefined;
	if (copy) await fs.rm(path.dirname(copy), {recursive: true, force: true});
});

/**
 * A copy of the shipped bundle in a fresh temp dir every user can read: for runs as another user
 * (e.g. `nobody`), who may not reach the clone (a checkout under a private dir such as /root/src).
 * Headless commands with NOTION_KEYRING=0 load nothing from node_modules. Removed after the file's tests.
 */
export function shippedCliForAnyUser(): Promise<string> {
	copied ??= shippedCli().then(async cli => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nt-shipped-cli-'));
		await fs.cp(path.dirname(cli), dir, {recursive: true});
		for (const entry of [dir, ...(await fs.readdir(dir, {recursive: true})).map(name => path.join(dir, name))]) {
			await fs.chmod(entry, (await fs.stat(entry)).isDirectory() ? 0o755 : 0o644);
		}
		return path.join(dir, path.basename(cli));
	});
	return copied;
}
