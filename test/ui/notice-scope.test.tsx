/**
 * A notice belongs to the screen where it was given: going to another screen, or into or out of
 * a token's details, leaves it behind.
 */
import {describe, expect, it} from 'vitest';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');

async function setUp() {
	return seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		},
		defaults: {prod: A},
	});
}

describe('notices stay on their screen', () => {
	it('"Copied…" on Workspaces is gone on Tokens, and not back on Workspaces', async () => {
		const {core} = await setUp();
		const app = renderApp(core, {size: {columns: 100, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('c');
		await app.waitFor('Copied');
		await app.press('2');
		const tokens = await app.waitFor('[2 Tokens]');
		expect(tokens).not.toContain('Copied');
		await app.press('1');
		expect(await app.waitFor('[1 Workspaces]')).not.toContain('Copied');
	});

	it('"Switched back…" is gone once another screen is shown', async () => {
		const {core} = await setUp();
		const app = renderApp(core, {size: {columns: 100, rows: 30}});
		await app.waitFor('Alpha');
		await app.press(KEY.down);
		await app.press(KEY.enter);
		await app.waitFor('★ Beta is now the default');
		await app.press('-');
		await app.waitFor('Switched back');
		await app.press('3');
		expect(await app.waitFor('[3 Expiring]')).not.toContain('Switched back');
	});

	it('the Admin hint after 4 is not shown inside the token details opened next', async () => {
		const {core} = await setUp();
		const app = renderApp(core, {size: {columns: 100, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('2');
		await app.waitFor('[2 Tokens]');
		await app.press('4');
		await app.waitFor('The Admin screen reviews');
		await app.press(KEY.enter);
		const detail = await app.waitFor('Alpha · prod · stored in auth.json');
		expect(detail).not.toContain('The Admin screen reviews');
		expect(detail).not.toContain('NOTION_ADMIN_TOKEN');
	});
});
