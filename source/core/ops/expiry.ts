import {EXIT, NotionTokensError} from '../shared/errors.js';
import type {CheckResult, ExpiringReport, ExpiryStatus, TokenRow} from '../shared/types.js';

const DAY_MS = 86_400_000;
const MAX_WINDOW_DAYS = 3650;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 date or date-time strictly (no rolling of `02-30` into March). A date alone, or
 * a date-time without offset, is read as UTC. Anything else (Notion's dates are opaque strings to
 * ntn, `"x"` is accepted there) gives null.
 */
export function parseInstant(text: string | null | undefined): Date | null {
	if (typeof text !== 'string') return null;
	const match = ISO_INSTANT.exec(text.trim());
	if (!match) return null;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	if (hour > 23 || minute > 59 || second > 59) return null;
	let offsetMinutes = 0;
	if (zone.toUpperCase() !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		const offsetHours = Number(digits.slice(0, 2));
		const offsetMins = Number(digits.slice(2));
		if (offsetHours > 23 || offsetMins > 59) return null;
		offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
	}
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute - offsetMinutes, second, ms);
	return Number.isNaN(date.getTime()) ? null : date;
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
}

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * One calendar year later, in UTC. 29 February maps to 28 February of the next year (the earlier
 * of the two readings, so that a warning is never late).
 */
export function addOneYear(date: Date): Date {
	const result = new Date(date.getTime());
	const day = result.getUTCDate();
	result.setUTCDate(1);
	result.setUTCFullYear(result.getUTCFullYear() + 1);
	result.setUTCDate(Math.min(day, daysInMonth(result.getUTCFullYear(), result.getUTCMonth() + 1)));
	return result;
}

export interface ExpiryInput {
	issuedAt: string | null;
	expiresAt: string | null;
	revokedAt: string | null;
}

export interface ResolvedExpiry {
	/** Notion's `expiresAt` verbatim, or issuedAt + 1 year as ISO when computed. */
	expiresAt: string | null;
	/** True when expiresAt was computed as issuedAt + 1 year (Notion's lifetime for PATs). */
	expiryComputed: boolean;
	expiry: ExpiryStatus;
	/** Calendar days in UTC from today to the expiry date (0: today; negative when past), null when unknown. */
	daysLeft: number | null;
}

/**
 * Whole calendar days in UTC from the day of `now` to the day of `then`: 0 on the same day, 1 for
 * the next day whatever the hours, −1 for the day before. A 90-day lifetime is "in 90 days" all
 * day long, and a date of yesterday is "1 day ago".
 */
export function calendarDaysBetween(now: Date, then: Date): number {
	const day = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
	return Math.round((day(then) - day(now)) / DAY_MS);
}

/**
 * Where a token stands on `now`. A set `revokedAt` wins ('revoked'); otherwise a parseable
 * `expiresAt` is used, else `issuedAt` + 1 year. Dates that do not parse make the expiry 'unknown',
 * never 'expired'.
 *
 * `daysLeft` counts calendar days in UTC (calendarDaysBetween), and the classes follow that count:
 * 'expired' once the instant has passed (so `daysLeft` ≤ 0: "today" or "N days ago"); otherwise
 * 'within-7-days' for 0 to 7 days left, 'within-window' for up to the window's days left, and 'ok'
 * beyond. Both bounds are inclusive ("in 30 days" is within 30 days), so a warning comes no later
 * than when days were counted in exact 24-hour spans.
 */
export function resolveExpiry(input: ExpiryInput, now: Date, windowDays: number): ResolvedExpiry {
	const given = parseInstant(input.expiresAt);
	const issued = given ? null : parseInstant(input.issuedAt);
	const expires = given ?? (issued ? addOneYear(issued) : null);
	const expiresAt = given ? input.expiresAt : issued && expires ? expires.toISOString() : input.expiresAt;
	const expiryComputed = !given && issued !== null;
	const daysLeft = expires ? calendarDaysBetween(now, expires) : null;
	let expiry: ExpiryStatus;
	if (input.revokedAt) expiry = 'revoked';
	else if (!expires || daysLeft === null) expiry = 'unknown';
	else if (expires.getTime() <= now.getTime()) expiry = 'expired';
	else if (daysLeft <= 7) expiry = 'within-7-days';
	else if (daysLeft <= windowDays) expiry = 'within-window';
	else expiry = 'ok';
	return {expiresAt, expiryComputed, expiry, daysLeft};
}

/**
 * Parses an expiry window: `30` or `30d` (days), `2w` (weeks); a whole number of days from 0 to
 * 3650. Throws NotionTokensError 'bad-window' (exit 2) otherwise.
 */
export function parseWindow(text: string): number {
	const match = /^(\d{1,5})([dw]?)$/i.exec(text.trim());
	const days = match ? Number(match[1]) * (match[2]?.toLowerCase() === 'w' ? 7 : 1) : Number.NaN;
	if (!Number.isInteger(days) || days < 0 || days > MAX_WINDOW_DAYS) {
		throw new NotionTokensError('bad-window', `Invalid expiry window "${text}": use days (30 or 30d) or weeks (2w), from 0 to ${MAX_WINDOW_DAYS} days.`, {
			fix: 'Give a window like 30, 30d or 2w.',
			exitCode: EXIT.usage,
		});
	}
	return days;
}

/**
 * Sorts rows soonest first, in a new array: revoked rows and rows Notion rejected first, then by expiry instant (expired
 * ones come before the rest by their date); rows whose expiry is unknown last. Ties keep their order.
 */
export function sortBySoonest<T extends {expiry: ExpiryStatus; expiresAt: string | null; check?: CheckResult}>(rows: readonly T[]): T[] {
	const key = (row: T): number => {
		if (row.expiry === 'revoked' || (row.check && row.check.outcome === 'invalid')) return Number.NEGATIVE_INFINITY;
		if (row.expiry === 'unknown') return Number.POSITIVE_INFINITY;
		return parseInstant(row.expiresAt)?.getTime() ?? Number.POSITIVE_INFINITY;
	};
	return rows
		.map((row, index) => ({row, index, at: key(row)}))
		.sort((a, b) => (a.at === b.at ? a.index - b.index : a.at < b.at ? -1 : 1))
		.map(({row}) => row);
}

const FLAGGED: ReadonlySet<ExpiryStatus> = new Set(['expired', 'revoked', 'within-7-days', 'within-window']);

/** Notion's last definite answer refused the token (401: invalid, revoked or expired). */
// Tolerant of a row without a check: the reducer builds reports from rows it did not make.
export const isRejected = (row: Pick<TokenRow, 'check'>): boolean => row.check?.outcome === 'invalid';

/** Expired, revoked or rejected by Notion: the token no longer works. */
export const isGone = (row: Pick<TokenRow, 'check' | 'expiry'>): boolean => row.expiry === 'expired' || row.expiry === 'revoked' || isRejected(row);

/**
 * A token without an expiry date that does not expire by its nature: an internal connection's token
 * (saved, or NOTION_API_TOKEN acting as a bot) or an organization's Admin API token. Its expiry is
 * none, not unknown; Notion refusing it (401) still counts.
 */
export const doesNotExpire = (row: Pick<TokenRow, 'source' | 'expiry' | 'check' | 'saved'>): boolean =>
	row.expiry === 'unknown' &&
	(row.source === 'saved'
		? row.saved?.admin === true || row.saved?.kind === 'connection' || row.saved?.kind === 'admin'
		: row.source === 'override' && row.check.identity?.kind === 'bot');

/** Whether a row's expiry is unknown in a way that matters: not rejected, not revoked, and not a token that does not expire. */
const expiryMissing = (row: TokenRow): boolean =>
	row.expiry === 'unknown' &&
	!isRejected(row) &&
	!doesNotExpire(row) &&
	// A listed token's dates are what its workspace's list gave: asking again tells no more.
	row.source !== 'listed';

/** A revoked token that Notion merely lists needs nothing more; a revoked stored token needs `ntn login`. */
const revokedListed = (row: TokenRow): boolean => row.source === 'listed' && row.expiry === 'revoked';

/**
 * The expiry report of a token list whose rows already carry their expiry for `withinDays`: the
 * rows rejected by Notion, revoked, expired or expiring within the window, soonest first (ties keep
 * their order); the rows whose expiry is not known; and the oldest time facts were fetched among
 * all rows. Pure, so the UI can build it from the rows it already has.
 */
export function expiringReport(rows: readonly TokenRow[], withinDays: number, askedAt: string | null = null): ExpiringReport {
	return {
		withinDays,
		rows: sortBySoonest(rows.filter(row => (FLAGGED.has(row.expiry) || isRejected(row)) && !revokedListed(row))),
		unknown: rows.filter(expiryMissing),
		oldestFactsAt: oldest(rows.map(row => row.factsFetchedAt)),
		askedAt,
	};
}

/** The oldest of the given instants (as given), or null when none parses. */
export function oldest(times: ReadonlyArray<string | null>): string | null {
	let result: {at: number; text: string} | null = null;
	for (const text of times) {
		const at = parseInstant(text)?.getTime();
		if (at !== undefined && (result === null || at < result.at)) result = {at, text: text!};
	}
	return result?.text ?? null;
}
