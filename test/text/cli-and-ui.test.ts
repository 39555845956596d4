/**
 * The CLI and the UI say the same thing about the same facts, with a fixed clock: the age of a
 * check, the days left, the words of an outcome, and whether to colour.
 */
import {describe, expect, it} from 'vitest';
import {checkCell, outcomeText, relativeDays} from '../../source/cli/commands/token-text.js';
import type {CheckResult} from '../../source/core/index.js';
import {colorEnabled} from '../../source/text/index.js';
import {checkText, formatAge, formatDaysLeft, outcomeLabel} from '../../source/ui/format.js';
import {noColorRequested} from '../../source/ui/theme.js';

const NOW = new Date('2026-03-11T15:00:00Z');

describe('one wording for the CLI and the UI', () => {
	it('the age of a check: 2 h 59 min is "2 h ago" in both', () => {
		const check: CheckResult = {outcome: 'valid', checkedAt: '2026-03-11T12:01:00Z'};
		expect(formatAge(check.checkedAt, NOW)).toBe('2 h ago');
		expect(checkCell({check, lastAttempt: null}, NOW)).toBe('✓ valid · 2 h ago');
		for (const [at, words] of [
			['2026-03-11T14:59:31Z', 'just now'],
			['2026-03-11T14:00:30Z', '59 min ago'],
			['2026-03-09T15:30:00Z', '47 h ago'],
			['2026-03-01T15:00:00Z', '10 days ago'],
		] as const) {
			expect(formatAge(at, NOW)).toBe(words);
			expect(checkCell({check: {outcome: 'valid', checkedAt: at}, lastAttempt: null}, NOW)).toBe(`✓ valid · ${words}`);
		}
	});

	it('less than a day left is "in under a day" in both', () => {
		expect(relativeDays(0, false)).toBe('in under a day');
		expect(formatDaysLeft(0)).toBe('expires in under a day');
		expect(relativeDays(3, false)).toBe('in 3 days');
		expect(formatDaysLeft(3)).toBe('expires in 3 days');
	});

	it('an answer that is not what Notion sends is "unexpected answer" in both, with the same mark', () => {
		const check: CheckResult = {outcome: 'malformed', checkedAt: '2026-03-11T12:00:00Z', httpStatus: 200};
		expect(outcomeText(check)).toBe('? unexpected answer (200)');
		expect(checkText(check)).toBe('? unexpected answer, HTTP 200');
		for (const outcome of ['valid', 'invalid', 'forbidden', 'rate-limited', 'server-error', 'offline', 'timeout', 'malformed', 'unchecked'] as const) {
			const label = outcomeLabel(outcome);
			expect(outcomeText({outcome, checkedAt: null})).toBe(`${label.symbol} ${label.text}`);
		}
	});

	it('NO_COLOR and FORCE_COLOR decide the same way for both', () => {
		const cases: Array<Record<string, string>> = [
			{},
			{NO_COLOR: '1'},
			{NO_COLOR: ''},
			{FORCE_COLOR: '0'},
			{FORCE_COLOR: '1'},
			{NO_COLOR: '1', FORCE_COLOR: '3'},
			{FORCE_COLOR: 'false'},
		];
		for (const env of cases) expect(noColorRequested(env), JSON.stringify(env)).toBe(!colorEnabled(env, true));
		expect(noColorRequested({FORCE_COLOR: '0'})).toBe(true);
		expect(noColorRequested({NO_COLOR: '1', FORCE_COLOR: '1'})).toBe(true);
	});
});
