/**
 * Without an admin token the Admin screen is not there: 4 says how to get one, in the words the
 * CLI uses when `admin pats` has no token (saved with `add <label> --admin`, or NOTION_ADMIN_TOKEN).
 */
import {describe, expect, it} from 'vitest';
import {ADMIN_TOKEN_FIX} from '../../source/core/index.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('the Admin screen without an admin token', () => {
	it('4 names both ways to provide one: a saved admin token and NOTION_ADMIN_TOKEN', async () => {
		const {core} = await seedUiHome({environments: {prod: [[A, 'Alpha']]}, defaults: {prod: A}});
		const app = renderApp(core, {size: {columns: 100, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('4');
		const frame = flat(await app.waitFor('NOTION_ADMIN_TOKEN'));
		expect(frame).toContain('`notion-tokens add <label> --admin`');
		expect(frame).toContain('NOTION_ADMIN_TOKEN');
		expect(frame).toContain(flat(ADMIN_TOKEN_FIX));
		expect(frame).toContain('start notion-tokens again');
		expect(frame).not.toContain('[4 Admin]');
	});
});
