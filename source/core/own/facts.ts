/**
 * Facts learnt from Notion, remembered in notion-tokens' own state (key `tokenFacts`) so that the
 * token list and the expiry warnings work offline. Only non-secret facts are kept: token ids,
 * names, dates, the last check and when it happened. Never a token.
 *
 * Shape (version 1):
 *
 *     tokenFacts: {
 *       version: 1,
 *       workspaces: {<ntn config dir>: {<environment>: {<workspace id>: WorkspaceFacts}}},
 *       overrides: {<fingerprint of NOTION_API_TOKEN>: OverrideFacts}
 *     }
 *
 * Workspaces are keyed by config dir and environment too: one workspace id can be cached in two
 * environments, or in two config dirs. NOTION_API_TOKEN's last check is keyed by a fingerprint (the
 * first 16 hex digits of its SHA-256), from which the token cannot be recovered. A workspace's check
 * is kept with the fingerprint of the stored token it was made with, so that a new token (after
 * `ntn login` again) never inherits the old one's answer.
 *
 * `check` is Notion's last definite answer (valid, invalid, forbidden); `attempt` the last try that
 * got none (offline, timeout, 429, 5xx, unexpected answer), kept beside it, never over it.
 */
import {crypto} from '../shared/lazy-crypto.js';
import {createStateStore, type StateStore} from './state.js';
import {DEFINITE_OUTCOMES, type CheckOutcome, type CheckResult, type TokenFact} from '../shared/types.js';
import {isRecord, stringOrNull} from '../shared/values.js';

export const FACTS_KEY = 'tokenFacts';

export interface WorkspaceFacts {
	/** When Notion last listed the workspace's tokens (null: never). */
	fetchedAt: string | null;
	/** The id of the stored token the facts were fetched with (the check belongs to it). */
	storedTokenId: string | null;
	/** The fingerprint of that stored token (null in state written before fingerprints were kept). */
	storedTokenFingerprint: string | null;
	/** The workspace's tokens as Notion last listed them. */
	tokens: TokenFact[];
	/** Notion's last definite answer about the stored token. */
	check: CheckResult;
	/** The last attempt that got no definite answer, when it came after `check`. */
	attempt: CheckResult | null;
	/** Tokens revoked through notion-tokens: revokedAt by token id. */
	revoked: Record<string, string>;
}

export interface OverrideFacts {
	check: CheckResult;
	attempt: CheckResult | null;
	/** The workspace the token acts in, as Notion said. */
	workspaceId: string | null;
}

export interface FactsCache {
	version: 1;
	workspaces: Record<string, Record<string, Record<string, WorkspaceFacts>>>;
	overrides: Record<string, OverrideFacts>;
}

/** How many NOTION_API_TOKEN checks are remembered (the most recent ones). */
const MAX_OVERRIDES = 20;

export const UNCHECKED: CheckResult = {outcome: 'unchecked', checkedAt: null};

export const emptyCache = (): FactsCache => ({version: 1, workspaces: {}, overrides: {}});

export const emptyWorkspaceFacts = (): WorkspaceFacts => ({
	fetchedAt: null,
	storedTokenId: null,
	storedTokenFingerprint: null,
	tokens: [],
	check: UNCHECKED,
	attempt: null,
	revoked: {},
});

export const isDefinite = (check: CheckResult): boolean => DEFINITE_OUTCOMES.includes(check.outcome);

/**
 * Whether a workspace's check was made with this stored token: by fingerprint, or by the token id
 * in state written before fingerprints were kept (never for a token without an id).
 */
export function checkIsFor(facts: WorkspaceFacts, token: string, tokenId: string | null): boolean {
	if (facts.storedTokenFingerprint !== null) return facts.storedTokenFingerprint === fingerprintOf(token);
	return tokenId !== null && facts.storedTokenId === tokenId;
}

/** The check and failed attempt that one answer, the first about a token, gives. */
export function checkPairOf(result: CheckResult): {check: CheckResult; attempt: CheckResult | null} {
	const pair: {check: CheckResult; attempt: CheckResult | null} = {check: UNCHECKED, attempt: null};
	if (result.outcome !== 'unchecked') recordCheck(pair, result);
	return pair;
}

/**
 * Records one answer about a token: a definite one replaces the check (and clears the failed
 * attempt); any other is kept beside the check, which stays as it was.
 */
export function recordCheck(facts: {check: CheckResult; attempt: CheckResult | null}, result: CheckResult): void {
	if (isDefinite(result)) {
		facts.check = result;
		facts.attempt = null;
	} else facts.attempt = result;
}

/** A one-way fingerprint of a token, to recognise NOTION_API_TOKEN again. */
export const fingerprintOf = (token: string): string => crypto().createHash('sha256').update(token).digest('hex').slice(0, 16);

export async function readFacts(store: StateStore): Promise<FactsCache> {
	return factsIn(await store.read());
}

/** The facts in a state already read. */
export const factsIn = (state: Record<string, unknown>): FactsCache => sanitizeCache(state[FACTS_KEY]);

/**
 * The workspaces of one config dir (and environment, unless undefined) whose last definite answer
 * was a 401, with their facts, from a state already read. Only those workspaces' facts are
 * sanitized: the others' checks are looked at, nothing more.
 */
export function rejectedIn(
	state: Record<string, unknown>,
	configDir: string,
	environment: string | undefined,
): Array<{environment: string; workspaceId: string; facts: WorkspaceFacts}> {
	const cache = state[FACTS_KEY];
	if (!isRecord(cache) || cache.version !== 1 || !isRecord(cache.workspaces)) return [];
	const environments = cache.workspaces[configDir];
	if (!isRecord(environments)) return [];
	const found: Array<{environment: string; workspaceId: string; facts: WorkspaceFacts}> = [];
	for (const [env, workspaces] of Object.entries(environments)) {
		if ((environment !== undefined && env !== environment) || !isRecord(workspaces)) continue;
		for (const workspaceId in workspaces) {
			const raw = workspaces[workspaceId];
			if (!isRecord(raw) || checkPair(raw).check.outcome !== 'invalid') continue;
			found.push({environment: env, workspaceId, facts: sanitizeWorkspaceFacts(raw)!});
		}
	}
	return found;
}

/** One read-modify-write of the cache; `change` edits the (sanitized) cache in place. */
export async function updateFacts(store: StateStore, change: (cache: FactsCache) => void): Promise<FactsCache> {
	return store.update<unknown>(FACTS_KEY, current => {
		const cache = sanitizeCache(current);
		change(cache);
		pruneOverrides(cache);
		return cache;
	}) as Promise<FactsCache>;
}

export function workspaceFacts(cache: FactsCache, configDir: string, environment: string, workspaceId: string): WorkspaceFacts | undefined {
	return cache.workspaces[configDir]?.[environment]?.[workspaceId];
}

/** The entry for a workspace, created when missing. */
export function ensureWorkspaceFacts(cache: FactsCache, configDir: string, environment: string, workspaceId: string): WorkspaceFacts {
	const environments = (cache.workspaces[configDir] ??= {});
	const workspaces = (environments[environment] ??= {});
	return (workspaces[workspaceId] ??= emptyWorkspaceFacts());
}

/** A fact with what notion-tokens itself knows about revocation merged in. */
export function withRevocation(fact: TokenFact, facts: WorkspaceFacts): TokenFact {
	const revokedAt = fact.revokedAt ?? facts.revoked[fact.id] ?? null;
	return revokedAt === fact.revokedAt ? fact : {...fact, revokedAt};
}

export interface SeedFact {
	workspaceId: string;
	environment: string;
	/** The id of the stored token. */
	tokenId: string;
	/** `fingerprintOf` the stored token, when known. */
	tokenFingerprint?: string;
	fetchedAt: string;
	tokens: TokenFact[];
	check: CheckResult;
}

/**
 * Writes facts into the state in `stateDir` as if they had been fetched from Notion, for the demo:
 * it opens offline with dates, checks and their age.
 */
export async function seedFacts(stateDir: string, configDir: string, seeds: readonly SeedFact[]): Promise<void> {
	await updateFacts(createStateStore(stateDir), cache => {
		for (const seed of seeds) {
			const entry = ensureWorkspaceFacts(cache, configDir, seed.environment, seed.workspaceId);
			entry.fetchedAt = seed.fetchedAt;
			entry.storedTokenId = seed.tokenId;
			entry.storedTokenFingerprint = seed.tokenFingerprint ?? null;
			entry.tokens = seed.tokens.map(fact => ({...fact}));
			recordCheck(entry, {...seed.check});
		}
	});
}

// ---- Reading what is on disk defensively: the state file can be edited by hand ----

const OUTCOMES: readonly CheckOutcome[] = ['valid', 'invalid', 'forbidden', 'rate-limited', 'server-error', 'offline', 'timeout', 'malformed', 'unchecked'];

function sanitizeCache(value: unknown): FactsCache {
	const cache = emptyCache();
	if (!isRecord(value) || value.version !== 1) return cache;
	for (const [dir, environments] of Object.entries(isRecord(value.workspaces) ? value.workspaces : {})) {
		if (!isRecord(environments)) continue;
		for (const [environment, workspaces] of Object.entries(environments)) {
			if (!isRecord(workspaces)) continue;
			for (const id in workspaces) {
				const clean = sanitizeWorkspaceFacts(workspaces[id]);
				if (clean) ((cache.workspaces[dir] ??= {})[environment] ??= {})[id] = clean;
			}
		}
	}
	for (const [fingerprint, facts] of Object.entries(isRecord(value.overrides) ? value.overrides : {})) {
		if (!isRecord(facts)) continue;
		cache.overrides[fingerprint] = {...checkPair(facts), workspaceId: stringOrNull(facts.workspaceId)};
	}
	return cache;
}

function sanitizeWorkspaceFacts(value: unknown): WorkspaceFacts | undefined {
	if (!isRecord(value)) return undefined;
	const tokens: TokenFact[] = [];
	if (Array.isArray(value.tokens)) {
		for (const fact of value.tokens) {
			const clean = sanitizeFact(fact);
			if (clean) tokens.push(clean);
		}
	}
	const revoked: Record<string, string> = {};
	if (isRecord(value.revoked)) for (const id in value.revoked) if (typeof value.revoked[id] === 'string') revoked[id] = value.revoked[id];
	return {
		fetchedAt: stringOrNull(value.fetchedAt),
		storedTokenId: stringOrNull(value.storedTokenId),
		storedTokenFingerprint: stringOrNull(value.storedTokenFingerprint),
		tokens,
		...checkPair(value),
		revoked,
	};
}

/** The check and the failed attempt; a failure stored as the check (older state) becomes the attempt. */
function checkPair(value: Record<string, unknown>): {check: CheckResult; attempt: CheckResult | null} {
	const check = sanitizeCheck(value.check);
	const attempt = value.attempt === null || value.attempt === undefined ? null : sanitizeCheck(value.attempt);
	const pair = {check: UNCHECKED, attempt: null as CheckResult | null};
	if (check.outcome !== 'unchecked') recordCheck(pair, check);
	if (attempt && attempt.outcome !== 'unchecked' && !isDefinite(attempt)) pair.attempt = attempt;
	return pair;
}

function sanitizeFact(value: unknown): TokenFact | undefined {
	if (!isRecord(value) || typeof value.id !== 'string') return undefined;
	return {
		id: value.id,
		name: typeof value.name === 'string' ? value.name : '',
		issuedAt: stringOrNull(value.issuedAt),
		expiresAt: stringOrNull(value.expiresAt),
		revokedAt: stringOrNull(value.revokedAt),
	};
}

function sanitizeCheck(value: unknown): CheckResult {
	if (!isRecord(value) || !OUTCOMES.includes(value.outcome as CheckOutcome)) return UNCHECKED;
	const check: CheckResult = {outcome: value.outcome as CheckOutcome, checkedAt: stringOrNull(value.checkedAt)};
	if (typeof value.httpStatus === 'number') check.httpStatus = value.httpStatus;
	if (typeof value.retryAfterSeconds === 'number') check.retryAfterSeconds = value.retryAfterSeconds;
	if (typeof value.detail === 'string') check.detail = value.detail;
	const identity = value.identity;
	if (isRecord(identity) && (identity.kind === 'person' || identity.kind === 'bot')) {
		check.identity = {kind: identity.kind, name: stringOrNull(identity.name), workspaceName: stringOrNull(identity.workspaceName)};
	}
	return check;
}

function pruneOverrides(cache: FactsCache): void {
	const entries = Object.entries(cache.overrides);
	if (entries.length <= MAX_OVERRIDES) return;
	entries.sort(([, a], [, b]) => (b.check.checkedAt ?? '').localeCompare(a.check.checkedAt ?? ''));
	cache.overrides = Object.fromEntries(entries.slice(0, MAX_OVERRIDES));
}
