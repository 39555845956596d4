/**
 * A saved token whose tokens.json cannot be read does not look fine on the Tokens screen: its row
 * and its details say `✗ token unreadable`, with the reason and the fix `tokens` prints too.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const PAT = 'ntn_pat_4kQz9Lm2Xv8Rt6Yw1Hs3Jd5Nf7Bc0PgA';
const GARBAGE = 'garbage ntn_pat_leakedIfQuoted0123456789abcd\n';

const flat = (frame: string) => frame.replaceAll(/\s+/g, ' ');

describe('a saved token in a tokens.json that is not JSON', () => {
	it('its row and its details say the token is unreadable, why, and the fix', async () => {
		const seeded = await seedUiHome({environments: {prod: [[A, 'Alpha']]}, defaults: {prod: A}, env: {NOTION_TOKENS_STORE: 'file'}});
		await seeded.core.addSaved({label: 'reports', token: PAT, offline: true});
		const tokensFile = path.join(seeded.home.stateDir, 'tokens.json');
		await fs.writeFile(tokensFile, GARBAGE);
		const app = renderApp(seeded.core, {size: {columns: 120, rows: 30}});
		await app.waitFor('Alpha');
		await app.press('2');
		const frame = await app.waitFor(frame => frame.includes('[2 Tokens]') && frame.includes('reports'));
		const row = frame.split('\n').find(line => line.includes('◆ reports'))!;
		expect(row).toContain('✗ token unreadable');
		expect(row).not.toContain('not checked');
		await app.press('G');
		await app.press(KEY.enter);
		const detail = flat(await app.waitFor('Acts as'));
		expect(detail).toContain('Status ✗ token unreadable');
		expect(detail).toContain(`Could not read saved tokens from ${tokensFile}: it is not valid JSON.`);
		expect(detail).toContain(`Repair ${tokensFile}, or move it aside and save each of its tokens again with \`notion-tokens rotate <label>\``);
		expect(app.allFrames()).not.toContain('leakedIfQuoted');
		expect(await fs.readFile(tokensFile, 'utf8')).toBe(GARBAGE);
	});
});
