import fs from 'node:fs/promises';
import path from 'node:path';
import {envValue, type Env} from '../ntn/environment.js';
import {NotionTokensError} from '../shared/errors.js';

/**
 * Where notion-tokens keeps its own state: `$NOTION_TOKENS_HOME`, else
 * `$XDG_STATE_HOME/notion-tokens`, else `~/.local/state/notion-tokens`. Never under the dirs that
 * decide which config dir ntn uses (ntn-compat §1): creating `~/.config` (or `$XDG_CONFIG_HOME`)
 * would move ntn to an empty config dir.
 */
export function resolveStateDir(env: Env, cwd: string): string {
	const own = envValue(env, 'NOTION_TOKENS_HOME');
	if (own !== undefined) return path.resolve(cwd, own);
	const xdg = envValue(env, 'XDG_STATE_HOME');
	if (xdg !== undefined) return path.resolve(cwd, xdg, 'notion-tokens');
	const home = envValue(env, 'HOME');
	if (home !== undefined) return path.resolve(cwd, home, '.local', 'state', 'notion-tokens');
	throw new NotionTokensError('no-state-dir', 'Could not determine where notion-tokens keeps its own state', {
		fix: 'Set NOTION_TOKENS_HOME or HOME.',
	});
}

/** Where earlier versions kept the state (moved from there on first use), unless NOTION_TOKENS_HOME is set. */
export function legacyStateDir(env: Env, cwd: string): string | undefined {
	if (envValue(env, 'NOTION_TOKENS_HOME') !== undefined) return undefined;
	const xdg = envValue(env, 'XDG_CONFIG_HOME');
	if (xdg !== undefined) return path.resolve(cwd, xdg, 'notion-tokens');
	const home = envValue(env, 'HOME');
	return home === undefined ? undefined : path.resolve(cwd, home, '.config', 'notion-tokens');
}

/** The paths whose existence decides ntn's config dir (ntn-compat §1): notion-tokens never creates them. */
export function ntnDecidingPaths(env: Env, cwd: string): Set<string> {
	const paths = new Set<string>();
	const notionHome = envValue(env, 'NOTION_HOME');
	if (notionHome !== undefined) paths.add(path.resolve(cwd, notionHome));
	const xdg = envValue(env, 'XDG_CONFIG_HOME');
	if (xdg !== undefined) paths.add(path.resolve(cwd, xdg)).add(path.resolve(cwd, xdg, 'notion'));
	const home = envValue(env, 'HOME');
	if (home !== undefined) {
		for (const part of [['.config'], ['.config', 'notion'], ['.notion']]) paths.add(path.resolve(cwd, home, ...part));
	}
	return paths;
}

/**
 * Creates `dir` and its missing parents, each 0700 whatever the umask, refusing to create any path
 * that decides ntn's config dir.
 */
export async function makePrivateDir(dir: string, forbidden: ReadonlySet<string>): Promise<void> {
	const missing: string[] = [];
	for (let at = dir; ; at = path.dirname(at)) {
		const exists = await fs.stat(at).then(
			() => true,
			() => false,
		);
		if (exists || path.dirname(at) === at) break;
		missing.unshift(at);
	}
	const decisive = missing.find(candidate => forbidden.has(candidate));
	if (decisive !== undefined) {
		throw new NotionTokensError(
			'state-dir-unsafe',
			`notion-tokens would have to create ${decisive} for its state in ${dir}, and that would change which config dir ntn uses`,
			{
				fix: 'Set NOTION_TOKENS_HOME (or XDG_STATE_HOME) to a directory elsewhere.',
			},
		);
	}
	for (const created of missing) {
		const made = await fs.mkdir(created, {mode: 0o700}).then(
			() => true,
			(error: NodeJS.ErrnoException) => {
				if (error.code !== 'EEXIST') throw error;
				return false;
			},
		);
		if (made) await fs.chmod(created, 0o700);
	}
}
