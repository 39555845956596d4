/** The dates a person gives for a saved token: `--expires`, or `--lifetime` from `--created` (default today). */
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {addOneYear} from '../ops/expiry.js';
import type {DateSource} from './saved-types.js';

/** Notion's presets for a personal access token's lifetime. */
export const LIFETIMES: Readonly<Record<string, number | 'year'>> = {'7d': 7, '30d': 30, '90d': 90, '180d': 180, '1y': 'year'};

const usage = (message: string, fix: string) => new NotionTokensError('bad-date', message, {fix, exitCode: EXIT.usage});

/** `YYYY-MM-DD` as midnight UTC of that day, or a usage error naming the flag. */
export function parseDay(text: string, flag: string): Date {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
	if (!date || date.toISOString().slice(0, 10) !== text.trim()) {
		throw usage(`invalid date '${text}' for ${flag}: use YYYY-MM-DD`, `Give a day like ${flag} 2027-01-31.`);
	}
	return date;
}

export interface GivenDates {
	expires?: string;
	lifetime?: string;
	created?: string;
}

export interface Dates {
	createdAt: string | null;
	createdSource: DateSource | null;
	expiresAt: string | null;
	expirySource: DateSource | null;
	lifetime: string | null;
}

/** What the flags say; `null` when they say nothing about dates. */
export function datesOf(given: GivenDates, now: Date): Dates | null {
	if (given.expires !== undefined && given.lifetime !== undefined) {
		throw usage('--expires and --lifetime cannot be used together', 'Give the expiry date (--expires) or the lifetime Notion showed (--lifetime), not both.');
	}
	if (given.expires === undefined && given.lifetime === undefined && given.created === undefined) return null;
	const created = given.created === undefined ? null : parseDay(given.created, '--created');
	if (given.expires !== undefined) {
		return {...createdOf(created), expiresAt: parseDay(given.expires, '--expires').toISOString(), expirySource: 'you', lifetime: null};
	}
	if (given.lifetime !== undefined) {
		const lifetime = given.lifetime.trim().toLowerCase();
		const length = Object.hasOwn(LIFETIMES, lifetime) ? LIFETIMES[lifetime] : undefined;
		if (length === undefined) {
			throw usage(
				`invalid lifetime '${given.lifetime}': Notion's choices are ${Object.keys(LIFETIMES).join(', ')}`,
				'Give the lifetime chosen when the token was made, e.g. --lifetime 90d.',
			);
		}
		// Without --created, the token is taken to be made just now, as Notion counts from its creation.
		const start = created ?? now;
		const end = length === 'year' ? addOneYear(start) : new Date(start.getTime() + length * 86_400_000);
		return {createdAt: start.toISOString(), createdSource: created ? 'you' : 'computed', expiresAt: end.toISOString(), expirySource: 'computed', lifetime};
	}
	return {...createdOf(created), expiresAt: null, expirySource: null, lifetime: null};
}

const createdOf = (created: Date | null) => ({createdAt: created?.toISOString() ?? null, createdSource: created ? ('you' as const) : null});
