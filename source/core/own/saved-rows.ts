/** A saved token as a row of the one inventory (`tokens`, `check`, `expiring`, the screens). Pure. */
import {resolveExpiry} from '../ops/expiry.js';
import {isUnused} from '../ops/saved-tokens.js';
import type {TokenRow} from '../shared/types.js';
import type {SavedToken} from './saved-types.js';

export function savedRow(token: SavedToken, now: Date, windowDays: number): TokenRow {
	// A saved token's expiry is only what the person gave: no "issued + 1 year" guess.
	const resolved = resolveExpiry({issuedAt: null, expiresAt: token.expiresAt, revokedAt: null}, now, windowDays);
	return {
		source: 'saved',
		environment: null,
		workspaceId: token.identity?.workspaceId ?? null,
		workspaceName: token.identity?.workspaceName ?? null,
		storage: token.storage,
		masked: token.masked,
		tokenId: null,
		tokenName: null,
		issuedAt: token.createdAt,
		expiresAt: resolved.expiresAt,
		expiryComputed: false,
		expiry: resolved.expiry,
		daysLeft: resolved.daysLeft,
		check: token.check,
		lastAttempt: token.attempt,
		factsFetchedAt: null,
		otherTokens: [],
		label: token.label,
		saved: token,
		unused: isUnused(token, now),
	};
}
