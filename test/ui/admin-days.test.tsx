/**
 * The Admin screen counts days to expiry as `tokens` does: whole calendar days in UTC, so a PAT
 * 89 days and 18 hours away, on the 90th calendar day, is "(90d)".
 */
import {afterEach, describe, expect, it} from 'vitest';
import {startMockAdmin, type MockAdmin} from '../helpers/mock-admin.js';
import {KEY} from './helpers/keys.js';
import {NOW, renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');

const servers: MockAdmin[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

describe('the Admin screen', () => {
	it('shows days to expiry as whole calendar days in UTC', async () => {
		const admin = await startMockAdmin({now: () => NOW.getTime()});
		servers.push(admin);
		admin.space(A, [
			{
				id: '20000000-0000-4000-8000-000000000001',
				name: 'quarterly',
				creator: {id: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice Admin'},
				created_at: NOW.getTime() - 86_400_000,
				status: 'active',
				expires_at: Date.parse('2026-09-13T06:00:00.000Z'),
			},
		]);
		const seeded = await seedUiHome({
			environments: {prod: [[A, 'Alpha']]},
			defaults: {prod: A},
			env: {NOTION_PUBLIC_API_BASE_URL: admin.baseUrl, NOTION_TOKENS_STORE: 'file', NOTION_ADMIN_TOKEN: admin.token},
		});
		const app = renderApp(seeded.core, {size: {columns: 120, rows: 30}});
		await app.waitFor('4 Admin');
		await app.press('4');
		await app.waitFor('Which workspace');
		await app.press(KEY.enter);
		const frame = await app.waitFor('quarterly');
		const row = frame.split('\n').find(line => line.includes('quarterly'))!;
		expect(row).toContain('2026-09-13 (90d)');
	});
});
