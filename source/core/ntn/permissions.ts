import fs from 'node:fs/promises';
import type {CoreContext} from '../context.js';
import {resolveConfigDir} from './config-dir.js';
import {NotionTokensError} from '../shared/errors.js';
import {ntnPaths} from './files.js';
import type {FixPermissionsResult} from '../shared/types.js';

/**
 * auth.json holds tokens in plain text, and ntn creates it 0644 under the usual umask. This sets
 * it to 0600 (ntn keeps an existing file's mode) and removes group/other write from its dir.
 */
export async function fixPermissions(ctx: CoreContext): Promise<FixPermissionsResult> {
	const paths = ntnPaths(resolveConfigDir(ctx.env, ctx.cwd).path);
	const fail = (error: unknown, target: string) =>
		new NotionTokensError('chmod-failed', `Could not change the permissions of ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
			fix: `Run \`chmod 600 ${paths.auth}\` as the file's owner.`,
		});
	const stat = await fs.stat(paths.auth).catch(() => undefined);
	if (!stat?.isFile()) return {path: paths.auth, before: null, after: null, changed: false};
	const before = stat.mode & 0o777;
	// What status flags (any access for group or others) becomes 600, as the fix promises.
	const after = (before & 0o077) === 0 ? before : 0o600;
	if (after !== before) await fs.chmod(paths.auth, after).catch(error => Promise.reject(fail(error, paths.auth)));
	const dir = await fs.stat(paths.dir);
	const dirMode = dir.mode & 0o7777;
	if ((dirMode & 0o022) !== 0) await fs.chmod(paths.dir, dirMode & ~0o022).catch(error => Promise.reject(fail(error, paths.dir)));
	return {path: paths.auth, before, after, changed: after !== before || (dirMode & 0o022) !== 0};
}
