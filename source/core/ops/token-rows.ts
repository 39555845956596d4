/**
 * Turns a token and the facts cached for it into a `TokenRow`: its own entry in its workspace's
 * list (matched by the token id that the token string carries, ntn-compat §10), the expiry that
 * follows from the dates, the last check, and the workspace's other tokens. Pure: no I/O.
 */
import {resolveExpiry} from './expiry.js';
import {UNCHECKED, checkIsFor, withRevocation, type FactsCache, type OverrideFacts, type WorkspaceFacts} from '../own/facts.js';
import type {Secret} from '../shared/secret.js';
import {tokenIdOf} from '../ntn/token-format.js';
import type {CheckResult, TokenFact, TokenRow} from '../shared/types.js';

export type RowPlace = Pick<TokenRow, 'source' | 'environment' | 'workspaceId' | 'workspaceName' | 'storage'>;

/** A stored token's row. `facts` is the cache entry of its workspace, when there is one. */
export function storedRow(token: Secret, place: RowPlace, facts: WorkspaceFacts | undefined, now: Date, windowDays: number): TokenRow {
	const tokenId = tokenIdOf(token.reveal());
	const listed = facts ? facts.tokens.map(fact => withRevocation(fact, facts)) : [];
	let own = tokenId === null ? undefined : listed.find(fact => fact.id === tokenId);
	// A token revoked through notion-tokens that Notion's list did not show.
	if (!own && tokenId !== null && facts?.revoked[tokenId]) {
		own = {id: tokenId, name: '', issuedAt: null, expiresAt: null, revokedAt: facts.revoked[tokenId]};
	}
	// The check belongs to the token it was made with: after a new `ntn login` it no longer applies.
	const mine = facts !== undefined && checkIsFor(facts, token.reveal(), tokenId);
	return makeRow(token, place, {
		tokenId,
		own,
		check: mine ? facts.check : UNCHECKED,
		lastAttempt: mine ? facts.attempt : null,
		factsFetchedAt: facts?.fetchedAt ?? null,
		otherTokens: listed.filter(fact => fact.id !== tokenId),
		now,
		windowDays,
	});
}

/**
 * NOTION_API_TOKEN's row: its last check (with whom it acts as) and, when it is a token that a
 * cached workspace list shows, that entry's dates.
 */
export function overrideRow(
	token: Secret,
	place: RowPlace,
	facts: OverrideFacts | undefined,
	cache: FactsCache,
	configDir: string | null,
	now: Date,
	windowDays: number,
): TokenRow {
	const tokenId = tokenIdOf(token.reveal());
	const found = tokenId === null || configDir === null ? undefined : findListed(cache, configDir, tokenId);
	const identity = facts?.check.identity;
	return makeRow(
		token,
		{...place, workspaceName: place.workspaceName ?? identity?.workspaceName ?? null},
		{
			tokenId,
			own: found?.fact,
			check: facts?.check ?? UNCHECKED,
			lastAttempt: facts?.attempt ?? null,
			factsFetchedAt: found?.fetchedAt ?? null,
			otherTokens: [],
			now,
			windowDays,
		},
	);
}

function findListed(cache: FactsCache, configDir: string, tokenId: string): {fact: TokenFact; fetchedAt: string | null} | undefined {
	for (const workspaces of Object.values(cache.workspaces[configDir] ?? {})) {
		for (const facts of Object.values(workspaces)) {
			const fact = facts.tokens.find(candidate => candidate.id === tokenId);
			if (fact) return {fact: withRevocation(fact, facts), fetchedAt: facts.fetchedAt};
		}
	}
	return undefined;
}

interface RowFacts {
	tokenId: string | null;
	own: TokenFact | undefined;
	check: CheckResult;
	lastAttempt: CheckResult | null;
	factsFetchedAt: string | null;
	otherTokens: TokenFact[];
	now: Date;
	windowDays: number;
}

function makeRow(token: Secret, place: RowPlace, facts: RowFacts): TokenRow {
	const {own} = facts;
	const dates = {issuedAt: own?.issuedAt ?? null, expiresAt: own?.expiresAt ?? null, revokedAt: own?.revokedAt ?? null};
	const resolved = resolveExpiry(dates, facts.now, facts.windowDays);
	return {
		source: place.source,
		environment: place.environment,
		workspaceId: place.workspaceId,
		workspaceName: place.workspaceName,
		storage: place.storage,
		masked: token.masked,
		tokenId: facts.tokenId,
		tokenName: own?.name ? own.name : null,
		issuedAt: dates.issuedAt,
		expiresAt: resolved.expiresAt,
		expiryComputed: resolved.expiryComputed,
		expiry: resolved.expiry,
		daysLeft: resolved.daysLeft,
		check: facts.check,
		lastAttempt: facts.lastAttempt,
		factsFetchedAt: facts.factsFetchedAt,
		otherTokens: facts.otherTokens,
	};
}
