/**
 * The words both the CLI and the UI use for the same facts: ages ("3 h ago"), days left ("in 4
 * days", "in under a day"), check outcomes ("unexpected answer") and their marks. One place, so
 * that a check shown in the UI and printed by `check` read the same.
 */
import type {CheckOutcome} from '../core/index.js';
import {symbols} from './symbols.js';

export const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** "just now", "5 min ago", "3 h ago", "2 days ago" (whole units, rounded down); null for no time. */
export function ageText(iso: string | null, now: Date): string | null {
	if (iso === null) return null;
	const at = Date.parse(iso);
	if (Number.isNaN(at)) return null;
	const minutes = Math.floor(Math.max(0, now.getTime() - at) / 60_000);
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h ago`;
	return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/** "in 4 days", "in under a day", "today", "35 days ago" — from whole days left (rounded down). */
export function relativeDays(daysLeft: number, expired: boolean): string {
	if (expired) return daysLeft >= 0 ? 'today' : `${plural(-daysLeft, 'day')} ago`;
	return daysLeft <= 0 ? 'in under a day' : `in ${plural(daysLeft, 'day')}`;
}

export type OutcomeTone = 'success' | 'warning' | 'error' | 'muted';

const OUTCOME_WORDS: Record<CheckOutcome, {text: string; tone: OutcomeTone; mark: () => string}> = {
	valid: {text: 'valid', tone: 'success', mark: () => symbols.ok},
	invalid: {text: 'invalid or revoked', tone: 'error', mark: () => symbols.fail},
	forbidden: {text: 'no access', tone: 'error', mark: () => symbols.noAccess},
	'rate-limited': {text: 'rate-limited', tone: 'warning', mark: () => symbols.wait},
	'server-error': {text: 'server error', tone: 'warning', mark: () => '!'},
	offline: {text: 'offline', tone: 'warning', mark: () => '~'},
	timeout: {text: 'timed out', tone: 'warning', mark: () => '~'},
	malformed: {text: 'unexpected answer', tone: 'warning', mark: () => '?'},
	unchecked: {text: 'not checked', tone: 'muted', mark: () => symbols.dot},
};

/** The mark, words and tone of a check outcome. */
export function outcomeLabel(outcome: CheckOutcome): {symbol: string; text: string; tone: OutcomeTone} {
	const words = OUTCOME_WORDS[outcome];
	return {symbol: words.mark(), text: words.text, tone: words.tone};
}

/** A saved token its store cannot give: `✗ token unreadable` (e.g. a tokens.json that is not JSON), `✗ token missing` (its store no longer holds it). */
export const unreadableLabel = (unreadable: {missing?: boolean}): {symbol: string; text: string; tone: OutcomeTone} => ({
	symbol: symbols.fail,
	text: unreadable.missing ? 'token missing' : 'token unreadable',
	tone: 'error',
});

/** Why a saved token cannot be read, and the fix, in one sentence pair (`tokens` notes it; the UI's details show it). */
export const unreadableNote = (unreadable: {message: string; fix: string}): string => `${unreadable.message}. ${unreadable.fix}`;

/** "could not reach Notion just now", "Notion asked to wait (429) 5 min ago": an attempt with no answer. */
export function attemptText(attempt: {outcome: CheckOutcome; checkedAt: string | null; httpStatus?: number}, now: Date): string {
	const age = ageText(attempt.checkedAt, now) ?? 'just now';
	const status = attempt.httpStatus === undefined ? '' : ` (${attempt.httpStatus})`;
	switch (attempt.outcome) {
		case 'rate-limited':
			return `Notion asked to wait${status} ${age}`;
		case 'server-error':
		case 'malformed':
			return `Notion could not answer${status} ${age}`;
		case 'timeout':
			return `Notion did not answer in time ${age}`;
		default:
			return `could not reach Notion ${age}`;
	}
}
