import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {describeConfigDirSource, resolveConfigDir} from '../../../source/core/ntn/config-dir.js';
import {NotionTokensError} from '../../../source/core/shared/errors.js';
import {tempDir} from '../../helpers/ntn-home.js';
import {debugConfigPath, runNtn} from '../../peer/helpers/ntn.js';

/**
 * Every row of ntn's config-dir resolution (ntn-compat §1), on real directories. Each row is also
 * put to the real ntn 0.4.0 (`ntn debug` prints the path it resolved), so the table is checked
 * against ntn, not against our reading of it.
 */

interface Layout {
	root: string;
	home: string;
	cwd: string;
}

async function layout(make: {dotConfig?: 'dir' | 'file' | 'symlink-dir' | 'dangling'; dotNotion?: boolean; xdg?: 'dir' | 'file'} = {}): Promise<Layout> {
	const root = await tempDir();
	const home = path.join(root, 'home');
	const cwd = path.join(root, 'cwd');
	await fs.mkdir(home);
	await fs.mkdir(cwd);
	const dotConfig = path.join(home, '.config');
	if (make.dotConfig === 'dir') await fs.mkdir(dotConfig);
	if (make.dotConfig === 'file') await fs.writeFile(dotConfig, '');
	if (make.dotConfig === 'symlink-dir') {
		await fs.mkdir(path.join(root, 'real-config'));
		await fs.symlink(path.join(root, 'real-config'), dotConfig);
	}
	if (make.dotConfig === 'dangling') await fs.symlink(path.join(root, 'gone'), dotConfig);
	if (make.dotNotion) await fs.mkdir(path.join(home, '.notion'));
	if (make.xdg === 'dir') await fs.mkdir(path.join(root, 'xdg'));
	if (make.xdg === 'file') await fs.writeFile(path.join(root, 'xdg'), '');
	return {root, home, cwd};
}

/** What ntn resolves for the same variables and working directory: the dir of its config.json. */
async function ntnResolves(env: Record<string, string | undefined>, cwd: string): Promise<string | null> {
	const result = await runNtn(['debug'], env, {cwd});
	expect(result.code).toBe(0);
	const configPath = debugConfigPath(result.stdout);
	return configPath === null ? null : path.dirname(path.resolve(cwd, configPath));
}

async function expectRow(env: Record<string, string | undefined>, at: Layout, expected: {path: string; source: string}) {
	const resolved = resolveConfigDir(env, at.cwd);
	expect(resolved).toEqual(expected);
	expect(await ntnResolves(env, at.cwd)).toBe(expected.path);
}

describe('config dir resolution, row by row, agreeing with ntn debug', () => {
	it('row 1: NOTION_HOME, an existing dir, wins over everything', async () => {
		const at = await layout({dotConfig: 'dir', dotNotion: true, xdg: 'dir'});
		const notionHome = path.join(at.root, 'nh');
		await fs.mkdir(notionHome);
		await expectRow({NOTION_HOME: notionHome, XDG_CONFIG_HOME: path.join(at.root, 'xdg'), HOME: at.home}, at, {
			path: notionHome,
			source: 'NOTION_HOME',
		});
	});

	it('row 1: a relative NOTION_HOME is taken from the working directory; a trailing slash is fine', async () => {
		const at = await layout();
		await fs.mkdir(path.join(at.cwd, 'rel'));
		await expectRow({NOTION_HOME: 'rel', HOME: at.home}, at, {path: path.join(at.cwd, 'rel'), source: 'NOTION_HOME'});
		await expectRow({NOTION_HOME: `${path.join(at.cwd, 'rel')}/`, HOME: at.home}, at, {path: path.join(at.cwd, 'rel'), source: 'NOTION_HOME'});
	});

	it('row 1: an empty NOTION_HOME counts as unset', async () => {
		const at = await layout({dotConfig: 'dir'});
		await expectRow({NOTION_HOME: '', HOME: at.home}, at, {path: path.join(at.home, '.config', 'notion'), source: '~/.config'});
	});

	it('row 2: XDG_CONFIG_HOME, when it is an existing dir, gives $XDG_CONFIG_HOME/notion (even if ~/.config exists)', async () => {
		const at = await layout({dotConfig: 'dir', dotNotion: true, xdg: 'dir'});
		await expectRow({XDG_CONFIG_HOME: path.join(at.root, 'xdg'), HOME: at.home}, at, {
			path: path.join(at.root, 'xdg', 'notion'),
			source: 'XDG_CONFIG_HOME',
		});
	});

	it('row 2: a relative XDG_CONFIG_HOME is taken from the working directory', async () => {
		const at = await layout();
		await fs.mkdir(path.join(at.cwd, 'xdg-rel'));
		await expectRow({XDG_CONFIG_HOME: 'xdg-rel', HOME: at.home}, at, {path: path.join(at.cwd, 'xdg-rel', 'notion'), source: 'XDG_CONFIG_HOME'});
	});

	it('row 2: XDG_CONFIG_HOME naming a missing dir, a file, or empty is skipped silently', async () => {
		const at = await layout({dotConfig: 'dir', xdg: 'file'});
		const next = {path: path.join(at.home, '.config', 'notion'), source: '~/.config'};
		await expectRow({XDG_CONFIG_HOME: path.join(at.root, 'missing'), HOME: at.home}, at, next);
		await expectRow({XDG_CONFIG_HOME: path.join(at.root, 'xdg'), HOME: at.home}, at, next);
		await expectRow({XDG_CONFIG_HOME: '', HOME: at.home}, at, next);
	});

	it('row 3: ~/.config as a dir gives ~/.config/notion, even when ~/.notion exists', async () => {
		const at = await layout({dotConfig: 'dir', dotNotion: true});
		await expectRow({HOME: at.home}, at, {path: path.join(at.home, '.config', 'notion'), source: '~/.config'});
	});

	it('row 3: ~/.config as a symlink to a dir counts as a dir', async () => {
		const at = await layout({dotConfig: 'symlink-dir'});
		await expectRow({HOME: at.home}, at, {path: path.join(at.home, '.config', 'notion'), source: '~/.config'});
	});

	it('row 4: ~/.notion when ~/.config is missing, a file, or a dangling symlink (whether ~/.notion exists or not)', async () => {
		for (const dotConfig of [undefined, 'file', 'dangling'] as const) {
			const at = await layout({...(dotConfig ? {dotConfig} : {}), dotNotion: dotConfig === 'file'});
			await expectRow({HOME: at.home}, at, {path: path.join(at.home, '.notion'), source: '~/.notion'});
		}
	});

	it('row 5: no NOTION_HOME, no usable XDG_CONFIG_HOME and no HOME (unset or empty) is an error', async () => {
		const at = await layout();
		for (const env of [{}, {HOME: ''}, {HOME: '', XDG_CONFIG_HOME: path.join(at.root, 'missing')}]) {
			let error: unknown;
			try {
				resolveConfigDir(env, at.cwd);
			} catch (thrown) {
				error = thrown;
			}
			expect(error).toBeInstanceOf(NotionTokensError);
			expect((error as NotionTokensError).message).toBe('Could not determine config directory');
			expect((error as NotionTokensError).fix).toBe('Set NOTION_HOME or XDG_CONFIG_HOME to a valid directory.');
			expect(await ntnResolves(env, at.cwd)).toBeNull();
		}
	});

	it("NOTION_HOME naming a missing dir or a file is an error with ntn's message and hint (ntn debug says N/A)", async () => {
		const at = await layout({dotConfig: 'dir'});
		const file = path.join(at.root, 'a-file');
		await fs.writeFile(file, '');
		for (const notionHome of [path.join(at.root, 'missing'), file]) {
			let error: unknown;
			try {
				resolveConfigDir({NOTION_HOME: notionHome, HOME: at.home}, at.cwd);
			} catch (thrown) {
				error = thrown;
			}
			expect(error).toBeInstanceOf(NotionTokensError);
			expect((error as NotionTokensError).message.startsWith('NOTION_HOME is set but does not point to an existing directory')).toBe(true);
			expect((error as NotionTokensError).message).toContain(notionHome);
			expect((error as NotionTokensError).fix).toBe('Create the directory first, or unset NOTION_HOME to use the default config/cache locations.');
			expect(await ntnResolves({NOTION_HOME: notionHome, HOME: at.home}, at.cwd)).toBeNull();
		}
	});

	it('says in words which rule chose the dir', () => {
		expect(describeConfigDirSource({path: '/x', source: 'NOTION_HOME'})).toBe('NOTION_HOME is set');
		expect(describeConfigDirSource({path: '/x', source: 'XDG_CONFIG_HOME'})).toBe('XDG_CONFIG_HOME is an existing directory');
		expect(describeConfigDirSource({path: '/x', source: '~/.config'})).toBe('~/.config is a directory');
		expect(describeConfigDirSource({path: '/x', source: '~/.notion'})).toBe('~/.config is not a directory');
	});
});
