import {describe, expect, it} from 'vitest';
import {EXIT, NotionTokensError} from '../../../source/core/shared/errors.js';
import {addOneYear, parseInstant, parseWindow, resolveExpiry, sortBySoonest} from '../../../source/core/ops/expiry.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const facts = (expiresAt: string | null, issuedAt: string | null = null, revokedAt: string | null = null) => ({
	issuedAt,
	expiresAt,
	revokedAt,
});

describe('resolveExpiry', () => {
	it('uses expiresAt verbatim and counts whole days', () => {
		expect(resolveExpiry(facts('2026-04-20T12:00:00Z', '2025-04-20T12:00:00Z'), NOW, 30)).toEqual({
			expiresAt: '2026-04-20T12:00:00Z',
			expiryComputed: false,
			expiry: 'ok',
			daysLeft: 41,
		});
	});

	it('draws the window and 7-day lines by calendar days in UTC', () => {
		const at = (iso: string) => resolveExpiry(facts(iso), NOW, 30);
		expect(at('2026-04-10T00:00:00Z')).toMatchObject({expiry: 'ok', daysLeft: 31});
		expect(at('2026-04-09T23:59:59Z')).toMatchObject({expiry: 'within-window', daysLeft: 30});
		expect(at('2026-04-09T00:00:00Z')).toMatchObject({expiry: 'within-window', daysLeft: 30});
		expect(at('2026-03-18T00:00:00Z')).toMatchObject({expiry: 'within-window', daysLeft: 8});
		expect(at('2026-03-17T23:59:59Z')).toMatchObject({expiry: 'within-7-days', daysLeft: 7});
		expect(at('2026-03-10T12:00:01Z')).toMatchObject({expiry: 'within-7-days', daysLeft: 0});
		expect(at('2026-03-10T12:00:00Z')).toMatchObject({expiry: 'expired', daysLeft: 0});
		expect(at('2026-03-10T00:00:00Z')).toMatchObject({expiry: 'expired', daysLeft: 0});
		expect(at('2026-03-09T23:59:59Z')).toMatchObject({expiry: 'expired', daysLeft: -1});
		expect(at('2026-03-01T12:00:00Z')).toMatchObject({expiry: 'expired', daysLeft: -9});
	});

	it('honours the window size, including 0', () => {
		expect(resolveExpiry(facts('2026-05-01T00:00:00Z'), NOW, 60)).toMatchObject({expiry: 'within-window', daysLeft: 52});
		expect(resolveExpiry(facts('2026-03-20T00:00:00Z'), NOW, 0)).toMatchObject({expiry: 'ok', daysLeft: 10});
		expect(resolveExpiry(facts('2026-03-12T00:00:00Z'), NOW, 0)).toMatchObject({expiry: 'within-7-days'});
	});

	it('computes issuedAt + 1 calendar year (UTC) when expiresAt is missing or unreadable', () => {
		expect(resolveExpiry(facts(null, '2025-03-20T08:30:00Z'), NOW, 30)).toEqual({
			expiresAt: '2026-03-20T08:30:00.000Z',
			expiryComputed: true,
			expiry: 'within-window',
			daysLeft: 10,
		});
		expect(resolveExpiry(facts('soon', '2025-03-01'), NOW, 30)).toEqual({
			expiresAt: '2026-03-01T00:00:00.000Z',
			expiryComputed: true,
			expiry: 'expired',
			daysLeft: -9,
		});
	});

	it('maps a leap day to 28 February of the next year', () => {
		expect(addOneYear(new Date('2024-02-29T10:00:00Z')).toISOString()).toBe('2025-02-28T10:00:00.000Z');
		expect(addOneYear(new Date('2023-03-01T00:00:00Z')).toISOString()).toBe('2024-03-01T00:00:00.000Z');
		expect(addOneYear(new Date('2025-12-31T23:59:59Z')).toISOString()).toBe('2026-12-31T23:59:59.000Z');
		const result = resolveExpiry(facts(null, '2024-02-29T10:00:00Z'), new Date('2025-02-27T10:00:00Z'), 30);
		expect(result).toEqual({expiresAt: '2025-02-28T10:00:00.000Z', expiryComputed: true, expiry: 'within-7-days', daysLeft: 1});
	});

	it('reports revoked before anything else, keeping the date', () => {
		expect(resolveExpiry(facts('2027-01-01T00:00:00Z', null, '2026-03-01T00:00:00Z'), NOW, 30)).toMatchObject({
			expiry: 'revoked',
			expiresAt: '2027-01-01T00:00:00Z',
			daysLeft: 297,
		});
		expect(resolveExpiry(facts('2020-01-01T00:00:00Z', null, 'x'), NOW, 30).expiry).toBe('revoked');
		expect(resolveExpiry(facts(null, null, '2026-01-01'), NOW, 30)).toMatchObject({expiry: 'revoked', daysLeft: null});
	});

	it('calls unreadable dates unknown, never expired', () => {
		expect(resolveExpiry(facts('x', 'y'), NOW, 30)).toEqual({expiresAt: 'x', expiryComputed: false, expiry: 'unknown', daysLeft: null});
		expect(resolveExpiry(facts(null, null), NOW, 30)).toEqual({expiresAt: null, expiryComputed: false, expiry: 'unknown', daysLeft: null});
		expect(resolveExpiry(facts('2025-02-30T00:00:00Z'), NOW, 30).expiry).toBe('unknown');
		expect(resolveExpiry(facts('1'), NOW, 30).expiry).toBe('unknown');
	});
});

describe('parseInstant', () => {
	it('reads ISO dates with offsets, fractions and date-only forms as UTC', () => {
		expect(parseInstant('2026-03-10T14:00:00+02:00')?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
		expect(parseInstant('2026-03-10T07:30:00-0430')?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
		expect(parseInstant('2026-03-10T12:00:00.123456Z')?.toISOString()).toBe('2026-03-10T12:00:00.123Z');
		expect(parseInstant('2026-03-10')?.toISOString()).toBe('2026-03-10T00:00:00.000Z');
		expect(parseInstant('2026-03-10T12:00:00')?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
		expect(parseInstant('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
	});

	it('rejects impossible or non-ISO dates', () => {
		for (const text of ['2025-02-29', '2026-13-01', '2026-04-31', '2026-01-01T24:00:00Z', 'Tue, 10 Mar 2026 12:00:00 GMT', '', 'x']) {
			expect(parseInstant(text), text).toBeNull();
		}
		expect(parseInstant(null)).toBeNull();
	});
});

describe('parseWindow', () => {
	it('accepts days, d and w forms', () => {
		expect(parseWindow('30')).toBe(30);
		expect(parseWindow('30d')).toBe(30);
		expect(parseWindow('2w')).toBe(14);
		expect(parseWindow('0')).toBe(0);
		expect(parseWindow('3650d')).toBe(3650);
		expect(parseWindow(' 7D ')).toBe(7);
	});

	it('rejects anything else with a usage error naming the value', () => {
		for (const text of ['', '12h', '-1', '1.5', '3651', '522w', 'thirty', '30 d', 'd']) {
			let error: unknown;
			try {
				parseWindow(text);
			} catch (caught) {
				error = caught;
			}
			expect(error, text).toBeInstanceOf(NotionTokensError);
			const typed = error as NotionTokensError;
			expect(typed.code).toBe('bad-window');
			expect(typed.exitCode).toBe(EXIT.usage);
			expect(typed.message).toContain(`"${text}"`);
			expect(typed.message).toMatch(/30d.*2w/);
		}
	});
});

describe('sortBySoonest', () => {
	it('puts revoked first, then by expiry instant, unknown last, keeping ties in order', () => {
		const rows = [
			{name: 'unknown', expiry: 'unknown', expiresAt: 'x'},
			{name: 'later', expiry: 'ok', expiresAt: '2027-01-01T00:00:00Z'},
			{name: 'soon', expiry: 'within-7-days', expiresAt: '2026-03-12T00:00:00Z'},
			{name: 'revoked', expiry: 'revoked', expiresAt: '2027-06-01T00:00:00Z'},
			{name: 'expired', expiry: 'expired', expiresAt: '2026-01-01T00:00:00Z'},
			{name: 'soon-too', expiry: 'within-7-days', expiresAt: '2026-03-12T02:00:00+02:00'},
			{name: 'unknown-2', expiry: 'unknown', expiresAt: null},
		] as const;
		const sorted = sortBySoonest(rows).map(row => row.name);
		expect(sorted).toEqual(['revoked', 'expired', 'soon', 'soon-too', 'later', 'unknown', 'unknown-2']);
		expect(rows[0].name).toBe('unknown');
	});
});
