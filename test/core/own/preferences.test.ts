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
		expect(error.fix).toContain('the saved tokens themselves stay in the keychain or in tokens.json, never in this file');
		expect(await fs.readFile(path.join(home.stateDir, 'state.json'), 'utf8')).toBe('{oops');
	});

	it('the state dir: NOTION_TOKENS_HOME, else $XDG_STATE_HOME/notion-tokens, else ~/.local/state/notion-tokens', async () => {
		const root = await tempDir();
		expect(resolveStateDir({NOTION_TOKENS_HOME: 'own', XDG_STATE_HOME: '/x', HOME: '/h'}, root)).toBe(path.join(root, 'own'));
		expect(resolveStateDir({XDG_STATE_HOME: '/x', XDG_CONFIG_HOME: '/c', HOME: '/h'}, root)).toBe('/x/notion-tokens');
		expect(resolveStateDir({XDG_STATE_HOME: '', XDG_CONFIG_HOME: '/c', HOME: '/h'}, root)).toBe('/h/.local/state/notion-tokens');
		const core = createCore({env: {HOME: root, NOTION_HOME: root, NOTION_KEYRING: '0'}});
		await core.setPreferences({expiryWindowDays: 5});
		expect(await fs.readdir(path.join(root, '.local', 'state', 'notion-tokens'))).toEqual(['state.json']);
		for (const dir of ['.local', '.local/state', '.local/state/notion-tokens']) expect((await fs.stat(path.join(root, dir))).mode & 0o777).toBe(0o700);
		expect((await fs.stat(path.join(root, '.local/state/notion-tokens/state.json'))).mode & 0o777).toBe(0o600);
		await expect(fs.stat(path.join(root, '.config'))).rejects.toThrow();
	});

	it('moves the state from where earlier versions kept it, and leaves ~/.config as it was', async () => {
		const root = await tempDir();
		const legacy = path.join(root, '.config', 'notion-tokens');
		await fs.mkdir(legacy, {recursive: true});
		await fs.writeFile(path.join(legacy, 'state.json'), JSON.stringify({preferences: {expiryWindowDays: 12}}));
		await fs.writeFile(path.join(legacy, 'status-cache.json'), '{}');
		const core = createCore({env: {HOME: root, NOTION_HOME: root, NOTION_KEYRING: '0'}});
		expect(await core.preferences()).toEqual({expiryWindowDays: 12});
		expect(JSON.parse(await fs.readFile(path.join(root, '.local/state/notion-tokens/state.json'), 'utf8'))).toEqual({preferences: {expiryWindowDays: 12}});
		await expect(fs.stat(legacy)).rejects.toThrow();
		expect(await fs.readdir(path.join(root, '.config'))).toEqual([]);
	});

	it('refuses to create a dir that decides where ntn keeps its files, naming it', async () => {
		const root = await tempDir();
		const core = createCore({env: {HOME: root, NOTION_HOME: root, NOTION_KEYRING: '0', NOTION_TOKENS_HOME: path.join(root, '.config', 'notion-tokens')}});
		const error = await core.setPreferences({expiryWindowDays: 5}).then(
			() => undefined,
			(caught: Error) => caught,
		);
		expect(error?.message).toContain(`create ${path.join(root, '.config')}`);
		await expect(fs.stat(path.join(root, '.config'))).rejects.toThrow();
	});
});
