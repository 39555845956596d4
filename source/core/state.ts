import path from 'node:path';
import {NotionTokensError} from './errors.js';
import {envValue, type Env} from './environment.js';

/**
 * notion-tokens' own state — previous defaults, preferences, facts cached from Notion — in its own
 * file, never in ntn's: `$NOTION_TOKENS_HOME/state.json`, else
 * `$XDG_CONFIG_HOME/notion-tokens/state.json`, else `~/.config/notion-tokens/state.json`.
 * It holds no token. It is managed with `conf` (atomic writes, mode 0600), loaded on first use.
 */
export interface StateStore {
	readonly path: string;
	get<T>(key: string): Promise<T | undefined>;
	update<T>(key: string, change: (current: T | undefined) => T): Promise<T>;
}

export function resolveStateDir(env: Env, cwd: string): string {
	const own = envValue(env, 'NOTION_TOKENS_HOME');
	if (own !== undefined) return path.resolve(cwd, own);
	const xdg = envValue(env, 'XDG_CONFIG_HOME');
	if (xdg !== undefined) return path.resolve(cwd, xdg, 'notion-tokens');
	const home = envValue(env, 'HOME');
	if (home !== undefined) return path.resolve(cwd, home, '.config', 'notion-tokens');
	throw new NotionTokensError('no-state-dir', 'Could not determine where notion-tokens keeps its own state', {
		fix: 'Set NOTION_TOKENS_HOME or HOME.',
	});
}

interface ConfLike {
	get(key: string): unknown;
	set(key: string, value: unknown): void;
}

export function createStateStore(dir: string): StateStore {
	const file = path.join(dir, 'state.json');
	let conf: Promise<ConfLike> | undefined;
	const open = () =>
		(conf ??= import('conf').then(
			({default: Conf}) =>
				new Conf<Record<string, unknown>>({
					cwd: dir,
					configName: 'state',
					accessPropertiesByDotNotation: false,
					serialize: value => JSON.stringify(value, null, 2) + '\n',
					configFileMode: 0o600,
					clearInvalidConfig: false,
				}),
		));
	const wrap = async <T>(run: (store: ConfLike) => T): Promise<T> => {
		try {
			return run(await open());
		} catch (error) {
			conf = undefined;
			throw new NotionTokensError('corrupt-state', `Could not use notion-tokens' state file ${file}: ${(error as Error).message}`, {
				fix: `Move ${file} aside; it holds only preferences and cached facts, never a token.`,
			});
		}
	};
	return {
		path: file,
		get: key => wrap(store => store.get(key) as never),
		update: (key, change) =>
			wrap(store => {
				const next = change(store.get(key) as never);
				store.set(key, next);
				return next;
			}),
	};
}
