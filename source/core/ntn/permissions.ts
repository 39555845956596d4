import fs from 'node:fs/promises';
import type {CoreContext} from '../context.js';
import {resolveConfigDir} from './config-dir.js';
import {NotionTokensError} from '../shared/errors.js';
import {ntnPaths, type NtnPaths} from './files.js';
import type {FixPermissionsResult, Problem} from '../shared/types.js';

/**
 * auth.json holds tokens in plain text, and ntn creates it 0644 under the usual umask. This sets
 * it to 0600 (ntn keeps an existing file's mode). It changes nothing else: a config dir that others
 * can write is returned in `remaining`, with its own fix, and keeps its mode.
 */
export async function fixPermissions(ctx: CoreContext): Promise<FixPermissionsResult> {
	const paths = ntnPaths(resolveConfigDir(ctx.env, ctx.cwd).path);
	const stat = await fs.stat(paths.auth).catch(() => undefined);
	if (!stat?.isFile()) return {path: paths.auth, before: null, after: null, changed: false, remaining: []};
	const before = stat.mode & 0o777;
	// What status flags (any access for group or others) becomes 600, as the fix promises.
	const after = (before & 0o077) === 0 ? before : 0o600;
	if (after !== before) {
		await fs.chmod(paths.auth, after).catch(error =>
			Promise.reject(
				new NotionTokensError(
					'chmod-failed',
					`Could not change the permissions of ${paths.auth}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
					{
						fix: `Run \`chmod 600 ${paths.auth}\` as the file's owner.`,
					},
				),
			),
		);
	}
	return {path: paths.auth, before, after, changed: after !== before, remaining: await configDirProblems(paths)};
}

/** An auth.json others can read, and a config dir others can write (reported only when auth.json exists). */
export async function permissionProblems(paths: NtnPaths): Promise<Problem[]> {
	const problems: Problem[] = [];
	const auth = await fs.stat(paths.auth).catch(() => undefined);
	if (auth?.isFile() && (auth.mode & 0o077) !== 0) {
		problems.push({
			code: 'auth-file-readable',
			message: `${paths.auth} holds tokens in plain text and is readable by ${auth.mode & 0o007 ? 'everyone' : 'its group'} (mode ${(auth.mode & 0o777).toString(8)})`,
			fix: 'Run `notion-tokens fix-permissions` (sets it to 600).',
		});
	}
	if (auth) problems.push(...(await configDirProblems(paths)));
	return problems;
}

/**
 * A config dir that others can write. Its mode is the owner's choice (it may be shared on purpose),
 * so this is only reported, with the command that would change it: nothing here ever changes it.
 */
export async function configDirProblems(paths: NtnPaths): Promise<Problem[]> {
	const dir = await fs.stat(paths.dir).catch(() => undefined);
	if (!dir || (dir.mode & 0o022) === 0) return [];
	const who = dir.mode & 0o002 ? 'everyone' : 'its group';
	const mode = (dir.mode & 0o7777).toString(8);
	const risk =
		dir.mode & 0o1000
			? 'it is sticky, so others cannot replace auth.json, but they can add the files ntn has not written yet'
			: 'so others could replace auth.json';
	return [
		{
			code: 'config-dir-writable',
			message: `${paths.dir} can be written by ${who} (mode ${mode})${dir.mode & 0o1000 ? '; ' : ', '}${risk}`,
			fix: `If no one else should write there, run \`chmod go-w ${shellWord(paths.dir)}\`; if the folder is shared on purpose, keep ntn's files in a private one (NOTION_HOME). notion-tokens never changes a folder's mode.`,
		},
	];
}

/** A path as one shell word. */
function shellWord(value: string): string {
	return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
