/**
 * Asking Notion about the tokens in scope and remembering what it says in the facts cache. Every
 * string Notion sends is taken as data; no token is ever sent anywhere but to Notion itself.
 */
import type {CoreContext} from '../context.js';
import {tokenIdOf} from '../ntn/token-format.js';
import {UNCHECKED, checkIsFor, ensureWorkspaceFacts, fingerprintOf, recordCheck, updateFacts, workspaceFacts} from '../own/facts.js';
import {parseInstant} from '../ops/expiry.js';
import {readOwn, readScope, rowsOf, type StoredToken, type TokenQuery} from '../ops/token-list.js';
import {NotionTokensError} from '../shared/errors.js';
import {mapLimit} from '../shared/map-limit.js';
import type {Secret} from '../shared/secret.js';
import type {CheckResult, TokenFact, TokenRow} from '../shared/types.js';
import {internalBaseUrl, publicBaseUrl, type ApiFailure, type NotionApi} from './api.js';
import {readSaved, type SavedRecord} from '../own/saved-meta.js';
import {readSavedToken, recordSavedCheck} from '../ops/saved-tokens.js';

type Job = {kind: 'stored'; item: StoredToken} | {kind: 'override'; token: Secret} | {kind: 'saved'; record: SavedRecord};

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
 * cache; an attempt that gets no definite answer keeps the facts and the last answer known and is
 * recorded beside them. After `query.signal` aborts nothing more is sent, answers still on their
 * way are not waited for, and what finished is kept. Never throws for network or HTTP problems.
 */
export async function refreshTokens(ctx: CoreContext, query: TokenQuery, api: NotionApi): Promise<TokenRow[]> {
	const scope = await readScope(ctx, query, undefined, {knowEveryToken: true});
	const {cache: before, windowDays} = await readOwn(ctx, query);
	const jobs: Job[] = scope.stored.map(item => ({kind: 'stored', item}));
	// Saved tokens are asked users/me, as NOTION_API_TOKEN is (an Admin API token is not a public-API token).
	for (const record of scope.saved) if (!record.admin) jobs.push({kind: 'saved', record});
	if (scope.override) jobs.push({kind: 'override', token: scope.override});
	// Resolve base URLs first: a malformed NOTION_API_BASE_URL is a usage error for the whole command.
	const publicBase = jobs.some(job => job.kind !== 'stored') ? publicBaseUrl(ctx.env) : '';
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

	// The whole refresh has a time limit: what has not finished by then is not reached (not a fact).
	const deadline = new AbortController();
	const timer = setTimeout(() => deadline.abort(notReachedText(ctx.refreshDeadlineMs)), ctx.refreshDeadlineMs);
	const {signal} = deadline;
	const notReached = (identity?: CheckResult['identity']): JobResult => ({
		kind: 'not-asked',
		check: {outcome: 'unchecked', checkedAt: null, detail: notReachedText(ctx.refreshDeadlineMs), ...(identity ? {identity} : {})},
	});

	const ask = async (job: Job): Promise<JobResult> => {
		if (job.kind === 'saved') {
			const token = await readSavedToken(ctx, job.record);
			if (token instanceof NotionTokensError) return {kind: 'not-asked', check: {outcome: 'unchecked', checkedAt: null, detail: token.message}};
			if (signal.aborted) return notReached();
			const answer = await api.usersMe(publicBase, token, {signal});
			if (answer.outcome === 'unchecked') return notReached();
			const checkedAt = ctx.clock.now().toISOString();
			if (answer.outcome === 'valid') {
				return {
					kind: 'identified',
					workspaceId: answer.workspaceId,
					check: {outcome: 'valid', checkedAt, httpStatus: answer.httpStatus, identity: answer.identity},
				};
			}
			return {kind: 'failed', check: failureCheck(answer, checkedAt)};
		}
		if (job.kind === 'override') {
			const previous = before.overrides[fingerprintOf(job.token.reveal())];
			if (previous?.attempt && stillWaiting(previous.attempt, ctx.clock.now())) return {kind: 'keep'};
			if (signal.aborted) return notReached(previous?.check.identity);
			const answer = await api.usersMe(publicBase, job.token, {signal});
			if (answer.outcome === 'unchecked') return notReached(previous?.check.identity);
			const checkedAt = ctx.clock.now().toISOString();
			if (answer.outcome === 'valid') {
				return {
					kind: 'identified',
					workspaceId: answer.workspaceId,
					check: {outcome: 'valid', checkedAt, httpStatus: answer.httpStatus, identity: answer.identity},
				};
			}
			const check = failureCheck(answer, checkedAt);
			// Whom it acted as stays known when Notion now refuses it.
			if (previous?.check.identity) check.identity = previous.check.identity;
			return {kind: 'failed', check};
		}
		const {item} = job;
		const base = bases.get(item.environment)!;
		if (base instanceof NotionTokensError) return {kind: 'not-asked', check: {outcome: 'unchecked', checkedAt: null, detail: base.message}};
		const facts = workspaceFacts(before, scope.configDir, item.environment, item.workspaceId);
		if (facts?.attempt && checkIsFor(facts, item.token.reveal(), tokenIdOf(item.token.reveal())) && stillWaiting(facts.attempt, ctx.clock.now())) {
			return {kind: 'keep'};
		}
		if (signal.aborted) return notReached();
		const answer = await api.listTokens(base, item.token, {signal});
		if (answer.outcome === 'unchecked') return notReached();
		const checkedAt = ctx.clock.now().toISOString();
		if (answer.outcome === 'valid') return {kind: 'listed', tokens: answer.tokens, check: {outcome: 'valid', checkedAt, httpStatus: answer.httpStatus}};
		return {kind: 'failed', check: failureCheck(answer, checkedAt)};
	};

	// Cancelling stops sending, stops the requests on their way, and keeps what finished.
	const {signal: cancel, onProgress} = query;
	const cancelled = new Promise<'cancelled'>(resolve => {
		const stop = () => {
			resolve('cancelled');
			deadline.abort('cancelled');
		};
		if (cancel?.aborted) stop();
		cancel?.addEventListener('abort', stop, {once: true});
	});
	let done = 0;
	onProgress?.(0, jobs.length);
	const results = await mapLimit(jobs, api.concurrency, async (job): Promise<JobResult> => {
		if (cancel?.aborted) return {kind: 'keep'};
		const result = await Promise.race([ask(job), cancelled]);
		if (result === 'cancelled') return {kind: 'keep'};
		onProgress?.(++done, jobs.length);
		return result;
	}).finally(() => clearTimeout(timer));

	await recordSavedCheck(
		ctx,
		jobs.flatMap((job, index) => {
			const result = results[index]!;
			if (job.kind !== 'saved' || (result.kind !== 'identified' && result.kind !== 'failed')) return [];
			const identity = result.kind === 'identified' && result.check.identity ? {...result.check.identity, workspaceId: result.workspaceId} : null;
			return [{label: job.record.label, check: result.check, identity}];
		}),
	);
	const savedAfter = scope.saved.length === 0 ? undefined : await readSaved(ctx.state());
	const asked = results.some((result, index) => jobs[index]!.kind !== 'saved' && result.kind !== 'keep' && result.kind !== 'not-asked');
	const cache = !asked
		? before
		: await updateFacts(ctx.state(), cache => {
				jobs.forEach((job, index) => {
					const result = results[index]!;
					if (result.kind === 'keep' || result.kind === 'not-asked' || job.kind === 'saved') return;
					if (job.kind === 'override') {
						const fingerprint = fingerprintOf(job.token.reveal());
						const previous = cache.overrides[fingerprint];
						const next = {
							check: previous?.check ?? UNCHECKED,
							attempt: previous?.attempt ?? null,
							workspaceId: result.kind === 'identified' ? result.workspaceId : (previous?.workspaceId ?? null),
						};
						recordCheck(next, result.check);
						cache.overrides[fingerprint] = next;
						return;
					}
					const entry = ensureWorkspaceFacts(cache, scope.configDir, job.item.environment, job.item.workspaceId);
					const token = job.item.token.reveal();
					const tokenId = tokenIdOf(token);
					// What was known about another token (before a new `ntn login`) is not this one's.
					if (!checkIsFor(entry, token, tokenId)) {
						entry.check = UNCHECKED;
						entry.attempt = null;
					}
					entry.storedTokenId = tokenId;
					entry.storedTokenFingerprint = fingerprintOf(token);
					recordCheck(entry, result.check);
					if (result.kind === 'listed') {
						entry.fetchedAt = result.check.checkedAt;
						entry.tokens = result.tokens;
						// Notion now says these are revoked itself.
						for (const fact of result.tokens) if (fact.revokedAt) delete entry.revoked[fact.id];
					}
				});
			});

	const rows = rowsOf(ctx, savedAfter ? {...scope, saved: scope.saved.map(record => savedAfter.tokens[record.label] ?? record)} : scope, cache, windowDays);
	jobs.forEach((job, index) => {
		const result = results[index]!;
		if (result.kind !== 'not-asked') return;
		const at =
			job.kind === 'stored'
				? rows.findIndex(row => row.source === 'stored' && row.environment === job.item.environment && row.workspaceId === job.item.workspaceId)
				: job.kind === 'saved'
					? rows.findIndex(row => row.source === 'saved' && row.label === job.record.label)
					: rows.findIndex(row => row.source === 'override');
		if (at < 0) return;
		// Never over what was known: beside it, as an attempt without an answer.
		const row = rows[at]!;
		rows[at] =
			row.check.outcome === 'unchecked' ? {...row, check: result.check} : {...row, lastAttempt: {...result.check, checkedAt: ctx.clock.now().toISOString()}};
	});
	return rows;
}

function notReachedText(deadlineMs: number): string {
	const limit = deadlineMs < 1000 ? `${deadlineMs} ms` : `${Math.round(deadlineMs / 1000)} s`;
	return `Not reached: a check stops after ${limit}, and Notion had not answered this one by then; the facts from before are kept.`;
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
