/**
 * Hostile text on the saved-token screens: a label and a lifetime from a hand-edited state file, a
 * note given with `add`, the person and workspace Notion names for the token, and the names of
 * the tokens Notion lists for a workspace hold escape sequences (clear screen, window title, C1
 * CSI, bidi override, DEL). The Tokens list and a saved token's details show them escaped, as
 * text: no control but LF reaches a frame.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {sanitize} from '../../source/text/index.js';
import {startMockNotion, type MockNotion} from '../helpers/mock-notion.js';
import {fact} from '../helpers/token-fixtures.js';
import {KEY} from '../ui/helpers/keys.js';
import {NOW, renderApp} from '../ui/helpers/render-app.js';
import {seedUiHome, uuid} from '../ui/helpers/seed.js';
import {foreignControls, HOSTILE_TEXTS} from './support/hostile-cases.js';

const A = uuid('a');
const PAT = 'ntn_hostilesaved_4Rf6Tg8Yh0Uj2Ik4Ol6P';
const BOT = 'ntn_hostilebot_7Yh9Uj1Ik3Ol5Pz7Xc9Vb';
/** Every kind of control at once: ESC [ 2 J, OSC 0 title, C1 CSI, bidi override, DEL. */
const ALL = 'x\u001B[2J\u001B]0;PWNED\u0007\u009B31m\u202Eevil\u007Fy';
const LABEL = `ci${ALL}`;
const NOTE = `Note ${ALL}`;
const LIFETIME = `90d${ALL}`;
const LISTED = `listed ${ALL}`;

const servers: MockNotion[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(server => server.close()));
});

const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000).toISOString();

async function setUp() {
	const mock = await startMockNotion({now: () => NOW});
	servers.push(mock);
	const seeded = await seedUiHome({
		environments: {prod: [[A, 'Alpha']]},
		defaults: {prod: A},
		env: {NOTION_API_BASE_URL: mock.baseUrl, NOTION_PUBLIC_API_BASE_URL: mock.baseUrl, NOTION_TOKENS_STORE: 'file'},
	});
	mock.setToken(seeded.tokens[A]!, {
		tokens: [fact(seeded.tokenIds[A]!, 'ntn login', days(-30), days(300)), fact('listed-token', LISTED, days(-10), days(40))],
	});
	mock.setToken(PAT, {});
	mock.setUser(PAT, {kind: 'pat', name: HOSTILE_TEXTS.title});
	mock.setToken(BOT, {});
	mock.setUser(BOT, {kind: 'bot', name: HOSTILE_TEXTS.clear, workspaceName: HOSTILE_TEXTS.bidi});
	const {core} = seeded;
	await core.addSaved({label: 'ci', token: PAT, note: NOTE, lifetime: '90d'});
	await core.addSaved({label: 'bot', token: BOT});
	await core.refresh({allEnvironments: true});
	// A hand-edited state file: the label and the lifetime are whatever it says.
	const file = path.join(seeded.home.stateDir, 'state.json');
	const state = JSON.parse(await fs.readFile(file, 'utf8')) as {savedTokens: {tokens: Record<string, Record<string, unknown>>}};
	const record = state.savedTokens.tokens['ci']!;
	delete state.savedTokens.tokens['ci'];
	state.savedTokens.tokens[LABEL] = {...record, lifetime: LIFETIME};
	await fs.writeFile(file, JSON.stringify(state, null, 2));
	return seeded;
}

const flat = (frame: string) => frame.replace(/\s+/g, ' ');

describe('hostile text on the saved-token screens', () => {
	it('the Tokens list and the saved details show labels, notes, names and listed names escaped, never raw', async () => {
		const {core} = await setUp();
		expect((await core.savedTokens()).map(token => token.label)).toEqual(['bot', LABEL]);
		const app = renderApp(core, {size: {columns: 160, rows: 40}});
		await app.waitFor('Alpha');
		await app.press('2');
		const list = await app.waitFor(frame => frame.includes('[2 Tokens]') && frame.includes(`◆ ${sanitize(LABEL)}`));
		expect(list).toContain(sanitize(LISTED));
		await app.press('G');
		await app.press(KEY.enter);
		const detail = flat(await app.waitFor('Acts as'));
		expect(detail).toContain(`◆ ${sanitize(LABEL)}`);
		expect(detail).toContain(sanitize(NOTE));
		expect(detail).toContain(sanitize(LIFETIME));
		expect(detail).toContain(sanitize(HOSTILE_TEXTS.title));
		expect(detail).toContain(`notion-tokens exec ${sanitize(LABEL)}`);
		await app.press(KEY.escape);
		await app.press('k');
		await app.press(KEY.enter);
		const bot = flat(await app.waitFor('the internal connection'));
		expect(bot).toContain(`the internal connection "${sanitize(HOSTILE_TEXTS.clear)}" in ${sanitize(HOSTILE_TEXTS.bidi)}`);
		const frames = app.allFrames();
		expect(foreignControls(frames)).toEqual([]);
		for (const text of [ALL, HOSTILE_TEXTS.title, HOSTILE_TEXTS.clear, HOSTILE_TEXTS.bidi]) expect(frames.includes(text)).toBe(false);
	});
});
