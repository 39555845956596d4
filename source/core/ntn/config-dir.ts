import {statSync} from 'node:fs';
import path from 'node:path';
import {NotionTokensError} from '../shared/errors.js';
import {envValue, type Env} from './environment.js';
import type {ConfigDirInfo} from '../shared/types.js';

const isDirectory = (candidate: string): boolean => {
	try {
		return statSync(candidate).isDirectory(); // follows symlinks; a dangling one is not a dir
	} catch {
		return false;
	}
};

/**
 * ntn's config dir (ntn-compat §1): NOTION_HOME, else `$XDG_CONFIG_HOME/notion` when that is an
 * existing dir, else `~/.config/notion` when `~/.config` is a dir, else `~/.notion`. Relative paths
 * are taken from `cwd`. The dir itself need not exist yet, except for NOTION_HOME.
 */
export function resolveConfigDir(env: Env, cwd: string): ConfigDirInfo {
	const notionHome = envValue(env, 'NOTION_HOME');
	if (notionHome !== undefined) {
		const resolved = path.resolve(cwd, notionHome);
		if (!isDirectory(resolved)) {
			throw new NotionTokensError('notion-home-missing', `NOTION_HOME is set but does not point to an existing directory: ${notionHome}`, {
				fix: 'Create the directory first, or unset NOTION_HOME to use the default config/cache locations.',
			});
		}
		return {path: resolved, source: 'NOTION_HOME'};
	}

	const xdg = envValue(env, 'XDG_CONFIG_HOME');
	if (xdg !== undefined && isDirectory(path.resolve(cwd, xdg))) {
		return {path: path.join(path.resolve(cwd, xdg), 'notion'), source: 'XDG_CONFIG_HOME'};
	}

	const home = envValue(env, 'HOME');
	if (home !== undefined) {
		const dotConfig = path.resolve(cwd, home, '.config');
		if (isDirectory(dotConfig)) return {path: path.join(dotConfig, 'notion'), source: '~/.config'};
		return {path: path.resolve(cwd, home, '.notion'), source: '~/.notion'};
	}

	throw new NotionTokensError('no-config-dir', 'Could not determine config directory', {
		fix: 'Set NOTION_HOME or XDG_CONFIG_HOME to a valid directory.',
	});
}

/** Says in words which rule chose the dir, for `status`. */
export const describeConfigDirSource = (info: ConfigDirInfo): string =>
	({
		NOTION_HOME: 'NOTION_HOME is set',
		XDG_CONFIG_HOME: 'XDG_CONFIG_HOME is an existing directory',
		'~/.config': '~/.config is a directory',
		'~/.notion': '~/.config is not a directory',
	})[info.source];
