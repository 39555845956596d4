/**
 * The tokens Notion lists for a logged-in workspace (workersListTokens), each as a row of its own
 * (`source: "listed"`): its dates, its expiry, and the stored token whose list showed it. Pure.
 */
import {resolveExpiry} from './expiry.js';
import {UNCHECKED} from '../own/facts.js';
import type {TokenRow} from '../shared/types.js';

/** Rows for the other tokens of the stored rows' workspaces, each token once (by environment, workspace and id). */
export function listedRows(stored: readonly TokenRow[], now: Date, windowDays: number): TokenRow[] {
	const seen = new Set<string>();
	const rows: TokenRow[] = [];
	for (const row of stored) {
		for (const fact of row.otherTokens) {
			const key = `${row.environment}\u0000${row.workspaceId}\u0000${fact.id}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const resolved = resolveExpiry(fact, now, windowDays);
			rows.push({
				source: 'listed',
				environment: row.environment,
				workspaceId: row.workspaceId,
				workspaceName: row.workspaceName,
				storage: 'notion',
				// Notion lists a token's id and dates, never the token.
				masked: '',
				tokenId: fact.id,
				tokenName: fact.name ? fact.name : null,
				issuedAt: fact.issuedAt,
				expiresAt: resolved.expiresAt,
				expiryComputed: resolved.expiryComputed,
				expiry: resolved.expiry,
				daysLeft: resolved.daysLeft,
				check: UNCHECKED,
				lastAttempt: null,
				factsFetchedAt: row.factsFetchedAt,
				otherTokens: [],
			});
		}
	}
	return rows;
}
