import fs from 'node:fs/promises';
import path from 'node:path';
import {systemClock, type Clock} from '../shared/clock.js';
import {NotionTokensError} from '../shared/errors.js';
import {envValue, type Env} from '../ntn/environment.js';
import {isRecord} from '../shared/values.js';

/**
 * notion-tokens' own state — previous defaults, preferences, facts cached from Notion — in its own
 * file, never in ntn's: `$NOTION_TOKENS_HOME/state.json`, else
 * `$XDG_CONFIG_HOME/notion-tokens/state.json`, else `~/.config/notion-tokens/state.json`.
 * It holds no token. It is written with `conf` (atomic writes, mode 0600), loaded on first write;
 * reads parse the file directly.
 */
export interface StateStore {
	readonly path: string;
	/** The whole state as it is on disk now: one read of the file. */
	read(): Promise<Record<string, unknown>>;
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

/** conf writes through a temp file `state.json.tmp-<10 digits><6 hex>` (atomically) and renames it. */
const CONF_TEMP = /^state\.json\.tmp-\d{10}[0-9a-f]{6}$/;
/** conf's writes are synchronous and take milliseconds: a temp file this old was left by a killed process. */
const ABANDONED_MS = 2000;

/** Removes the temp files of writes that a killed process never finished. */
async function removeAbandonedTemps(dir: string, now: number): Promise<void> {
	const names = await fs.readdir(dir).catch(() => [] as string[]);
	for (const name of names.filter(name => CONF_TEMP.test(name))) {
		const file = path.join(dir, name);
		const stat = await fs.stat(file).catch(() => undefined);
		if (stat && now - stat.mtimeMs > ABANDONED_MS) await fs.rm(file, {force: true}).catch(() => undefined);
	}
}

export function createStateStore(dir: string, clock: Clock = systemClock): StateStore {
	const file = path.join(dir, 'state.json');
	let cleaned: Promise<void> | undefined;
	const clean = () => (cleaned ??= removeAbandonedTemps(dir, clock.now().getTime()));
	let conf: Promise<ConfLike> | undefined;
	const open = () =>
		(conf ??= clean().then(() => import('conf')).then(
			({default: Conf}) =>
				new Conf<Record<string, unknown>>({
					cwd: dir,
					configName: 'state',
					accessPropertiesByDotNotation: false,
					serialize: value => JSON.stringify(value) + '\n',
					configFileMode: 0o600,
					clearInvalidConfig: false,
				}),
		));
	const content = async (): Promise<unknown> => {
		await clean();
		try {
			return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			// As conf does when reading a missing file.
			await fs.mkdir(dir, {recursive: true});
			return {};
		}
	};
	const failure = (error: unknown) =>
		new NotionTokensError('corrupt-state', `Could not use notion-tokens' state file ${file}: ${(error as Error).message}`, {
			fix: `Move ${file} aside; it holds only preferences and cached facts, never a token.`,
		});
	return {
		path: file,
		// Reads go around conf: loading it costs tens of milliseconds.
		read: async () => {
			try {
				const all = await content();
				return isRecord(all) ? all : {};
			} catch (error) {
				throw failure(error);
			}
		},
		async get(key) {
			const all = await this.read();
			return Object.hasOwn(all, key) ? (all[key] as never) : undefined;
		},
		update: async (key, change) => {
			try {
				const store = await open();
				const next = change(store.get(key) as never);
				store.set(key, next);
				return next;
			} catch (error) {
				conf = undefined;
				throw failure(error);
			}
		},
	};
}
