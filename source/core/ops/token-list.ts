/**
 * The tokens view of the core. `listTokens` and `expiringTokens` read only local things (ntn's
 * files, the token store, the facts cached in our state) and so work offline; `refreshTokens` asks
 * Notion and updates the cache; revocation is in `token-revoke.ts`.
 */
import type {CoreContext} from '../context.js';
import {envValue} from '../ntn/environment.js';
import {NotionTokensError, EXIT} from '../shared/errors.js';
import {expiringReport, parseInstant} from './expiry.js';
import {
	ensureWorkspaceFacts,
	fingerprintOf,
	readFacts,
	updateFacts,
	workspaceFacts,
	type FactsCache,
} from '../own/facts.js';
import {mapLimit} from '../shared/map-limit.js';
import {internalBaseUrl, publicBaseUrl, type ApiFailure, type NotionApi} from '../notion/api.js';
import {getPreferences} from '../own/preferences.js';
import {Secret} from '../shared/secret.js';
import {entriesOf, readSnapshot} from '../ntn/snapshot.js';
import {overrideRow, storedRow} from './token-rows.js';
import {tokenIdOf} from '../ntn/token-format.js';
import type {CheckResult, Environment, ExpiringReport, StoreKind, TokenFact, TokenRow} from '../shared/types.js';
import {findWorkspace, sortLikeNtn} from './workspace-rows.js';

export {revokeToken} from '../notion/revoke.js';

export interface TokenQuery {
	environment: Environment;
	allEnvironments?: boolean;
	withinDays?: number;
	/** A workspace (id, id prefix or name), or `NOTION_API_TOKEN`: only that token. */
	query?: string;
}

/** The variable name that, given as the query, selects NOTION_API_TOKEN alone. */
export const OVERRIDE_QUERY = 'NOTION_API_TOKEN';

interface StoredToken {
	environment: string;
	workspaceId: string;
	workspaceName: string;
	token: Secret;
}

/** The tokens a command looks at, read from the store and the environment. */
interface Scope {
	configDir: string;
	storage: StoreKind;
	stored: StoredToken[];
	override: Secret | undefined;
}

async function readScope(ctx: CoreContext, query: TokenQuery): Promise<Scope> {
	const snapshot = await readSnapshot(ctx);
	if (snapshot.workspacesError) throw snapshot.workspacesError;
	const overrideValue = envValue(ctx.env, 'NOTION_API_TOKEN');
	const override = overrideValue === undefined ? undefined : new Secret(overrideValue);
	const where = query.allEnvironments ? 'any environment' : query.environment;
	let entries = entriesOf(snapshot, query.allEnvironments ? undefined : query.environment);
	if (query.query !== undefined) {
		if (query.query === OVERRIDE_QUERY) {
			if (!override) {
				throw new NotionTokensError('no-override', 'NOTION_API_TOKEN is not set in this shell, so there is nothing to check', {
					fix: 'Name a workspace instead, or set NOTION_API_TOKEN.',
					exitCode: EXIT.usage,
				});
			}
			return {configDir: snapshot.configDir.path, storage: snapshot.store.info.kind, stored: [], override};
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
	return {configDir: snapshot.configDir.path, storage: snapshot.store.info.kind, stored, override: query.query === undefined ? override : undefined};
}

async function windowOf(ctx: CoreContext, query: TokenQuery): Promise<number> {
	return query.withinDays ?? (await getPreferences(ctx)).expiryWindowDays;
}

function rowsOf(ctx: CoreContext, scope: Scope, cache: FactsCache, windowDays: number): TokenRow[] {
	const now = ctx.clock.now();
	const rows = scope.stored.map(item =>
		storedRow(
			item.token,
			{source: 'stored', environment: item.environment, workspaceId: item.workspaceId, workspaceName: item.workspaceName, storage: scope.storage},
			workspaceFacts(cache, scope.configDir, item.environment, item.workspaceId),
			now,
			windowDays,
		),
	);
	if (scope.override) {
		const place = {source: 'override', environment: null, workspaceId: envValue(ctx.env, 'NOTION_WORKSPACE_ID') ?? null, workspaceName: null, storage: 'env'} as const;
		rows.push(overrideRow(scope.override, place, cache.overrides[fingerprintOf(scope.override.reveal())], cache, scope.configDir, now, windowDays));
	}
	return rows;
}

/** Every token known: each cached workspace's stored token, and NOTION_API_TOKEN when set. No network. */
export async function listTokens(ctx: CoreContext, query: TokenQuery): Promise<TokenRow[]> {
	const scope = await readScope(ctx, query);
	const [cache, windowDays] = await Promise.all([readFacts(ctx.state()), windowOf(ctx, query)]);
	return rowsOf(ctx, scope, cache, windowDays);
}

/** Tokens expired, revoked or expiring within the window, soonest first, from the cache alone. */
export async function expiringTokens(ctx: CoreContext, query: TokenQuery): Promise<ExpiringReport> {
	const scope = await readScope(ctx, query);
	const [cache, withinDays] = await Promise.all([readFacts(ctx.state()), windowOf(ctx, query)]);
	return expiringReport(rowsOf(ctx, scope, cache, withinDays), withinDays);
}

// ---- Asking Notion ----

type Job = {kind: 'stored'; item: StoredToken} | {kind: 'override'; token: Secret};

/** What one request taught us; `keep` means nothing was sent and the cache stays as it is. */
type JobResult =
	| {kind: 'listed'; tokens: TokenFact[]; check: CheckResult}
	| {kind: 'identified'; workspaceId: string | null; check: CheckResult}
	| {kind: 'failed'; check: CheckResult}
	| {kind: 'keep'}
	/** Could not be asked at all (e.g. an environment Notion's API is not known for): shown, not cached. */
	| {kind: 'not-asked'; check: CheckResult};

/**
 * Asks Notion about every token in scope — workersListTokens for stored tokens (which both checks
 * the token and gives its workspace's tokens with dates), users/me for NOTION_API_TOKEN — with at
 * most `api.concurrency` requests at once, each within the API's time limit. Answers update the
 * cache; a failure keeps the facts fetched before and records the outcome. Never throws for
 * network or HTTP problems.
 */
export async function refreshTokens(ctx: CoreContext, query: TokenQuery, api: NotionApi): Promise<TokenRow[]> {
	const scope = await readScope(ctx, query);
	const [before, windowDays] = await Promise.all([readFacts(ctx.state()), windowOf(ctx, query)]);
	const jobs: Job[] = scope.stored.map(item => ({kind: 'stored', item}));
	if (scope.override) jobs.push({kind: 'override', token: scope.override});
	// Resolve base URLs first: a malformed NOTION_API_BASE_URL is a usage error for the whole command.
	const publicBase = scope.override ? publicBaseUrl(ctx.env) : '';
	const bases = new Map<string, string | NotionTokensError>();
	for (const item of scope.stored) {
		if (bases.has(item.environment)) continue;
		try {
			bases.set(item.environment, internalBaseUrl(item.environment, ctx.env));
		} catch (error) {
			if (!(error instanceof NotionTokensError) || error.code !== 'unknown-environment') throw error;
			bases.set(item.environment, error);
		}
	}

	const results = await mapLimit(jobs, api.concurrency, async (job): Promise<JobResult> => {
		if (job.kind === 'override') {
			const previous = before.overrides[fingerprintOf(job.token.reveal())]?.check;
			if (previous && stillWaiting(previous, ctx.clock.now())) return {kind: 'keep'};
			const answer = await api.usersMe(publicBase, job.token);
			const checkedAt = ctx.clock.now().toISOString();
			if (answer.outcome === 'valid') {
				return {kind: 'identified', workspaceId: answer.workspaceId, check: {outcome: 'valid', checkedAt, httpStatus: answer.httpStatus, identity: answer.identity}};
			}
			const check = failureCheck(answer, checkedAt);
			if (previous?.identity) check.identity = previous.identity;
			return {kind: 'failed', check};
		}
		const {item} = job;
		const base = bases.get(item.environment)!;
		if (base instanceof NotionTokensError) return {kind: 'not-asked', check: {outcome: 'unchecked', checkedAt: null, detail: base.message}};
		const facts = workspaceFacts(before, scope.configDir, item.environment, item.workspaceId);
		if (facts && facts.storedTokenId === tokenIdOf(item.token.reveal()) && stillWaiting(facts.check, ctx.clock.now())) return {kind: 'keep'};
		const answer = await api.listTokens(base, item.token);
		const checkedAt = ctx.clock.now().toISOString();
		if (answer.outcome === 'valid') return {kind: 'listed', tokens: answer.tokens, check: {outcome: 'valid', checkedAt, httpStatus: answer.httpStatus}};
		return {kind: 'failed', check: failureCheck(answer, checkedAt)};
	});

	const asked = results.some(result => result.kind !== 'keep' && result.kind !== 'not-asked');
	const cache = !asked
		? before
		: await updateFacts(ctx.state(), cache => {
				jobs.forEach((job, index) => {
					const result = results[index]!;
					if (result.kind === 'keep' || result.kind === 'not-asked') return;
					if (job.kind === 'override') {
						const fingerprint = fingerprintOf(job.token.reveal());
						const previous = cache.overrides[fingerprint];
						cache.overrides[fingerprint] = {
							check: result.check,
							workspaceId: result.kind === 'identified' ? result.workspaceId : (previous?.workspaceId ?? null),
						};
						return;
					}
					const entry = ensureWorkspaceFacts(cache, scope.configDir, job.item.environment, job.item.workspaceId);
					entry.storedTokenId = tokenIdOf(job.item.token.reveal());
					entry.check = result.check;
					if (result.kind === 'listed') {
						entry.fetchedAt = result.check.checkedAt;
						entry.tokens = result.tokens;
						// Notion now says these are revoked itself.
						for (const fact of result.tokens) if (fact.revokedAt) delete entry.revoked[fact.id];
					}
				});
			});

	const rows = rowsOf(ctx, scope, cache, windowDays);
	jobs.forEach((job, index) => {
		const result = results[index]!;
		if (result.kind === 'not-asked' && job.kind === 'stored') rows[index] = {...rows[index]!, check: result.check};
	});
	return rows;
}

/** A 429 whose Retry-After has not passed yet: asking again now would only be refused. */
function stillWaiting(check: CheckResult, now: Date): boolean {
	if (check.outcome !== 'rate-limited' || check.retryAfterSeconds === undefined) return false;
	const at = parseInstant(check.checkedAt);
	return at !== null && now.getTime() < at.getTime() + check.retryAfterSeconds * 1000;
}

function failureCheck(failure: ApiFailure, checkedAt: string): CheckResult {
	const check: CheckResult = {outcome: failure.outcome, checkedAt, detail: failure.detail};
	if (failure.httpStatus !== undefined) check.httpStatus = failure.httpStatus;
	if (failure.retryAfterSeconds !== undefined) check.retryAfterSeconds = failure.retryAfterSeconds;
	return check;
}
