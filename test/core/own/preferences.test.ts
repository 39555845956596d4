import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCore} from '../../../source/core/index.js';
import {resolveStateDir} from '../../../source/core/own/state.js';
import {ntnHome, tempDir} from '../../helpers/ntn-home.js';
import {coreOf, rejectionOf} from '../../peer/helpers/core.js';

/** notion-tokens' own state (preferences, previous defaults) lives in its own file, never in ntn's. */

describe('preferences', () => {
	it('default to a 30-day expiry window, and persist in state.json (mode 600) when set', async () => {
		const home = await ntnHome();
		expect(await coreOf(home).preferences()).toEqual({expiryWindowDays: 30});
		expect(await coreOf(home).setPreferences({expiryWindowDays: 14})).toEqual({expiryWindowDays: 14});
		expect(await coreOf(home).preferences()).toEqual({expiryWindowDays: 14});
		const file = path.join(home.stateDir, 'state.json');
		expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({preferences: {expiryWindowDays: 14}});
		expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
		expect(await fs.readdir(home.dir)).toEqual([]);
	});

	it('refuse a window that is not a whole number of days from 0 to 3650, changing nothing', async () => {
		const home = await ntnHome();
		await coreOf(home).setPreferences({expiryWindowDays: 7});
		for (const days of [-1, 1.5, 3651, Number.NaN]) {
			const error = await rejectionOf(() => coreOf(home).setPreferences({expiryWindowDays: days}));
			expect(error.code).toBe('bad-window');
			expect(error.exitCode).toBe(2);
		}
		expect(await coreOf(home).preferences()).toEqual({expiryWindowDays: 7});
	});

	it('a state file that is not JSON is an error naming it, and it is left as it is', async () => {
		const home = await ntnHome();
		await fs.mkdir(home.stateDir);
		await fs.writeFile(path.join(home.stateDir, 'state.json'), '{oops');
		const error = await rejectionOf(() => coreOf(home).setPreferences({expiryWindowDays: 3}));
		expect(error.code).toBe('corrupt-state');
		expect(error.message).toContain(path.join(home.stateDir, 'state.json'));
		expect(error.fix).toContain('never a token');
		expect(await fs.readFile(path.join(home.stateDir, 'state.json'), 'utf8')).toBe('{oops');
	});

	it('the state dir: NOTION_TOKENS_HOME, else $XDG_CONFIG_HOME/notion-tokens, else ~/.config/notion-tokens', async () => {
		const root = await tempDir();
		expect(resolveStateDir({NOTION_TOKENS_HOME: 'own', XDG_CONFIG_HOME: '/x', HOME: '/h'}, root)).toBe(path.join(root, 'own'));
		expect(resolveStateDir({XDG_CONFIG_HOME: '/x', HOME: '/h'}, root)).toBe('/x/notion-tokens');
		expect(resolveStateDir({XDG_CONFIG_HOME: '', HOME: '/h'}, root)).toBe('/h/.config/notion-tokens');
		const core = createCore({env: {HOME: root, NOTION_HOME: root, NOTION_KEYRING: '0'}});
		await core.setPreferences({expiryWindowDays: 5});
		expect(await fs.readdir(path.join(root, '.config', 'notion-tokens'))).toEqual(['state.json']);
	});
});
