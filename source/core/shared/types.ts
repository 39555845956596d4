/** The data the core hands to the CLI and the UI. Nothing here ever holds a token in clear. */
import type {AdminCore} from '../ops/admin-types.js';
import type {ExecPlan, RotateResult, SavedEdit, SavedInput, SavedResult, SavedStoreInfo, SavedToken} from '../own/saved-types.js';
import type {NotionTokensError} from './errors.js';

export const ENVIRONMENTS = ['local', 'dev', 'stg', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export type StoreKind = 'keychain' | 'file';

/** Which rule of ntn's resolution chose the config dir. */
export type ConfigDirSource = 'NOTION_HOME' | 'XDG_CONFIG_HOME' | '~/.config' | '~/.notion';

export interface ConfigDirInfo {
	path: string;
	source: ConfigDirSource;
}

export interface StoreInfo {
	kind: StoreKind;
	/** Why this store is in use, e.g. `NOTION_KEYRING=0` or `default`. */
	reason: string;
}

export interface Problem {
	/** Stable identifier, e.g. `auth-file-readable`, `corrupt-file`, `keychain-unavailable`. */
	code: string;
	message: string;
	/** One line that says how to fix it. */
	fix: string;
	/** The file at fault, when there is one. */
	file?: string;
}

export type TokenPresence =
	| {state: 'present'; masked: string; tokenId: string | null}
	| {state: 'missing'}
	/** The store could not be read (keychain unavailable, auth.json corrupt). */
	| {state: 'unknown'; reason: string};

export interface WorkspaceRow {
	/** The entry's `id` field: what ntn uses as the keychain account and auth.json key. */
	id: string;
	name: string;
	/** The environment key in workspaces.json; unknown keys (e.g. `zz`) are listed as they are. */
	environment: string;
	isDefault: boolean;
	token: TokenPresence;
	storage: StoreKind;
}

export interface Override {
	variable: string;
	/** The value, masked for NOTION_API_TOKEN. */
	value: string;
	/** What ntn does because of it, in one sentence. */
	effect: string;
}

export interface Inventory {
	environment: Environment;
	configDir: ConfigDirInfo | null;
	store: StoreInfo;
	/** The default workspace of `environment` in config.json, or null. */
	defaultWorkspaceId: string | null;
	/** Every environment's default, as in config.json. */
	defaults: Record<string, string>;
	/** Sorted as ntn's picker sorts: by name, in byte order (then environment, then id). */
	workspaces: WorkspaceRow[];
	overrides: Override[];
	problems: Problem[];
}

/** What `status` shows: the inventory of one environment, counted instead of listed. */
export interface StatusReport extends Omit<Inventory, 'workspaces'> {
	workspaceCount: number;
	/** The default workspace's name, or null when it is not in the workspace cache (or unset). */
	defaultWorkspaceName: string | null;
	/** How many tokens are saved with `add`; null when our state cannot be read (a problem says why). */
	savedCount: number | null;
}

export interface UseResult {
	environment: Environment;
	previous: WorkspaceRow | null;
	current: WorkspaceRow;
	/** Set when NOTION_WORKSPACE_ID in this shell still makes ntn use another workspace. */
	shadowedBy: string | null;
	/** Things the user should know that did not stop the change. */
	warnings: string[];
}

export interface LogoutResult {
	environment: Environment;
	/** Workspaces removed from the cache. */
	removed: WorkspaceRow[];
	/** Workspace ids whose token was deleted. */
	tokensDeleted: string[];
	/** Tokens kept, and why (another environment still uses it, or the delete failed). */
	tokensKept: {id: string; reason: string}[];
	/** The default of the environment afterwards (null: none). */
	defaultWorkspaceId: string | null;
	defaultWorkspaceName: string | null;
	warnings: string[];
}

export interface FixPermissionsResult {
	path: string;
	before: number | null;
	after: number | null;
	changed: boolean;
	/** What is still wrong and left to the user: a config dir others can write (its mode is never changed). */
	remaining: Problem[];
}

// ---- Token facts (from Notion, cached in our own state) ----

export type ExpiryStatus = 'expired' | 'revoked' | 'within-7-days' | 'within-window' | 'ok' | 'unknown';

export type CheckOutcome = 'valid' | 'invalid' | 'forbidden' | 'rate-limited' | 'server-error' | 'offline' | 'timeout' | 'malformed' | 'unchecked';

/**
 * The outcomes that say what Notion thinks of a token: it works (`valid`), it is refused (`invalid`:
 * 401, invalid, revoked or expired), or it works without access to the API (`forbidden`: 403). Any
 * other outcome only says that no answer came, and never replaces one of these.
 */
export const DEFINITE_OUTCOMES: readonly CheckOutcome[] = ['valid', 'invalid', 'forbidden'];

export interface TokenFact {
	id: string;
	name: string;
	issuedAt: string | null;
	expiresAt: string | null;
	revokedAt: string | null;
}

export interface CheckResult {
	outcome: CheckOutcome;
	/** ISO time of the check, null when never checked. */
	checkedAt: string | null;
	/** HTTP status, when there was one. */
	httpStatus?: number;
	retryAfterSeconds?: number;
	/** Short human detail, never containing a token. */
	detail?: string;
	/** For NOTION_API_TOKEN: whom it acts as. */
	identity?: {kind: 'person' | 'bot'; name: string | null; workspaceName: string | null};
}

export interface TokenRow {
	/**
	 * `stored`: a workspace's token from the keychain or auth.json; `override`: NOTION_API_TOKEN;
	 * `saved`: a token saved with `notion-tokens add`; `listed`: a token Notion lists for a
	 * logged-in workspace (not held here: only its id and dates are known).
	 */
	source: 'stored' | 'override' | 'saved' | 'listed';
	environment: string | null;
	workspaceId: string | null;
	workspaceName: string | null;
	masked: string;
	/** `notion`: a listed token, which only Notion holds. */
	storage: StoreKind | 'env' | 'notion';
	tokenId: string | null;
	tokenName: string | null;
	issuedAt: string | null;
	expiresAt: string | null;
	/** True when expiresAt was computed as issuedAt + 1 year. */
	expiryComputed: boolean;
	expiry: ExpiryStatus;
	/** Whole days until expiry (negative when past), null when unknown. */
	daysLeft: number | null;
	/** Notion's last definite answer about this very token (valid, invalid, forbidden), or unchecked. */
	check: CheckResult;
	/**
	 * The last attempt to ask Notion, when it got no definite answer (offline, timed out,
	 * rate-limited, server error, unexpected answer) and came after `check`; null otherwise.
	 */
	lastAttempt: CheckResult | null;
	/** When the facts shown were fetched from Notion (null: never). */
	factsFetchedAt: string | null;
	/** The workspace's other tokens, as Notion listed them. */
	otherTokens: TokenFact[];
	/** A saved token's label; for NOTION_API_TOKEN, the label of the saved token it equals. */
	label?: string;
	/** A saved token's facts (identity, dates and their source, note, last use). */
	saved?: SavedToken;
	/** A saved token not used through `exec` for 90 days. */
	unused?: boolean;
	/** A saved token whose store cannot give it (a tokens.json that is not JSON; missing: its store no longer holds it): why, and the fix. */
	unreadable?: {message: string; fix: string; missing?: boolean};
}

export interface ExpiringReport {
	withinDays: number;
	/**
	 * Sorted soonest first; only rows that need attention: rejected by Notion (401), revoked, expired
	 * or expiring within the window.
	 */
	rows: TokenRow[];
	/** Tokens whose expiry is not known and that Notion did not reject, in list order. */
	unknown: TokenRow[];
	/** The oldest `factsFetchedAt` among the rows considered (null: no facts at all). */
	oldestFactsAt: string | null;
	/** When Notion was asked during this call (null: the answer is from memory alone). */
	askedAt: string | null;
}

export interface RevokeResult {
	tokenId: string;
	/** Set when the revoked token is the one stored for a workspace: ntn needs `ntn login` again. */
	storedFor: {environment: string; workspaceId: string; workspaceName: string} | null;
}

/** The UI's picture: the inventory of one environment and the tokens of all, from one snapshot. */
export interface Overview {
	inventory: Inventory;
	/** The window the token rows' expiry is computed for (null when the token list failed before it was known). */
	windowDays: number | null;
	tokens: TokenRow[];
	/** Why the token list could not be made; the inventory is still there. */
	tokensError: NotionTokensError | null;
}

/** A workspace found for `logout`, before anything is changed: `run()` logs out of it. */
export interface LogoutPlan {
	readonly environment: Environment;
	readonly workspace: {readonly id: string; readonly name: string};
	run(): Promise<LogoutResult>;
}

/** A token to revoke, named from what is stored and cached, before anything is sent: `run()` revokes it. */
export interface RevokePlan {
	readonly tokenId: string;
	/** Set when it is the token stored for a workspace. */
	readonly storedFor: RevokeResult['storedFor'];
	/** Set when a workspace's cached token list shows it (and it is not that workspace's stored token). */
	readonly listedIn: {readonly workspaceName: string; readonly tokenName: string} | null;
	run(): Promise<RevokeResult>;
}

export interface RefreshOptions {
	onProgress?: (done: number, total: number) => void;
	signal?: AbortSignal;
}

export interface EnvironmentOption {
	/** Environment to act on; defaults to the one resolved at start-up (--env, NOTION_ENV, prod). */
	environment?: Environment;
}

/**
 * The core's whole public surface. The CLI and the UI talk to nothing else; `createCore()` in
 * `services.ts` is the one place that builds it with real files, keychain, HTTP and clock.
 */
export interface NotionTokensCore {
	/** The environment resolved at start-up. */
	readonly environment: Environment;
	/** The core's clock: "now" for ages such as "checked 3 h ago". */
	now(): Date;
	/** Reads the default workspace's token only and builds no rows: fast at any size. */
	status(options?: EnvironmentOption): Promise<StatusReport>;
	/** `tokens: 'default'` reads only the default workspace's token. */
	inventory(options?: EnvironmentOption & {allEnvironments?: boolean; tokens?: 'all' | 'default'}): Promise<Inventory>;
	/** The inventory of the environment and every environment's tokens, each token read once. */
	overview(options?: EnvironmentOption & {withinDays?: number}): Promise<Overview>;
	/** Makes a cached workspace (by id, id prefix or name) the default of the environment. */
	switchWorkspace(query: string, options?: EnvironmentOption): Promise<UseResult>;
	/** Switches back to the default that was in effect before the last `use`. */
	switchBack(options?: EnvironmentOption): Promise<UseResult>;
	/** Finds the workspace `logout` would forget, changing nothing yet. */
	prepareLogout(query: string, options?: EnvironmentOption): Promise<LogoutPlan>;
	/** Forgets one workspace: its token (unless another environment uses it), cache entry, default. */
	logout(query: string, options?: EnvironmentOption): Promise<LogoutResult>;
	/** ntn logout: every cached workspace of the environment (or of all environments). */
	logoutAll(options?: EnvironmentOption & {allEnvironments?: boolean}): Promise<LogoutResult[]>;
	fixPermissions(): Promise<FixPermissionsResult>;
	/** Every token known, with the facts cached from Notion (no network). */
	tokens(options?: EnvironmentOption & {allEnvironments?: boolean; withinDays?: number}): Promise<TokenRow[]>;
	/**
	 * Asks Notion: lists each workspace's tokens and checks each token; updates the cache. An answer
	 * that says nothing (offline, timeout, 429, 5xx) is recorded beside what was known, never over it.
	 * `onProgress` hears how many of the tokens are done; after `signal` aborts, nothing new is sent
	 * and what finished is kept.
	 */
	refresh(options?: EnvironmentOption & RefreshOptions & {allEnvironments?: boolean; query?: string; withinDays?: number}): Promise<TokenRow[]>;
	/**
	 * From memory, unless `refreshOlderThanMs` is given: then tokens whose last answer from Notion is
	 * older than that (or missing) are asked about first.
	 */
	expiring(options?: EnvironmentOption & {allEnvironments?: boolean; withinDays?: number; refreshOlderThanMs?: number}): Promise<ExpiringReport>;
	/** Names the token `revoke` would revoke, sending nothing yet. */
	prepareRevoke(tokenId: string, options?: EnvironmentOption): Promise<RevokePlan>;
	revoke(tokenId: string, options?: EnvironmentOption): Promise<RevokeResult>;
	preferences(): Promise<Preferences>;
	setPreferences(patch: Partial<Preferences>): Promise<Preferences>;
	/** Notion's Admin API: a workspace's PATs, for organization owners. */
	readonly admin: AdminCore;
	/** Where new saved tokens go, and why (NOTION_TOKENS_STORE, NOTION_KEYRING=0, default). */
	savedStore(): SavedStoreInfo;
	/** Tokens saved with `add`, by label; never the tokens themselves. */
	savedTokens(): Promise<SavedToken[]>;
	/** Checks the token with users/me (unless offline), then keeps it in the saved-token store. */
	/** Refuses what `addSaved` would refuse before any token is given: the label, the dates, a label taken, the store. */
	checkAdd(input: Omit<SavedInput, 'token'>): Promise<void>;
	addSaved(input: SavedInput): Promise<SavedResult>;
	editSaved(label: string, edit: SavedEdit): Promise<SavedResult>;
	removeSaved(label: string): Promise<{token: SavedToken; secretDeleted: boolean}>;
	/** Replaces a saved token with a new one acting as the same person or bot (unless `force`). */
	rotateSaved(label: string, token: string, options?: {force?: boolean}): Promise<RotateResult>;
	/** The token for `exec`, with the use recorded; refused when expired unless allowed. */
	prepareExec(label: string, options?: {allowExpired?: boolean}): Promise<ExecPlan>;
}

export interface Preferences {
	/** Expiry warning window in days (default 30). */
	expiryWindowDays: number;
}
