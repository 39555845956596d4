import type {CheckOutcome, CheckResult, TokenRow, WorkspaceRow} from '../core/index.js';
import type {Tone} from './state/notice.js';

/** Short, calm wording for everything the screens show. Status always has a symbol and a word. */

export const shortId = (id: string): string => (id.length > 8 ? id.slice(0, 8) : id);

/** `2026-03-01` from an ISO date or date-time; other strings as they are. */
export function formatDate(iso: string | null): string {
	if (!iso) return '—';
	return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function formatAge(iso: string | null, now: Date): string {
	if (!iso) return 'never';
	const then = Date.parse(iso);
	if (Number.isNaN(then)) return iso;
	const seconds = Math.max(0, Math.round((now.getTime() - then) / 1000));
	if (seconds < 60) return 'just now';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.round(minutes / 60);
	if (hours < 48) return `${hours} h ago`;
	return `${Math.round(hours / 24)} days ago`;
}

/** `expired 3 days ago`, `expires today`, `in 5 days`. */
export function formatDaysLeft(daysLeft: number | null): string {
	if (daysLeft === null) return 'expiry unknown';
	if (daysLeft < -1) return `expired ${-daysLeft} days ago`;
	if (daysLeft === -1) return 'expired yesterday';
	if (daysLeft === 0) return 'expires today';
	if (daysLeft === 1) return 'expires tomorrow';
	return `expires in ${daysLeft} days`;
}

export interface StatusLabel {
	readonly symbol: string;
	readonly text: string;
	readonly tone: Tone | 'muted';
}

const OUTCOMES: Record<CheckOutcome, StatusLabel> = {
	valid: {symbol: '✓', text: 'valid', tone: 'success'},
	invalid: {symbol: '✗', text: 'invalid or revoked', tone: 'error'},
	forbidden: {symbol: '⊘', text: 'no access', tone: 'error'},
	'rate-limited': {symbol: '⧗', text: 'rate-limited', tone: 'warning'},
	'server-error': {symbol: '!', text: 'server error', tone: 'warning'},
	offline: {symbol: '~', text: 'offline', tone: 'warning'},
	timeout: {symbol: '~', text: 'timed out', tone: 'warning'},
	malformed: {symbol: '?', text: 'unexpected reply', tone: 'warning'},
	unchecked: {symbol: '·', text: 'not checked', tone: 'muted'},
};

export const outcomeLabel = (outcome: CheckOutcome): StatusLabel => OUTCOMES[outcome];

/** The check outcome with its particulars: HTTP status, retry time. */
export function checkText(check: CheckResult): string {
	const label = outcomeLabel(check.outcome);
	const parts = [`${label.symbol} ${label.text}`];
	if (check.outcome === 'rate-limited' && check.retryAfterSeconds !== undefined) parts.push(`retry in ${check.retryAfterSeconds} s`);
	if (check.httpStatus !== undefined && check.outcome !== 'valid') parts.push(`HTTP ${check.httpStatus}`);
	if (check.detail) parts.push(check.detail);
	return parts.join(', ');
}

/** One status for a token row: revoked/expired first, then a failed check, then the expiry. */
export function tokenStatus(row: TokenRow): StatusLabel {
	if (row.expiry === 'revoked') return {symbol: '✗', text: 'revoked', tone: 'error'};
	if (row.expiry === 'expired') return {symbol: '✗', text: 'expired', tone: 'error'};
	if (row.check.outcome !== 'valid' && row.check.outcome !== 'unchecked') {
		const label = outcomeLabel(row.check.outcome);
		return row.check.outcome === 'invalid' ? {...label, text: 'invalid'} : label;
	}
	if ((row.expiry === 'within-7-days' || row.expiry === 'within-window') && row.daysLeft !== null) {
		return {symbol: '⚠', text: row.daysLeft === 0 ? 'expires today' : `${row.daysLeft} day${row.daysLeft === 1 ? '' : 's'} left`, tone: 'warning'};
	}
	return outcomeLabel(row.check.outcome);
}

export function tokenPresence(row: WorkspaceRow): StatusLabel {
	switch (row.token.state) {
		case 'present':
			return {symbol: '✓', text: 'token', tone: 'success'};
		case 'missing':
			return {symbol: '✗', text: 'missing', tone: 'error'};
		case 'unknown':
			return {symbol: '?', text: 'unknown', tone: 'warning'};
	}
}

/** What the user should do about an expired or expiring token, in one sentence. */
export function expiryAdvice(row: TokenRow): string {
	const workspace = row.workspaceName ?? row.workspaceId ?? 'the workspace';
	const login = `\`NOTION_ENV=${row.environment ?? 'prod'} ntn login\``;
	const gone = row.expiry === 'expired' || row.expiry === 'revoked';
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
export const expiryAction = (row: TokenRow): string => (row.source === 'override' ? 'new token' : 'log in again');
