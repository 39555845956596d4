import {afterEach, describe, expect, it} from 'vitest';
import {fixedClock, type TokenFact} from '../../source/core/index.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

/**
 * `r` asks Notion about every token: the busy line counts the answers, and Esc stops asking,
 * keeping the answers that came and, for the rest, what was known. A loopback Notion answers two
 * tokens at once and the third only after a minute, so the progress and the cancel are seen.
 */

const A = uuid('a');
const B = uuid('b');
const C = uuid('c');

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close().catch(() => undefined)));
});

const hoursAgo = (count: number) => new Date(NOW.getTime() - count * 3_600_000).toISOString();
const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000).toISOString();
const line = (frame: string, text: string) => frame.split('\n').find(row => row.includes(text)) ?? '';
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('r on Tokens: progress, and Esc cancels', () => {
	it('shows n of N, Esc stops asking without leaving the screen, and what finished is kept', async () => {
		// Checked 3 h before NOW: Alpha and Gamma valid, Notion refused Beta's token.
		const before = await startMockNotion({now: () => NOW});
		servers.push(before);
		const seeded = await seedUiHome({
			environments: {
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
					[C, 'Gamma'],
				],
			},
			defaults: {prod: A},
			env: {NOTION_API_BASE_URL: before.baseUrl, NOTION_PUBLIC_API_BASE_URL: before.baseUrl},
		});
		const own = (id: string): TokenFact[] => [{id: seeded.tokenIds[id]!, name: 'ntn login', issuedAt: days(-100), expiresAt: days(265), revokedAt: null}];
		before.setToken(seeded.tokens[A]!, {tokens: own(A)});
		before.setToken(seeded.tokens[C]!, {tokens: own(C)});
		await seeded.makeCore({}, {clock: fixedClock(hoursAgo(3))}).refresh({allEnvironments: true});

		// Now Notion answers Alpha and Beta at once, and Gamma only after a minute.
		const slow = await startMockNotion({now: () => NOW});
		servers.push(slow);
		slow.setToken(seeded.tokens[A]!, {tokens: own(A)});
		slow.setToken(seeded.tokens[B]!, {tokens: own(B)});
		slow.setToken(seeded.tokens[C]!, {tokens: own(C), delayMs: 60_000});
		const app = renderApp(seeded.makeCore({NOTION_API_BASE_URL: slow.baseUrl}, {httpTimeoutMs: 120_000, refreshDeadlineMs: 120_000}), {
			size: {columns: 110, rows: 30},
		});
		await app.waitFor('❯ ★ Alpha');
		await app.press('2');
		await app.waitFor(frame => line(frame, 'Beta').includes('rejected'));
		await app.press('r');
		let frame = await app.waitFor('Asking Notion: 2 of 3 · Esc cancels');
		expect(frame).toMatch(/Esc cancel/);

		await app.press(KEY.escape);
		frame = await app.waitFor('Refresh cancelled');
		expect(flat(frame)).toContain('Refresh cancelled: 2 of 3 answered; the rest keep what was known.');
		expect(app.exitCode()).toBeNull();
		expect(frame).toContain('2 Tokens');
		expect(frame).not.toContain('Asking Notion');
		// Beta's answer came: the 401 is replaced. Gamma was not answered: it keeps what was known.
		expect(line(frame, 'Beta')).toContain('✓ valid');
		expect(line(frame, 'Beta')).not.toContain('rejected');
		expect(line(frame, 'Gamma')).toContain('✓ valid');

		// Esc now goes back, as before.
		await app.press(KEY.escape);
		await app.waitFor('❯ ★ Alpha');
		expect(app.exitCode()).toBeNull();
	});
});
