/**
 * Words and JSON for token facts, shared by `tokens`, `check`, `expiring` and `revoke`: dates as
 * YYYY-MM-DD (UTC) with "in N days" / "N days ago", the age of facts ("checked 3 h ago"), check
 * outcomes in words, and the stable JSON shape of a token. Nothing here ever sees a token, only
 * its masked form.
 */
import type {CheckOutcome, CheckResult, DateSource, NotionTokensCore, SavedIdentity, SavedKind, TokenFact, TokenRow} from '../../core/index.js';
import {doesNotExpire, parseInstant, resolveExpiry} from '../../core/index.js';
import {ageText as age, attemptText, outcomeLabel, relativeDays, symbols, unreadableLabel} from '../../text/index.js';
import type {Style} from '../style.js';

export {relativeDays};

/** The core's clock, so that ages agree with the core's dates. */
export const nowOf = (core: NotionTokensCore): Date => core.now();

/** YYYY-MM-DD in UTC; an unreadable date is shown as it is. */
export function ymd(iso: string): string {
	const date = parseInstant(iso);
	return date ? date.toISOString().slice(0, 10) : iso;
}

type Dated = Pick<TokenRow, 'expiry' | 'expiresAt' | 'expiryComputed' | 'daysLeft'> & Partial<Pick<TokenRow, 'source' | 'check' | 'saved'>>;

/**
 * `2026-03-15 (in 4 days)`, `2026-02-04 (35 days ago)`, `revoked`, `unknown`; `*` marks a computed
 * date. A token that does not expire (an internal connection's, an Admin API token): `none`; another
 * saved token without a date: `unknown — set it`.
 */
export function expiryText(row: Dated): string {
	if (row.expiry === 'revoked') return 'revoked';
	// A listed token (no source or check given) is never one of these.
	if (row.source && row.check && doesNotExpire({...row, source: row.source, check: row.check})) return 'none';
	if (row.expiresAt === null || row.daysLeft === null || row.expiry === 'unknown') return row.saved ? `unknown ${symbols.dash} set it` : 'unknown';
	return `${ymd(row.expiresAt)}${row.expiryComputed ? '*' : ''} (${relativeDays(row.daysLeft, row.expiry === 'expired')})`;
}

/** Why a token needs attention: `rejected by Notion (401)`, else its expiry as in expiryText. */
export function attentionText(row: Dated & Pick<TokenRow, 'check'>): string {
	if (row.expiry !== 'revoked' && row.check.outcome === 'invalid') return `rejected by Notion (${row.check.httpStatus ?? 401})`;
	return expiryText(row);
}

export const COMPUTED_NOTE = "* computed: issued + 1 year (Notion's lifetime for personal access tokens)";

export function colorExpiry(style: Style, row: Pick<TokenRow, 'expiry'> & {check?: CheckResult}, text: string): string {
	if (row.expiry === 'expired' || row.expiry === 'revoked' || row.expiry === 'within-7-days' || row.check?.outcome === 'invalid') return style.red(text);
	if (row.expiry === 'within-window') return style.yellow(text);
	return text;
}

/** A token from a workspace's list, with the expiry that follows from its dates. */
export function factExpiry(fact: TokenFact, now: Date, windowDays: number): Dated {
	return resolveExpiry(fact, now, windowDays);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" (the UI's words too). */
export const ageText = (iso: string | null, now: Date): string | null => age(iso, now);

/** "checked 3 h ago" or "never checked". */
export function checkedText(iso: string | null, now: Date): string {
	const age = ageText(iso, now);
	return age ? `checked ${age}` : 'never checked';
}

/** "✓ valid", "✗ invalid or revoked (401)", "⧗ rate-limited (429, retry after 120 s)" (the UI's words too). */
export function outcomeText(check: CheckResult): string {
	const notes: string[] = [];
	if (check.httpStatus !== undefined && check.outcome !== 'valid') notes.push(String(check.httpStatus));
	if (check.retryAfterSeconds !== undefined) notes.push(`retry after ${check.retryAfterSeconds} s`);
	const label = outcomeLabel(check.outcome);
	return `${label.symbol} ${label.text}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

export function colorOutcome(style: Style, check: CheckResult, text: string): string {
	switch (check.outcome) {
		case 'valid':
			return style.green(text);
		case 'invalid':
		case 'forbidden':
			return style.red(text);
		case 'unchecked':
			return style.dim(text);
		default:
			return style.yellow(text);
	}
}

/** `✓ valid · 3 h ago` or `never checked`; a later failed attempt is said beside it; a saved token its store cannot give: `✗ token unreadable` or `✗ token missing`. */
export function checkCell(row: Pick<TokenRow, 'check' | 'lastAttempt' | 'unreadable'>, now: Date): string {
	if (row.unreadable) {
		const label = unreadableLabel(row.unreadable);
		return `${label.symbol} ${label.text}`;
	}
	const {check} = row;
	const known =
		check.outcome === 'unchecked' || check.checkedAt === null
			? 'never checked'
			: `${outcomeText(check)} ${symbols.dot} ${ageText(check.checkedAt, now) ?? 'never'}`;
	return row.lastAttempt ? `${known}; ${attemptText(row.lastAttempt, now)}` : known;
}

export {attemptText};

/** "could not reach Notion just now; last checked 3 h ago: ✓ valid". */
export function attemptSentence(row: Pick<TokenRow, 'check' | 'lastAttempt'>, now: Date): string | null {
	if (!row.lastAttempt) return null;
	const {check} = row;
	const known =
		check.outcome === 'unchecked' || check.checkedAt === null
			? 'no answer from Notion before'
			: `last checked ${ageText(check.checkedAt, now) ?? '?'}: ${outcomeText(check)}`;
	return `${attemptText(row.lastAttempt, now)}; ${known}`;
}

/** The outcome of the most recent attempt: the failed one when there is one, else the check. */
export const latestCheck = (row: Pick<TokenRow, 'check' | 'lastAttempt'>): CheckResult => row.lastAttempt ?? row.check;

/** Whom NOTION_API_TOKEN acts as, in words. */
export function identityText(identity: NonNullable<CheckResult['identity']>): string {
	const who =
		identity.kind === 'person'
			? `${identity.name ?? 'a person'} (a person: personal access token)`
			: `the internal connection ${identity.name ? `"${identity.name}"` : '(unnamed)'}`;
	return `acts as ${who}${identity.workspaceName ? ` in ${identity.workspaceName}` : ''}`;
}

export const whereText = (row: TokenRow): string => {
	if (row.source === 'override') return row.label === undefined ? 'NOTION_API_TOKEN' : `NOTION_API_TOKEN (= ${row.label})`;
	if (row.source === 'saved') return `${row.label ?? '?'} (saved)`;
	if (row.source === 'listed') return `${row.workspaceName ?? row.workspaceId ?? '?'} · ${row.tokenName ?? row.tokenId ?? '?'}`;
	return row.workspaceName ?? row.workspaceId ?? '?';
};

/** A masked token as the CLI shows it (its ellipsis and dots in ASCII where the locale needs it). */
export const maskedText = (masked: string): string => masked.replaceAll('…', symbols.ellipsis).replaceAll('•', symbols.secret);

// ---- JSON ----

export interface CheckJson {
	outcome: CheckOutcome;
	checkedAt: string | null;
	httpStatus: number | null;
	retryAfterSeconds: number | null;
	detail: string | null;
	identity: {kind: 'person' | 'bot'; name: string | null; workspaceName: string | null} | null;
}

/** One token in `tokens --json`, `check --json` and `expiring --json`; every key is always present. */
export interface TokenJson {
	source: 'stored' | 'override' | 'saved' | 'listed';
	environment: string | null;
	workspaceId: string | null;
	workspaceName: string | null;
	/** Null for a listed token: Notion lists its id and dates, never the token. */
	maskedToken: string | null;
	storage: 'keychain' | 'file' | 'env' | 'notion';
	tokenId: string | null;
	tokenName: string | null;
	issuedAt: string | null;
	expiresAt: string | null;
	expiryComputed: boolean;
	expiry: TokenRow['expiry'];
	daysLeft: number | null;
	/** Notion's last definite answer: valid, invalid (401), forbidden (403), or unchecked. */
	check: CheckJson;
	/** The last attempt when it got no definite answer (offline, timeout, 429, 5xx…) after `check`. */
	lastAttempt: CheckJson | null;
	factsFetchedAt: string | null;
	otherTokens: Array<{id: string; name: string; issuedAt: string | null; expiresAt: string | null; revokedAt: string | null}>;
	/** A saved token's label; for NOTION_API_TOKEN, the label of the saved token it equals; else null. */
	label: string | null;
	/** Saved tokens: `pat`, `connection`, `admin` or `unknown`; else null. */
	kind: SavedKind | null;
	/** Saved tokens: whom it acts as, from Notion's users/me (null: not known). */
	identity: SavedIdentity | null;
	/** Saved tokens: where expiresAt came from (`you`, `computed` from a lifetime); else null. */
	expirySource: DateSource | null;
	note: string | null;
	/** Saved tokens: the last `exec` with it. */
	lastUsedAt: string | null;
	/** Saved tokens: not used through `exec` for 90 days. */
	unused: boolean;
	/** Saved tokens: why its store cannot give it (e.g. tokens.json is not JSON); else null. */
	unreadable: string | null;
}

export const checkJson = (check: CheckResult): CheckJson => ({
	outcome: check.outcome,
	checkedAt: check.checkedAt,
	httpStatus: check.httpStatus ?? null,
	retryAfterSeconds: check.retryAfterSeconds ?? null,
	detail: check.detail ?? null,
	identity: check.identity ? {kind: check.identity.kind, name: check.identity.name, workspaceName: check.identity.workspaceName} : null,
});

export const tokenJson = (row: TokenRow): TokenJson => ({
	source: row.source,
	environment: row.environment,
	workspaceId: row.workspaceId,
	workspaceName: row.workspaceName,
	maskedToken: row.source === 'listed' ? null : row.masked,
	storage: row.storage,
	tokenId: row.tokenId,
	tokenName: row.tokenName,
	issuedAt: row.issuedAt,
	expiresAt: row.expiresAt,
	expiryComputed: row.expiryComputed,
	expiry: row.expiry,
	daysLeft: row.daysLeft,
	check: checkJson(row.check),
	lastAttempt: row.lastAttempt ? checkJson(row.lastAttempt) : null,
	factsFetchedAt: row.factsFetchedAt,
	otherTokens: row.otherTokens.map(fact => ({id: fact.id, name: fact.name, issuedAt: fact.issuedAt, expiresAt: fact.expiresAt, revokedAt: fact.revokedAt})),
	label: row.label ?? null,
	kind: row.saved?.kind ?? null,
	identity: row.saved?.identity ?? null,
	expirySource: row.saved?.expirySource ?? null,
	note: row.saved?.note ?? null,
	lastUsedAt: row.saved?.lastUsedAt ?? null,
	unused: row.unused ?? false,
	unreadable: row.unreadable?.message ?? null,
});
