import {doesNotExpire, isGone, type CheckOutcome, type CheckResult, type TokenRow, type WorkspaceRow} from '../core/index.js';
import {ageText, attemptText, outcomeLabel as sharedOutcomeLabel, plural, symbols, unreadableLabel} from '../text/index.js';
import type {Tone} from './state/notice.js';

/** Short, calm wording for everything the screens show. Status always has a symbol and a word. */

export const shortId = (id: string): string => (id.length > 8 ? id.slice(0, 8) : id);

/** `2026-03-01` from an ISO date or date-time; other strings as they are. */
export function formatDate(iso: string | null): string {
	if (!iso) return symbols.dash;
	return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** The EXPIRES cell of a token: its date, `none` when it does not expire (as `tokens` says), else a dash. */
export const formatExpires = (row: TokenRow): string => (doesNotExpire(row) ? 'none' : formatDate(row.expiresAt));

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago` (the CLI's words too). */
export function formatAge(iso: string | null, now: Date): string {
	if (!iso) return 'never';
	return ageText(iso, now) ?? iso;
}

/** `expired 3 days ago`, `expires in under a day`, `expires in 5 days`. */
export function formatDaysLeft(daysLeft: number | null): string {
	if (daysLeft === null) return 'expiry unknown';
	if (daysLeft < -1) return `expired ${-daysLeft} days ago`;
	if (daysLeft === -1) return 'expired yesterday';
	if (daysLeft === 0) return 'expires in under a day';
	if (daysLeft === 1) return 'expires tomorrow';
	return `expires in ${daysLeft} days`;
}

export interface StatusLabel {
	readonly symbol: string;
	readonly text: string;
	readonly tone: Tone | 'muted';
}

/** The mark, words and tone of a check outcome, as the CLI shows them too. */
export const outcomeLabel = (outcome: CheckOutcome): StatusLabel => sharedOutcomeLabel(outcome);

export {attemptText};

/** The check outcome with its particulars: HTTP status, retry time. */
export function checkText(check: CheckResult): string {
	const label = outcomeLabel(check.outcome);
	const parts = [`${label.symbol} ${label.text}`];
	if (check.outcome === 'rate-limited' && check.retryAfterSeconds !== undefined) parts.push(`retry in ${check.retryAfterSeconds} s`);
	if (check.httpStatus !== undefined && check.outcome !== 'valid') parts.push(`HTTP ${check.httpStatus}`);
	if (check.detail) parts.push(check.detail);
	return parts.join(', ');
}

/**
 * One status for a token row: a saved token that cannot be read first, then revoked/expired, then Notion's last definite answer, then the
 * expiry. A failed attempt shows only when nothing was known before it.
 */
export function tokenStatus(row: TokenRow): StatusLabel {
	// A saved token its store cannot give is of no use, whatever Notion said of it before.
	if (row.unreadable) return unreadableLabel(row.unreadable);
	if (row.expiry === 'revoked') return {symbol: symbols.fail, text: 'revoked', tone: 'error'};
	if (row.expiry === 'expired') return {symbol: symbols.fail, text: 'expired', tone: 'error'};
	if (row.check.outcome === 'invalid') return {symbol: symbols.fail, text: 'rejected', tone: 'error'};
	if (row.check.outcome === 'forbidden') return outcomeLabel('forbidden');
	if (row.check.outcome === 'unchecked' && row.lastAttempt) return outcomeLabel(row.lastAttempt.outcome);
	if ((row.expiry === 'within-7-days' || row.expiry === 'within-window') && row.daysLeft !== null) {
		return {symbol: symbols.warn, text: row.daysLeft === 0 ? 'under a day left' : `${plural(row.daysLeft, 'day')} left`, tone: 'warning'};
	}
	return outcomeLabel(row.check.outcome);
}

/**
 * The TOKEN cell of a workspace: present, missing or unknown; a present token Notion rejected,
 * revoked or expired says so (never ✓ beside a ✗; a 403 is no access, not a broken token). `facts` is the token's row, used only when it
 * is the same token (same masked form and id).
 */
export function tokenPresence(row: WorkspaceRow, facts?: TokenRow): StatusLabel {
	switch (row.token.state) {
		case 'present': {
			const same = facts && facts.masked === row.token.masked && facts.tokenId === row.token.tokenId;
			// Read defensively: this screen must draw even when the token rows are broken.
			if (same && (facts.expiry === 'revoked' || facts.expiry === 'expired' || facts.check?.outcome === 'invalid')) return tokenStatus(facts);
			return {symbol: symbols.ok, text: 'token', tone: 'success'};
		}
		case 'missing':
			return {symbol: symbols.fail, text: 'missing', tone: 'error'};
		case 'unknown':
			return {symbol: '?', text: 'unknown', tone: 'warning'};
	}
}

/** What the user should do about an expired or expiring token, in one sentence. */
export function expiryAdvice(row: TokenRow): string {
	const workspace = row.workspaceName ?? row.workspaceId ?? 'the workspace';
	const login = `\`NOTION_ENV=${row.environment ?? 'prod'} ntn login\``;
	const gone = isGone(row);
	if (row.source === 'listed') {
		return gone
			? `Notion lists it as ${row.expiry}: nothing can use it any more; revoke it (x) to clear it from the list.`
			: 'Before it expires: make a replacement where it is used (`ntn tokens create`), then revoke this one (x).';
	}
	if (row.source === 'saved') {
		const how =
			row.saved?.kind === 'connection'
				? "refresh the connection's token on its Configuration tab in the Developer portal"
				: 'create a new token in the Developer portal (notion.so/developers/tokens)';
		return `${gone ? 'It no longer works' : 'Before it expires'}: ${how}, then press R to rotate "${row.label ?? ''}" (or \`notion-tokens rotate ${row.label ?? '<label>'}\`).`;
	}
	if (row.source === 'override') {
		return gone
			? 'Create a new token (`ntn tokens create`), put it in NOTION_API_TOKEN, then revoke the old one.'
			: 'Before it expires: create a new token (`ntn tokens create`), put it in NOTION_API_TOKEN, then revoke this one.';
	}
	return gone
		? `Log in again: run ${login} and pick ${workspace}; then revoke the old token if Notion still lists it.`
		: `Before it expires: run ${login}, pick ${workspace} for a new token, then revoke this one (x in its details).`;
}

/** The short form of the advice, for the list. */
export const expiryAction = (row: TokenRow): string =>
	row.source === 'override'
		? 'new token'
		: row.source === 'saved'
			? 'rotate (R)'
			: row.source === 'listed'
				? row.expiry === 'expired'
					? 'revoke (x)'
					: 'replace'
				: 'log in again';

/** Why a token's expiry is not known, in a few words (`no dates from Notion`). */
export function unknownReason(row: TokenRow): string {
	if (row.check.outcome === 'forbidden') return `no access (${row.check.httpStatus ?? 403})`;
	if (row.check.outcome === 'unchecked') return row.lastAttempt ? 'Notion not reached' : 'never checked';
	return 'no dates from Notion';
}

/** What to do to learn a token's expiry, in one sentence. */
export function unknownAdvice(row: TokenRow): string {
	const own = row.source === 'saved' ? ', or set the date you know with E' : '';
	if (row.check.outcome === 'forbidden') {
		return `Notion gives no dates for a token without access (${row.check.httpStatus ?? 403}): see its expiry in the Developer portal (notion.so/developers/tokens)${own}.`;
	}
	if (row.check.outcome === 'unchecked') {
		return row.lastAttempt
			? `Notion could not be reached when last asked: press r to ask again${own}.`
			: `Never checked: press r to ask Notion for its dates${own}.`;
	}
	return `Notion gave no dates for this token: press r to ask again, or see its expiry in the Developer portal (notion.so/developers/tokens)${own}.`;
}
