import fs from 'node:fs/promises';
import {resolveConfigDir} from './config-dir.js';
import type {CoreContext} from '../context.js';
import {envValue} from './environment.js';
import {NotionTokensError} from '../shared/errors.js';
import {removeStaleTempFiles} from './write-json.js';
import {cachedEntries, ntnPaths, readConfig, readWorkspaces, type ConfigFile, type NtnPaths, type WorkspacesFile} from './files.js';
import {crypto} from '../shared/lazy-crypto.js';
import {Secret} from '../shared/secret.js';
import {SERVICE} from './keychain.js';
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

/**
 * The keychain accounts of the throw-away entries `probeKeychain` stores and deletes:
 * `notion-tokens-probe-<pid>-<random>`, one per probe, so that probes never share a key and a key
 * left behind by a process killed mid-probe can be told from one in use. Earlier versions used the
 * bare prefix.
 */
export const PROBE_PREFIX = 'notion-tokens-probe';

const probeAccount = () => `${PROBE_PREFIX}-${process.pid}-${crypto().randomBytes(6).toString('hex')}`;

/**
 * Probe keys that a killed process left behind in the kernel keyrings this process can see: those
 * of pids that no longer run, and the bare name of earlier versions. /proc/keys lists them.
 */
async function staleProbeAccounts(): Promise<string[]> {
	let listing: string;
	try {
		listing = await fs.readFile('/proc/keys', 'utf8');
	} catch {
		return [];
	}
	const stale = new Set<string>();
	for (const line of listing.split('\n')) {
		const match = PROBE_LINE.exec(line);
		// Flags i, R and D: already invalidated, revoked or dead, only waiting for the kernel's collector.
		if (!match || /[iRD]/.test(match[1]!)) continue;
		const [, , account, pid] = match;
		if (pid === undefined || !isRunning(Number(pid))) stale.add(account!);
	}
	return [...stale];
}

/** A /proc/keys line of a probe key: its flags, its account and the pid in its name. */
const PROBE_LINE = new RegExp(`^[0-9a-f]+ (\\S+) .* keyring-rs:(${PROBE_PREFIX}(?:-(\\d+)-[0-9a-f]+)?)@${SERVICE}: `);

function isRunning(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Whether the Linux kernel keyring can hold tokens for this process. There, reading a missing key
 * succeeds even when the keyring is unusable (a process without a session keyring of its own,
 * ntn-compat §5.3: ntn's login then fails), so only storing and deleting a throw-away entry tells.
 * Never done on other platforms, where a store may ask the user; nor in file mode. Probe keys that
 * killed processes left behind are removed on the way.
 */
export async function probeKeychain(ctx: CoreContext, store: TokenStore): Promise<NotionTokensError | undefined> {
	if (store.info.kind !== 'keychain' || ctx.platform !== 'linux') return undefined;
	const account = probeAccount();
	let failure: NotionTokensError | undefined;
	try {
		// Shorter than any token: a payload that is no token is not remembered as one (see scrubTokens).
		await store.set(account, new Secret('probe'));
	} catch (error) {
		if (!(error instanceof NotionTokensError)) throw error;
		failure = error;
	}
	// A failed store can still leave the key behind (§5.3): remove it either way.
	const deleted = (await store.deleteMany([account, ...(await staleProbeAccounts())])).get(account);
	failure ??= deleted instanceof NotionTokensError ? deleted : undefined;
	if (!failure) return undefined;
	return new NotionTokensError('keychain-unavailable', `The keychain cannot hold tokens here: storing a test entry failed (${failure.code})`, {
		fix: failure.fix ?? 'Use file storage with NOTION_KEYRING=0.',
	});
}
