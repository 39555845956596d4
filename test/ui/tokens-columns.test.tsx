/**
 * The Tokens screen's columns line up under both symbol sets: cells are fitted to the text as it
 * is drawn (under a locale that is not UTF-8 a masked token's `…` is drawn `...`).
 */
import {afterEach, describe, expect, it} from 'vitest';
import {chooseSymbols} from '../../source/text/index.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');
const PAT = 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA';

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
	chooseSymbols({});
});

const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000).toISOString();

async function setUp() {
	const mock = await startMockNotion({now: () => NOW});
	servers.push(mock);
	const seeded = await seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, NOTION_TOKENS_STORE: 'file'},
	});
	mock.setToken(seeded.tokens[A]!, {tokens: [{id: seeded.tokenIds[A]!, name: 'ntn login', issuedAt: days(-360), expiresAt: days(5), revokedAt: null}]});
	mock.setToken(seeded.tokens[B]!, {tokens: [{id: seeded.tokenIds[B]!, name: 'ntn login', issuedAt: days(-10), expiresAt: days(355), revokedAt: null}]});
	await seeded.core.refresh({});
	await seeded.core.addSaved({label: 'reports', token: PAT, offline: true});
	return seeded;
}

describe('Tokens screen columns at 120 columns', () => {
	for (const [locale, env] of [
		['UTF-8', {LANG: 'en_US.UTF-8'}],
		['C', {LANG: 'C'}],
	] as const) {
		it(`line up under LANG=${locale}: every row's token and status start under their headings, nothing is cut`, async () => {
			const {core} = await setUp();
			chooseSymbols(env);
			const app = renderApp(core, {size: {columns: 120, rows: 40}});
			await app.waitFor('Alpha');
			await app.press('2');
			const frame = await app.waitFor(frame => frame.includes('[2 Tokens]') && frame.includes('reports'));
			const lines = frame.split('\n');
			const header = lines.find(line => line.includes('STATUS'))!;
			const tokenAt = header.indexOf('TOKEN');
			const expiresAt = header.indexOf('EXPIRES');
			const statusAt = header.indexOf('STATUS');
			const rows = ['Alpha', 'Beta', 'reports'].map(name => lines.find(line => line.includes(name))!);
			const ellipsis = locale === 'C' ? '...' : '…';
			const statuses = locale === 'C' ? ['! 5 days left', 'ok valid', '- not checked'] : ['⚠ 5 days left', '✓ valid', '· not checked'];
			rows.forEach((row, index) => {
				expect(row.slice(tokenAt)).toMatch(new RegExp(`^(ntn\\.|ntn_)${ellipsis.replace(/\./g, '\\.')}\\S{4} `));
				expect(row.slice(expiresAt)).toMatch(/^(\d{4}-\d{2}-\d{2}|-|—) /);
				expect(row.slice(statusAt).trimEnd()).toBe(statuses[index]);
			});
			if (locale === 'C') expect(app.allFrames()).not.toContain('…');
		});
	}
});
