import {resolveConfigDir} from './config-dir.js';
import type {CoreContext} from '../context.js';
import {envValue} from './environment.js';
import {NotionTokensError} from '../shared/errors.js';
import {removeStaleTempFiles} from './write-json.js';
import {
	cachedEntries,
	ntnPaths,
	readConfig,
	readWorkspaces,
	type ConfigFile,
	type NtnPaths,
	type WorkspacesFile,
} from './files.js';
import {Secret} from '../shared/secret.js';
import {FileTokenStore, KeychainTokenStore, type TokenStore} from './token-store.js';
import type {ConfigDirInfo} from '../shared/types.js';

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

/** Reads ntn's files once: the config dir, config.json, workspaces.json and the token store (auth.json is read on first use). */
export async function readSnapshot(ctx: CoreContext): Promise<Snapshot> {
	const configDir = resolveConfigDir(ctx.env, ctx.cwd);
	const paths = ntnPaths(configDir.path);
	await removeStaleTempFiles(paths.dir);
	const [[config, configError], [workspaces, workspacesError]] = await Promise.all([settle(readConfig(paths)), settle(readWorkspaces(paths))]);
	const keyringFalseInConfig = config?.['keyring'] === false && envValue(ctx.env, 'NOTION_KEYRING') === undefined;
	return {configDir, paths, config, configError, workspaces, workspacesError, store: chooseStore(ctx, paths, keyringFalseInConfig), keyringFalseInConfig};
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

export const entriesOf = (snapshot: Snapshot, environment?: string) => cachedEntries(snapshot.workspaces, environment);

/** The keychain account of the throw-away entry `probeKeychain` stores and deletes. */
export const PROBE_ACCOUNT = 'notion-tokens-probe';

/**
 * Whether the Linux kernel keyring can hold tokens for this process. There, reading a missing key
 * succeeds even when the keyring is unusable (a process without a session keyring of its own,
 * ntn-compat §5.3: ntn's login then fails), so only storing and deleting a throw-away entry tells.
 * Never done on other platforms, where a store may ask the user; nor in file mode.
 */
export async function probeKeychain(ctx: CoreContext, store: TokenStore): Promise<NotionTokensError | undefined> {
	if (store.info.kind !== 'keychain' || ctx.platform !== 'linux') return undefined;
	let failure: NotionTokensError | undefined;
	try {
		await store.set(PROBE_ACCOUNT, new Secret('notion-tokens keychain probe'));
	} catch (error) {
		if (!(error instanceof NotionTokensError)) throw error;
		failure = error;
	}
	// A failed store can still leave the key behind (§5.3): remove it either way.
	const deleted = (await store.deleteMany([PROBE_ACCOUNT])).get(PROBE_ACCOUNT);
	failure ??= deleted instanceof NotionTokensError ? deleted : undefined;
	if (!failure) return undefined;
	return new NotionTokensError('keychain-unavailable', `The keychain cannot hold tokens here: storing a test entry failed (${failure.code})`, {
		fix: failure.fix ?? 'Use file storage with NOTION_KEYRING=0.',
	});
}
