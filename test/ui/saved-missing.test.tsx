/**
 * A saved token whose entry is gone from a valid tokens.json does not look fine on the Tokens
 * screen: its row and its details say `✗ token missing`, with the fix `tokens` prints too.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const PAT = 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA';

const flat = (frame: string) => frame.replaceAll(/\s+/g, ' ');

describe('a saved token missing from tokens.json', () => {
	it('its row and its details say the token is missing, and the fix', async () => {
		const seeded = await seedUiHome({environments: {prod: [[A, 'Alpha']]}, defaults: {prod: A}, env: {NOTION_TOKENS_STORE: 'file'}});
		await seeded.core.addSaved({label: 'reports', token: PAT, offline: true});
		const tokensFile = path.join(seeded.home.stateDir, 'tokens.json');
		const kept = `${JSON.stringify({version: 1, tokens: {}}, null, 2)}\n`;
		await fs.writeFile(tokensFile, kept);
		const app = renderApp(seeded.core, {size: {columns: 120, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('2');
		const frame = await app.waitFor(frame => frame.includes('[2 Tokens]') && frame.includes('reports'));
		const row = frame.split('\n').find(line => line.includes('◆ reports'))!;
		expect(row).toContain('✗ token missing');
		expect(row).not.toContain('unreadable');
		expect(row).not.toContain('not checked');
		await app.press('G');
		await app.press(KEY.enter);
		const detail = flat(await app.waitFor('Acts as'));
		expect(detail).toContain('Status ✗ token missing');
		expect(detail).toContain(`The token labelled "reports" is not in ${tokensFile} any more.`);
		expect(detail).toContain('Save it again with `notion-tokens rotate reports`, or remove the label with `notion-tokens remove reports`.');
		expect(app.allFrames()).not.toContain(PAT);
		expect(await fs.readFile(tokensFile, 'utf8')).toBe(kept);
	});
});
