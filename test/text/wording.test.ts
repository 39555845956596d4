import {describe, expect, it} from 'vitest';
import {colorEnabled} from '../../source/text/color.js';
import {ageText, outcomeLabel, relativeDays} from '../../source/text/wording.js';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('wording shared by the CLI and the UI', () => {
	it('ages are whole units rounded down', () => {
		expect(ageText('2026-03-10T11:59:30Z', NOW)).toBe('just now');
		expect(ageText('2026-03-10T11:55:00Z', NOW)).toBe('5 min ago');
		expect(ageText('2026-03-10T09:31:00Z', NOW)).toBe('2 h ago');
		expect(ageText('2026-03-08T13:00:00Z', NOW)).toBe('47 h ago');
		expect(ageText('2026-03-07T12:00:00Z', NOW)).toBe('3 days ago');
		expect(ageText('2026-03-09T12:00:00Z', new Date('2026-03-11T11:00:00Z'))).toBe('47 h ago');
		expect(ageText(null, NOW)).toBeNull();
		expect(ageText('not a date', NOW)).toBeNull();
	});

	it('days left', () => {
		expect(relativeDays(0, false)).toBe('in under a day');
		expect(relativeDays(1, false)).toBe('in 1 day');
		expect(relativeDays(4, false)).toBe('in 4 days');
		expect(relativeDays(0, true)).toBe('today');
		expect(relativeDays(-35, true)).toBe('35 days ago');
	});

	it('one word per check outcome', () => {
		expect(outcomeLabel('malformed').text).toBe('unexpected answer');
		expect(outcomeLabel('invalid')).toMatchObject({text: 'invalid or revoked', tone: 'error'});
	});

	it('colour: NO_COLOR wins, then FORCE_COLOR, then whether it is a terminal', () => {
		expect(colorEnabled({}, true)).toBe(true);
		expect(colorEnabled({}, false)).toBe(false);
		expect(colorEnabled({TERM: 'dumb'}, true)).toBe(false);
		expect(colorEnabled({FORCE_COLOR: '1'}, false)).toBe(true);
		expect(colorEnabled({FORCE_COLOR: '0'}, true)).toBe(false);
		expect(colorEnabled({FORCE_COLOR: 'false'}, true)).toBe(false);
		expect(colorEnabled({NO_COLOR: '1', FORCE_COLOR: '1'}, true)).toBe(false);
		expect(colorEnabled({NO_COLOR: ''}, true)).toBe(true);
	});
});
