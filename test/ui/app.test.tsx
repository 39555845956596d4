import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {NotionTokensError} from '../../source/core/index.js';
import {BINDINGS} from '../../source/ui/keymap.js';
import {preloadedState} from '../../source/ui/state/preload.js';
import {createTheme, noColorRequested} from '../../source/ui/theme.js';
import {KEY} from './helpers/keys.js';
import {renderApp} from './helpers/render-app.js';
import {seedUiHome, uuid} from './helpers/seed.js';

const A = uuid('a');
const B = uuid('b');

const seed = (extra: Partial<Parameters<typeof seedUiHome>[0]> = {}) =>
	seedUiHome({
		environments: {
			prod: [
				[A, 'Alpha'],
				[B, 'Beta'],
			],
		},
		defaults: {prod: A},
		...extra,
	});

describe('App', () => {
	it('opens on the workspaces and tokens already read: the first frame lists them, or shows why they could not be read', async () => {
		const size = {columns: 80, rows: 24};
		const {core, home} = await seed();
		const initial = await preloadedState(core, {environment: core.environment, size});
		// What runs once the app is up: whether there is an admin token.
		expect(initial.queue.map(effect => effect.kind)).toEqual(['admin-check']);
		const app = renderApp(core, {size, initial});
		const first = app.frames[0] ?? '';
		expect(first).toMatch(/❯ .*Alpha/);
		expect(first).toContain('Beta');
		expect(first).toContain('1/2');
		expect(app.allFrames()).not.toContain("Reading ntn's files");
		await app.press('j');
		await app.waitFor('2/2');
		await app.press('2');
		await app.waitFor(frame => frame.includes('[2 Tokens]') && frame.includes('Alpha') && !frame.includes('Reading the stored tokens'));

		await home.write('workspaces.json', 'garbage{');
		const broken = renderApp(core, {size, initial: await preloadedState(core, {environment: core.environment, size})});
		expect(broken.frames[0]).toContain('✗ Error: Failed to read workspaces.json');
		expect(broken.allFrames()).not.toContain("Reading ntn's files");

		// A read that throws ends up in the error panel of the first frame, not as an exception.
		const refusing = new Proxy(core, {
			get: (target, property, receiver) =>
				property === 'overview'
					? () => Promise.reject(new NotionTokensError('corrupt-file', 'Failed to parse config.json', {fix: 'Repair config.json by hand.'}))
					: Reflect.get(target, property, receiver),
		});
		const failed = renderApp(core, {size, initial: await preloadedState(refusing, {environment: core.environment, size})});
		expect(failed.frames[0]).toContain('Failed to parse config.json');
		expect(failed.frames[0]).toContain('Fix: Repair config.json by hand.');
	});

	it('quits with q (0), Esc at the top (0) and Ctrl+C (130), even while typing', async () => {
		const {core} = await seed();
		const q = renderApp(core);
		await q.waitFor('Alpha');
		await q.press('q');
		expect(await q.waitForExit()).toBe(0);

		const escape = renderApp(core);
		await escape.waitFor('Alpha');
		await escape.press(KEY.escape);
		expect(await escape.waitForExit()).toBe(0);

		const interrupt = renderApp(core);
		await interrupt.waitFor('Alpha');
		await interrupt.press('/');
		await interrupt.waitFor('Enter keeps the filter');
		await interrupt.press(KEY.ctrlC);
		expect(await interrupt.waitForExit()).toBe(130);
	});

	it('? opens every key from the key map, scrolls, and closes with ? or Esc', async () => {
		const {core} = await seed();
		const app = renderApp(core, {size: {columns: 100, rows: 90}});
		await app.waitFor('Alpha');
		await app.press('?');
		const frame = await app.waitFor('Keys (Esc or ? closes)');
		for (const binding of BINDINGS) expect(frame, binding.action).toContain(binding.description);
		await app.press('?');
		await app.waitFor(frame => frame.includes('Alpha') && !frame.includes('Keys ('));

		const small = renderApp(core, {size: {columns: 60, rows: 15}});
		await small.waitFor('Alpha');
		await small.press('?');
		let page = await small.waitFor(/Keys \(Esc or \? closes · 1–\d+ of \d+, ↑↓ scroll\)/);
		expect(page).toContain('Moving around');
		await small.press('G');
		page = await small.waitFor(frame => frame.includes('Ctrl+C'));
		expect(page).not.toContain('Moving around');
		await small.press(KEY.escape);
		await small.waitFor(frame => frame.includes('Alpha') && !frame.includes('Keys ('));
		expect(small.exitCode()).toBeNull();
	});

	it('stays usable at 60×15: long names are cut, long lists scroll', async () => {
		const rows: Array<[string, string]> = Array.from({length: 40}, (_, index) => [
			uuid(String(index % 10)).replace(/^.{2}/, String(index).padStart(2, '0')),
			`Workspace ${String(index).padStart(2, '0')} with a rather long name that cannot fit`,
		]);
		const {core} = await seedUiHome({environments: {prod: rows}, defaults: {prod: rows[0]![0]}});
		const app = renderApp(core, {size: {columns: 60, rows: 15}});
		let frame = await app.waitFor('Workspace 00');
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(14);
		for (const row of lines) expect(row.length, row).toBeLessThanOrEqual(60);
		expect(frame).toMatch(/❯ ★ Workspace 00 with a rat… 00000000 ✓ token/);
		expect(frame).not.toContain('Workspace 39');
		await app.press('G');
		frame = await app.waitFor('❯   Workspace 39');
		expect(frame).not.toMatch(/Workspace 00.* 00000000 /);
		expect(frame).toContain('40/40');
		// What ntn uses is named even with its row scrolled away.
		expect(frame).toContain('ntn uses the default of prod: ★ Workspace 00');
		await app.press(KEY.pageUp);
		frame = await app.waitFor(frame => !frame.includes('❯   Workspace 39'));
		expect(frame).toMatch(/❯ {3}Workspace 3[0-3]/);
		expect(frame.split('\n').length).toBeLessThanOrEqual(14);
	});

	it('renders only the visible rows of 1,000 workspaces, and moves and filters among them', async () => {
		const rows: Array<[string, string]> = Array.from({length: 1_000}, (_, index) => {
			const hex = index.toString(16).padStart(8, '0');
			return [`${hex}-0000-4000-8000-000000000000`, `Workspace ${String(index).padStart(4, '0')}`];
		});
		const {core} = await seedUiHome({environments: {prod: rows}, defaults: {prod: rows[0]![0]}});
		const app = renderApp(core);
		const frame = await app.waitFor('1/1000', 20_000);
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
		expect((frame.match(/Workspace \d{4}/g) ?? []).length).toBeLessThan(24);
		for (let step = 1; step <= 30; step++) {
			await app.press('j');
			await app.waitFor(`${step + 1}/1000`);
		}
		await app.press('/');
		await app.type('0999');
		await app.waitFor('❯   Workspace 0999');
		await app.press(KEY.enter);
		await app.waitFor('1 of 1000 · Esc clears the filter');
	});

	it('shows p only when auth.json is readable by others, and p makes it 600', async () => {
		const {core, home} = await seed({authMode: 0o644});
		const app = renderApp(core, {size: {columns: 120, rows: 24}});
		let frame = await app.waitFor('Press p to fix.');
		expect(frame).toContain('p fix perms');
		await app.press('p');
		frame = await app.waitFor('is now 600 (was 644): only you can read it.');
		expect((await fs.stat(path.join(home.dir, 'auth.json'))).mode & 0o777).toBe(0o600);
		await app.waitFor(frame => !frame.includes('p fix perms'));

		const fine = await seed();
		const other = renderApp(fine.core, {size: {columns: 120, rows: 24}});
		await other.waitFor('Alpha');
		expect(other.frame()).not.toContain('fix perms');
		await other.press('p');
		await other.waitFor('❯ ★ Alpha');
		expect(other.frame()).not.toContain('auth.json is now');
	});

	it('shows the caller’s banner', async () => {
		const {core} = await seed();
		const app = renderApp(core, {banner: 'Demo home: nothing here touches your real files'});
		const frame = await app.waitFor('Demo home');
		expect(frame.split('\n')[1]).toBe('Demo home: nothing here touches your real files');
	});

	it('keeps a screen that cannot be drawn inside a panel; the rest keeps working', async () => {
		const {core} = await seed();
		const broken = new Proxy(core, {
			get(target, property, receiver) {
				if (property !== 'overview') return Reflect.get(target, property, receiver) as unknown;
				return async (...args: Parameters<typeof core.overview>) => {
					const overview = await core.overview(...args);
					return {...overview, tokens: overview.tokens.map(row => ({...row, check: undefined}))};
				};
			},
		}) as typeof core;
		const errors = console.error;
		console.error = () => {};
		try {
			const app = renderApp(broken);
			await app.waitFor('❯ ★ Alpha');
			await app.press('2');
			const frame = await app.waitFor('This screen could not be drawn');
			expect(frame).toContain('Fix: This is a bug in notion-tokens');
			expect(frame).not.toMatch(/\n\s+at /);
			await app.press('1');
			await app.waitFor('❯ ★ Alpha');
			await app.press('j');
			await app.waitFor('❯   Beta');
		} finally {
			console.error = errors;
		}
	});

	it('drops colours with NO_COLOR, and never relies on them', () => {
		expect(noColorRequested({NO_COLOR: '1'})).toBe(true);
		expect(noColorRequested({NO_COLOR: ''})).toBe(false);
		expect(noColorRequested({})).toBe(false);
		expect(createTheme(true).color('error')).toBeUndefined();
		expect(createTheme(false).color('error')).toBe('red');
	});
});
