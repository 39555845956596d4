import type {PatFilters, PatRecord} from './admin-types.js';
import {calendarDaysBetween} from './expiry.js';

export const DAY_MS = 86_400_000;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Whether a creator given on the command line is an id (filtered by Notion) rather than an email or a name. */
export const isCreatorId = (creator: string): boolean => UUID.test(creator.trim());

/** Days until `at` as the token list counts them: whole calendar days in UTC (negative when past). */
export const daysUntil = (at: number, now: number): number => calendarDaysBetween(new Date(now), new Date(at));

/** Expiring within the window: active, with an expiry at most `days` days away on the same count (both bounds inclusive). */
export const expiresWithin = (pat: PatRecord, days: number, now: number): boolean =>
	pat.status === 'active' && pat.expiresAt !== null && daysUntil(pat.expiresAt, now) <= days;

/** Not used for `days` days or more, or never. */
export const unusedFor = (pat: PatRecord, days: number, now: number): boolean => pat.lastUsedAt === null || now - pat.lastUsedAt >= days * DAY_MS;

/** The creator matches an email or a name, case-insensitively and exactly. */
export function createdBy(pat: PatRecord, who: string): boolean {
	const wanted = who.trim().toLowerCase();
	return pat.creator.id.toLowerCase() === wanted || pat.creator.email?.toLowerCase() === wanted || pat.creator.name?.toLowerCase() === wanted;
}

/** The filters Notion does not apply, as one predicate (null: every record passes). */
export function localFilter(filters: PatFilters, now: number): ((pat: PatRecord) => boolean) | null {
	const tests: Array<(pat: PatRecord) => boolean> = [];
	const {creator, withinDays, unusedDays} = filters;
	if (creator !== undefined && !isCreatorId(creator)) tests.push(pat => createdBy(pat, creator));
	if (withinDays !== undefined) tests.push(pat => expiresWithin(pat, withinDays, now));
	if (unusedDays !== undefined) tests.push(pat => unusedFor(pat, unusedDays, now));
	if (tests.length === 0) return null;
	return pat => tests.every(test => test(pat));
}
