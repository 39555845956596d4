import {resolveConfigDir} from './config-dir.js';
import type {CoreContext} from './context.js';
import {envValue} from './environment.js';
import {NotionTokensError} from './errors.js';
import {removeStaleTempFiles} from './json-file.js';
import {
	cachedEntries,
	ntnPaths,
	readConfig,
	readWorkspaces,
	type ConfigFile,
	type NtnPaths,
	type WorkspacesFile,
} from './ntn-files.js';
import {FileTokenStore, KeychainTokenStore, type TokenStore} from './token-store.js';
import type {ConfigDirInfo} from './types.js';

/** ntn's files as read right now; a file that failed to read carries its error instead. */
export interface Snapshot {
	configDir: ConfigDirInfo;
	paths: NtnPaths;
	config: ConfigFile | undefined;
	configError: NotionTokensError | undefined;
	workspaces: WorkspacesFile | undefined;
	workspacesError: NotionTokensError | undefined;
	store: TokenStore;
	/** config.json says `"keyring": false` while NOTION_KEYRING is unset. */
	keyringFalseInConfig: boolean;
}

const settle = async <T>(read: Promise<{exists: boolean; value?: T}>): Promise<[T | undefined, NotionTokensError | undefined]> => {
	try {
		const result = await read;
		return [result.exists ? result.value : undefined, undefined];
	} catch (error) {
		if (error instanceof NotionTokensError) return [undefined, error];
		throw error;
	}
};

export async function readSnapshot(ctx: CoreContext): Promise<Snapshot> {
	const configDir = resolveConfigDir(ctx.env, ctx.cwd);
	const paths = ntnPaths(configDir.path);
	await removeStaleTempFiles(paths.dir);
	const [[config, configError], [workspaces, workspacesError]] = await Promise.all([
		settle(readConfig(paths)),
		settle(readWorkspaces(paths)),
	]);
	const keyringFalseInConfig = config?.['keyring'] === false && envValue(ctx.env, 'NOTION_KEYRING') === undefined;
	return {
		configDir,
		paths,
		config,
		configError,
		workspaces,
		workspacesError,
		store: chooseStore(ctx, paths, keyringFalseInConfig),
		keyringFalseInConfig,
	};
}

/**
 * ntn uses the keychain unless NOTION_KEYRING is exactly `0`. The documented `"keyring": false` in
 * config.json also selects file storage here, as the docs say (ntn 0.4.0 ignores it; status warns).
 */
function chooseStore(ctx: CoreContext, paths: NtnPaths, keyringFalseInConfig: boolean): TokenStore {
	if (ctx.env['NOTION_KEYRING'] === '0') return new FileTokenStore(paths, 'NOTION_KEYRING=0');
	if (keyringFalseInConfig) return new FileTokenStore(paths, 'config.json has "keyring": false');
	return new KeychainTokenStore(
		envValue(ctx.env, 'NOTION_KEYRING') === undefined ? 'default' : `NOTION_KEYRING=${ctx.env['NOTION_KEYRING']} (only 0 selects auth.json)`,
		{timeoutMs: ctx.keychainTimeoutMs, platform: ctx.platform, ...(ctx.keyring ? {keyring: ctx.keyring} : {})},
	);
}

/** For operations that change files: both JSON files must be readable, or nothing is done. */
export function requireReadable(snapshot: Snapshot): {config: ConfigFile | undefined; workspaces: WorkspacesFile | undefined} {
	if (snapshot.configError) throw snapshot.configError;
	if (snapshot.workspacesError) throw snapshot.workspacesError;
	return {config: snapshot.config, workspaces: snapshot.workspaces};
}

export const entriesOf = (snapshot: Snapshot, environment?: string) =>
	cachedEntries(snapshot.workspaces).filter(row => environment === undefined || row.environment === environment);
