import {describe, expect, it} from 'vitest';
import type {CheckOutcome, ExpiringReport} from '../../../source/core/index.js';
import {expiringReducer, initialExpiring, selectedExpiring} from '../../../source/ui/screens/expiring/expiring-reducer.js';
import {detailEntries, initialTokens, selectedDetailEntry, selectedToken, tokensReducer} from '../../../source/ui/screens/tokens/tokens-reducer.js';
import {expiringReport} from '../../../source/core/index.js';
import {refreshNotice} from '../../../source/ui/state/result-notices.js';
import {tokenRow} from './fixtures.js';

describe('tokensReducer', () => {
	it('keeps the selected token across reloads, and the detail view open', () => {
		let state = tokensReducer(initialTokens, {type: 'loaded', rows: [tokenRow('a'), tokenRow('b'), tokenRow('c')], height: 10});
		state = tokensReducer(state, {type: 'move', move: 'down', height: 10});
		state = tokensReducer(state, {type: 'open'});
		expect(state.detail).not.toBeNull();
		state = tokensReducer(state, {type: 'loaded', rows: [tokenRow('0'), tokenRow('a'), tokenRow('b')], height: 10});
		expect(selectedToken(state)?.workspaceId).toBe('b');
		expect(state.detail).not.toBeNull();
		state = tokensReducer(state, {type: 'loaded', rows: [tokenRow('0')], height: 10});
		expect(state.detail).toBeNull();
	});

	it('lists the stored token first, then the workspace’s others, and moves over them', () => {
		const row = tokenRow('a', {
			tokenId: 'mine',
			otherTokens: [
				{id: 'mine', name: 'ntn login', issuedAt: null, expiresAt: null, revokedAt: null},
				{id: 'old', name: 'laptop', issuedAt: null, expiresAt: '2026-01-01', revokedAt: '2026-02-01'},
			],
		});
		expect(detailEntries(row).map(entry => [entry.id, entry.isStored])).toEqual([
			['mine', true],
			['old', false],
		]);
		let state = tokensReducer(initialTokens, {type: 'loaded', rows: [row], height: 10});
		state = tokensReducer(state, {type: 'open'});
		state = tokensReducer(state, {type: 'detail-move', move: 'down', height: 5});
		expect(selectedDetailEntry(state)?.entry.id).toBe('old');
		state = tokensReducer(state, {type: 'detail-move', move: 'down', height: 5});
		expect(selectedDetailEntry(state)?.entry.id).toBe('old');
	});
});

describe('expiringReducer', () => {
	const report: ExpiringReport = {
		withinDays: 30,
		oldestFactsAt: null,
		askedAt: null,
		unknown: [],
		rows: [
			tokenRow('x', {expiry: 'expired', daysLeft: -3}),
			tokenRow('y', {expiry: 'within-7-days', daysLeft: 2}),
			tokenRow('z', {expiry: 'revoked', daysLeft: 40}),
			tokenRow('w', {expiry: 'within-window', daysLeft: 20}),
		],
	};

	it('groups rows under headers, keeping the core’s order inside a group', () => {
		const state = expiringReducer(initialExpiring, {type: 'loaded', report, height: 10});
		expect(state.lines.map(line => (line.kind === 'header' ? `# ${line.group} ${line.count}` : state.rows[line.index]!.workspaceId))).toEqual([
			'# expired 2',
			'x',
			'z',
			'# week 1',
			'y',
			'# window 1',
			'w',
		]);
		expect(state.rowLine).toEqual([1, 2, 4, 6]);
	});

	it('moves over rows only, scrolling by lines, and shows a group’s header when going back up', () => {
		let state = expiringReducer(initialExpiring, {type: 'loaded', report, height: 3});
		for (let step = 0; step < 3; step++) state = expiringReducer(state, {type: 'move', move: 'down', height: 3});
		expect(selectedExpiring(state)?.workspaceId).toBe('w');
		expect(state.list.top).toBe(4);
		state = expiringReducer(state, {type: 'move', move: 'up', height: 3});
		expect(selectedExpiring(state)?.workspaceId).toBe('y');
		state = expiringReducer(state, {type: 'move', move: 'up', height: 3});
		expect(selectedExpiring(state)?.workspaceId).toBe('z');
		state = expiringReducer(state, {type: 'move', move: 'first', height: 3});
		expect(state.list.top).toBe(0);
	});
});

describe('expiringReport', () => {
	it('keeps the rows that need attention, revoked first, then soonest, ties in list order, unknown dates never', () => {
		const rows = [
			tokenRow('ok', {expiry: 'ok', expiresAt: '2027-01-01T00:00:00Z', factsFetchedAt: '2026-06-10T00:00:00Z'}),
			tokenRow('w2', {expiry: 'within-window', expiresAt: '2026-07-01T00:00:00Z'}),
			tokenRow('wk', {expiry: 'within-7-days', expiresAt: '2026-06-17T00:00:00Z', factsFetchedAt: '2026-06-12T00:00:00Z'}),
			tokenRow('w1', {expiry: 'within-window', expiresAt: '2026-07-01T00:00:00Z'}),
			tokenRow('unknown', {expiry: 'unknown', expiresAt: null, factsFetchedAt: 'not a date'}),
			tokenRow('gone', {expiry: 'expired', expiresAt: '2026-06-01T00:00:00Z', factsFetchedAt: '2026-06-09T00:00:00+02:00'}),
			tokenRow('rev', {expiry: 'revoked', expiresAt: '2027-02-01T00:00:00Z'}),
		];
		const report = expiringReport(rows, 20);
		expect(report.withinDays).toBe(20);
		expect(report.rows.map(row => row.workspaceId)).toEqual(['rev', 'gone', 'wk', 'w2', 'w1']);
		expect(report.oldestFactsAt).toBe('2026-06-09T00:00:00+02:00');
		expect(expiringReport([tokenRow('ok')], 30)).toEqual({askedAt: null, unknown: [], withinDays: 30, rows: [], oldestFactsAt: null});
	});
});

describe('refreshNotice', () => {
	it('names every outcome apart, with the retry time', () => {
		const outcomes: CheckOutcome[] = ['valid', 'invalid', 'forbidden', 'rate-limited', 'server-error', 'offline', 'timeout', 'malformed', 'unchecked'];
		const rows = outcomes.map((outcome, index) =>
			tokenRow(String(index), {check: {outcome, checkedAt: '2026-06-15T12:00:00Z', ...(outcome === 'rate-limited' ? {retryAfterSeconds: 42} : {})}}),
		);
		expect(refreshNotice(rows)).toEqual({
			tone: 'warning',
			text: 'Checked 9 tokens: 1 ✓ valid · 1 ✗ invalid or revoked · 1 ⊘ no access · 1 ⧗ rate-limited (retry in 42 s) · 1 ! server error · 1 ~ offline · 1 ~ timed out · 1 ? unexpected answer · 1 · not checked',
		});
		expect(refreshNotice([tokenRow('a', {check: {outcome: 'valid', checkedAt: null}})]).tone).toBe('success');
	});
});
