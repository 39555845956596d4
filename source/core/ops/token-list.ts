/**
 * The tokens view of the core. `listTokens` and `expiringTokens` read only local things (ntn's
 * files, the token store, the facts cached in our state) and so work offline; asking Notion is in
 * `notion/refresh.ts`, revocation in `notion/revoke.ts`.
 */
import type {CoreContext} from '../context.js';
import {envValue} from '../ntn/environment.js';
import {entriesOf, readSnapshot, type Snapshot} from '../ntn/snapshot.js';
import {factsIn, fingerprintOf, workspaceFacts, type FactsCache} from '../own/facts.js';
import {preferencesIn} from '../own/preferences.js';
import {NotionTokensError, EXIT} from '../shared/errors.js';
import {Secret} from '../shared/secret.js';
import type {CheckResult, Environment, ExpiringReport, RefreshOptions, StoreKind, TokenRow} from '../shared/types.js';
import {expiringReport, parseInstant} from './expiry.js';
import {overrideRow, storedRow} from './token-rows.js';
import {findWorkspace, sortLikeNtn} from './workspace-rows.js';
import {publicOf, readSaved, sortedRecords, type SavedRecord} from '../own/saved-meta.js';
import {savedRow} from '../own/saved-rows.js';
import {listedRows} from './listed-rows.js';
import {savedSecretErrors} from '../own/saved-store.js';

export interface TokenQuery extends RefreshOptions {
	environment: Environment;
	allEnvironments?: boolean;
	withinDays?: number;
	/** expiring(): ask Notion first about tokens whose last answer is older than this, or missing. */
	refreshOlderThanMs?: number;
	/** A workspace (id, id prefix or name), or `NOTION_API_TOKEN`: only that token. */
	query?: string;
}

/** The variable name that, given as the query, selects NOTION_API_TOKEN alone. */
export const OVERRIDE_QUERY = 'NOTION_API_TOKEN';

export interface StoredToken {
	environment: string;
	workspaceId: string;
	workspaceName: string;
	token: Secret;
}

/** The tokens a command looks at, read from the store and the environment. */
export interface Scope {
	configDir: string;
	storage: StoreKind;
	stored: StoredToken[];
	override: Secret | undefined;
	/** Tokens saved with `notion-tokens add` (all of them, or the one a query names). */
	saved: SavedRecord[];
	/** Why the file the saved tokens in file storage are kept in cannot be read (null: it can), and which of them it does not hold. */
	savedFile: {file: NotionTokensError | null; missing: Map<string, NotionTokensError>};
}

/**
 * With `knowEveryToken`, the stored tokens outside the query are read too (and forgotten): text
 * from Notion is then scrubbed of every stored token, not only of those asked about.
 */
export async function readScope(ctx: CoreContext, query: TokenQuery, given?: Snapshot, options: {knowEveryToken?: boolean} = {}): Promise<Scope> {
	const [snapshot, savedFile] = await Promise.all([given ?? readSnapshot(ctx), readSaved(ctx.state())]);
	const named = query.query === undefined ? undefined : savedFile.tokens[query.query];
	if (named) {
		if (options.knowEveryToken) await snapshot.store.getMany([...new Set(entriesOf(snapshot).map(row => row.entry.id))]);
		return {
			configDir: snapshot.configDir.path,
			storage: snapshot.store.info.kind,
			stored: [],
			override: undefined,
			saved: [named],
			savedFile: await savedSecretErrors(ctx, [named]),
		};
	}
	if (snapshot.workspacesError) throw snapshot.workspacesError;
	const overrideValue = envValue(ctx.env, 'NOTION_API_TOKEN');
	const override = overrideValue === undefined ? undefined : new Secret(overrideValue);
	const where = query.allEnvironments ? 'any environment' : query.environment;
	let entries = entriesOf(snapshot, query.allEnvironments ? undefined : query.environment);
	if (query.query !== undefined) {
		if (options.knowEveryToken) await snapshot.store.getMany([...new Set(entriesOf(snapshot).map(row => row.entry.id))]);
		if (query.query === OVERRIDE_QUERY) {
			if (!override) {
				throw new NotionTokensError('no-override', 'NOTION_API_TOKEN is not set in this shell, so there is nothing to check', {
					fix: 'Name a workspace instead, or set NOTION_API_TOKEN.',
					exitCode: EXIT.usage,
				});
			}
			return {
				configDir: snapshot.configDir.path,
				storage: snapshot.store.info.kind,
				stored: [],
				override,
				saved: [],
				savedFile: {file: null, missing: new Map()},
			};
		}
		entries = [findWorkspace(entries, query.query, where)];
	}
	const sorted = sortLikeNtn(entries.map(row => ({environment: row.environment, id: row.entry.id, name: row.entry.name})));
	const tokens = await snapshot.store.getMany([...new Set(sorted.map(row => row.id))]);
	const stored: StoredToken[] = [];
	for (const row of sorted) {
		const token = tokens.get(row.id);
		if (token instanceof NotionTokensError) throw token;
		if (token) stored.push({environment: row.environment, workspaceId: row.id, workspaceName: row.name, token});
		else if (query.query !== undefined) {
			throw new NotionTokensError('no-token', `${row.name} (${row.id}) has no stored token in ${row.environment}, so there is nothing to check`, {
				fix: 'Run `ntn login` and pick it to sign in again.',
			});
		}
	}
	const all = query.query === undefined;
	const saved = all ? sortedRecords(savedFile) : [];
	return {
		configDir: snapshot.configDir.path,
		storage: snapshot.store.info.kind,
		stored,
		override: all ? override : undefined,
		saved,
		savedFile: await savedSecretErrors(ctx, saved),
	};
}

/** The facts cached from Notion and the expiry window (given, else the saved preference): one read of our state. */
export async function readOwn(ctx: CoreContext, query: TokenQuery): Promise<{cache: FactsCache; windowDays: number}> {
	const state = await ctx.state().read();
	return {cache: factsIn(state), windowDays: query.withinDays ?? preferencesIn(state).expiryWindowDays};
}

export function rowsOf(ctx: CoreContext, scope: Scope, cache: FactsCache, windowDays: number): TokenRow[] {
	const now = ctx.clock.now();
	const stored = scope.stored.map(item =>
		storedRow(
			item.token,
			{source: 'stored', environment: item.environment, workspaceId: item.workspaceId, workspaceName: item.workspaceName, storage: scope.storage},
			workspaceFacts(cache, scope.configDir, item.environment, item.workspaceId),
			now,
			windowDays,
		),
	);
	// Each stored token, followed by the other tokens Notion listed for its workspace.
	const rows: TokenRow[] = [];
	for (const row of stored) rows.push(row, ...listedRows([row], now, windowDays));
	const {file, missing} = scope.savedFile;
	for (const record of scope.saved) {
		const row = savedRow(publicOf(record), now, windowDays);
		const gone = missing.get(record.label);
		if (file && record.storage === 'file') rows.push({...row, unreadable: {message: file.message, fix: file.fix ?? ''}});
		else if (gone) rows.push({...row, unreadable: {message: gone.message, fix: gone.fix ?? '', missing: true}});
		else rows.push(row);
	}
	if (scope.override) {
		const place = {
			source: 'override',
			environment: null,
			workspaceId: envValue(ctx.env, 'NOTION_WORKSPACE_ID') ?? null,
			workspaceName: null,
			storage: 'env',
		} as const;
		const fingerprint = fingerprintOf(scope.override.reveal());
		const row = overrideRow(scope.override, place, cache.overrides[fingerprint], cache, scope.configDir, now, windowDays);
		// NOTION_API_TOKEN that is one of the saved tokens carries its label.
		const twin = scope.saved.find(record => record.fingerprint === fingerprint);
		rows.push(twin ? {...row, label: twin.label} : row);
	}
	return rows;
}

/** Every token known: each cached workspace's stored token, and NOTION_API_TOKEN when set. No network. */
export async function listTokens(
	ctx: CoreContext,
	query: TokenQuery,
	given: {snapshot?: Snapshot; own?: {cache: FactsCache; windowDays: number}} = {},
): Promise<TokenRow[]> {
	const scope = await readScope(ctx, query, given.snapshot);
	const {cache, windowDays} = given.own ?? (await readOwn(ctx, query));
	return rowsOf(ctx, scope, cache, windowDays);
}

/**
 * Tokens rejected, revoked, expired or expiring within the window, soonest first, and those whose
 * expiry is unknown, from the cache alone. `refresh` is called instead when `refreshOlderThanMs`
 * is given and a token's last answer from Notion is older than that, or missing.
 */
export async function expiringTokens(ctx: CoreContext, query: TokenQuery, refresh: (query: TokenQuery) => Promise<TokenRow[]>): Promise<ExpiringReport> {
	const scope = await readScope(ctx, query);
	const {cache, windowDays: withinDays} = await readOwn(ctx, query);
	const rows = rowsOf(ctx, scope, cache, withinDays);
	const limit = query.refreshOlderThanMs;
	// A listed token is never checked itself: its dates come with its workspace's stored token; a
	// saved admin token is not checked against the public API.
	const stale = rows.some(row => row.source !== 'listed' && row.saved?.admin !== true && answerIsOlder(row.check, ctx.clock.now(), limit ?? 0));
	if (limit === undefined || !stale) return expiringReport(rows, withinDays);
	const askedAt = ctx.clock.now().toISOString();
	return expiringReport(await refresh({...query, withinDays}), withinDays, askedAt);
}

/** No definite answer from Notion, or one older than `limitMs`. */
function answerIsOlder(check: CheckResult, now: Date, limitMs: number): boolean {
	const at = parseInstant(check.checkedAt);
	return check.outcome === 'unchecked' || at === null || now.getTime() - at.getTime() > limitMs;
}
