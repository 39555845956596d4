import {systemClock, type Clock} from './shared/clock.js';
import type {CoreContext} from './context.js';
import {resolveEnvironment, type Env} from './ntn/environment.js';
import {NotionTokensError} from './shared/errors.js';
import {buildInventory, buildStatus} from './ops/inventory.js';
import {buildOverview} from './ops/overview.js';
import type {KeyringModule} from './ntn/keychain.js';
import {logoutEnvironments, prepareLogout} from './ops/logout.js';
import {createNotionApi, type NotionApi} from './notion/api.js';
import type {WriteHooks} from './ntn/files.js';
import {fixPermissions} from './ntn/permissions.js';
import {getPreferences, setPreferences} from './own/preferences.js';
import {createStateStore, type StateStore} from './own/state.js';
import {legacyStateDir, ntnDecidingPaths, resolveStateDir} from './own/state-dir.js';
import {switchBack, switchWorkspace} from './ops/switch.js';
import {expiringTokens, listTokens} from './ops/token-list.js';
import {refreshTokens} from './notion/refresh.js';
import {prepareRevoke} from './notion/revoke.js';
import {ENVIRONMENTS, type NotionTokensCore} from './shared/types.js';
import {createAdminApi, type AdminApi} from './notion/admin-api.js';
import {adminWorkspace, adminWorkspaces, listAdminPats, revokeAdminPats} from './ops/admin-pats.js';
import {rememberedPats} from './own/admin-listings.js';
import {resolveAdminToken} from './ops/admin-token.js';
import {addSaved, checkAdd, editSaved, listSaved, prepareExec, removeSaved, rotateSaved, savedStoreInfo} from './ops/saved-tokens.js';

export interface CoreOptions {
	/** Environment variables (default: process.env). */
	env?: Env;
	/** The `--env` flag, which wins over NOTION_ENV. */
	environment?: string;
	cwd?: string;
	clock?: Clock;
	/** Our own state dir (default: NOTION_TOKENS_HOME, else $XDG_STATE_HOME/notion-tokens, else ~/.local/state/notion-tokens). */
	stateDir?: string;
	/** Time limit of each keychain call. */
	keychainTimeoutMs?: number;
	/** Time limit of each request to Notion. */
	httpTimeoutMs?: number;
	/** Time limit of a whole refresh (default 30 000): what has not finished by then is not reached. */
	refreshDeadlineMs?: number;
	/** Sent to Notion as `user-agent` (default `notion-tokens`). */
	userAgent?: string;
	/** A 429 is retried once when Retry-After asks for at most this long (default 5000). */
	maxRetryWaitMs?: number;
	/** The Admin API's retries of a 429 or 5xx (default 4), and the longest retry-after waited out (default 60 000). */
	adminRetry?: {maxRetries?: number; baseDelayMs?: number; maxRetryWaitMs?: number};
	platform?: NodeJS.Platform;
	/** Stand-in for @napi-rs/keyring, for the branches this machine cannot run (macOS). */
	keyring?: () => KeyringModule;
	writeHooks?: WriteHooks;
}

/** The one place that builds the real services. Throws only for an invalid environment. */
export function createCore(options: CoreOptions = {}): NotionTokensCore {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	let state: StateStore | undefined;
	/**
	 * Changes to ntn's files run one process at a time (the state dir's lock). Without a state dir
	 * (no HOME and no NOTION_TOKENS_HOME) there is no lock to take, and they run as they are.
	 */
	const locked = <T>(run: () => Promise<T>): Promise<T> => {
		let store: StateStore;
		try {
			store = ctx.state();
		} catch {
			return run();
		}
		return store.locked(run);
	};
	const ctx: CoreContext = {
		env,
		cwd,
		clock: options.clock ?? systemClock,
		platform: options.platform ?? process.platform,
		environment: resolveEnvironment(options.environment, env),
		keychainTimeoutMs: options.keychainTimeoutMs ?? 5000,
		httpTimeoutMs: options.httpTimeoutMs ?? 10_000,
		refreshDeadlineMs: options.refreshDeadlineMs ?? 30_000,
		locked,
		state: () =>
			(state ??= createStateStore(options.stateDir ?? resolveStateDir(env, cwd), {
				forbidden: ntnDecidingPaths(env, cwd),
				...(options.stateDir === undefined ? {legacyDir: legacyStateDir(env, cwd)} : {}),
			})),
		...(options.keyring ? {keyring: options.keyring} : {}),
		...(options.writeHooks ? {writeHooks: options.writeHooks} : {}),
	};
	let api: NotionApi | undefined;
	const notion = () =>
		(api ??= createNotionApi({
			userAgent: options.userAgent ?? 'notion-tokens',
			timeoutMs: ctx.httpTimeoutMs,
			maxRetryWaitMs: options.maxRetryWaitMs,
			clock: ctx.clock,
		}));
	let adminApi: AdminApi | undefined;
	const admin = () =>
		(adminApi ??= createAdminApi({userAgent: options.userAgent ?? 'notion-tokens', timeoutMs: ctx.httpTimeoutMs, clock: ctx.clock, ...options.adminRetry}));
	const envOf = (given?: {environment?: string}) => (given?.environment === undefined ? ctx.environment : resolveEnvironment(given.environment, env));

	// `now()` exposes the core's clock, so that the CLI's "checked 3 h ago" agrees with the core's dates.
	const core: NotionTokensCore = {
		environment: ctx.environment,
		now: () => ctx.clock.now(),
		status: given => buildStatus(ctx, envOf(given)),
		inventory: (given = {}) => buildInventory(ctx, {environment: envOf(given), allEnvironments: given.allEnvironments ?? false, tokens: given.tokens}),
		overview: (given = {}) => buildOverview(ctx, envOf(given), given.withinDays),
		switchWorkspace: (query, given) => locked(() => switchWorkspace(ctx, query, envOf(given))),
		switchBack: given => locked(() => switchBack(ctx, envOf(given))),
		prepareLogout: (query, given) => prepareLogout(ctx, query, envOf(given)),
		logout: (query, given) => locked(async () => (await prepareLogout(ctx, query, envOf(given))).run()),
		logoutAll: (given = {}) =>
			// --all-envs covers ntn's four environments, as `ntn logout --all-environments` does: other keys
			// in the files (e.g. `zz`) keep their workspaces, tokens and default.
			locked(() => logoutEnvironments(ctx, given.allEnvironments ? ENVIRONMENTS : [envOf(given)])),
		fixPermissions: () => fixPermissions(ctx),
		tokens: (given = {}) => listTokens(ctx, {...given, environment: envOf(given)}),
		refresh: (given = {}) => refreshTokens(ctx, {...given, environment: envOf(given)}, notion()),
		expiring: (given = {}) => expiringTokens(ctx, {...given, environment: envOf(given)}, query => refreshTokens(ctx, query, notion())),
		prepareRevoke: (tokenId, given) => prepareRevoke(ctx, tokenId, envOf(given), notion()),
		revoke: async (tokenId, given) => (await prepareRevoke(ctx, tokenId, envOf(given), notion())).run(),
		preferences: () => getPreferences(ctx),
		setPreferences: patch => setPreferences(ctx, patch),
		admin: {
			token: async () => {
				const token = await resolveAdminToken(ctx);
				return token ? {masked: token.secret.masked, source: token.source} : null;
			},
			workspaces: () => adminWorkspaces(ctx),
			workspace: query => adminWorkspace(ctx, query),
			pats: (workspace, filters, given) => listAdminPats(ctx, admin(), workspace, filters, given),
			revoke: (workspace, ids, given) => revokeAdminPats(ctx, admin(), workspace, ids, given),
			remembered: workspaceId => rememberedPats(ctx, workspaceId),
		},
		savedStore: () => savedStoreInfo(ctx),
		savedTokens: () => listSaved(ctx),
		checkAdd: async input => {
			await checkAdd(ctx, input);
		},
		addSaved: input => addSaved(ctx, input, notion),
		editSaved: (label, edit) => editSaved(ctx, label, edit),
		removeSaved: label => removeSaved(ctx, label),
		rotateSaved: (label, token, given = {}) => rotateSaved(ctx, label, token, given, notion),
		prepareExec: (label, given = {}) => prepareExec(ctx, label, given),
	};
	return core;
}

export {NotionTokensError};
