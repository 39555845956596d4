/**
 * Columns line up whatever the names are made of: CJK, emoji sequences, flags and combining marks
 * take the columns a terminal gives them, in the CLI's tables and the UI's rows alike.
 */
import {describe, expect, it} from 'vitest';
import {stripVTControlCharacters} from 'node:util';
import {textWidth} from '../../source/text/index.js';
import {renderApp} from '../ui/helpers/render-app.js';
import {seedUiHome, uuid} from '../ui/helpers/seed.js';
import {runCli} from '../helpers/run-cli.js';

const NAMES = ['設計チーム', '👨‍👩‍👧 Family', '🇫🇷 Paris', 'Café e\u0301', '⚠️ Ops', '1️⃣ First', '한국어 팀', 'Plain'];

/** The column at which `text` starts on `line`. */
const columnOf = (line: string, text: string): number => textWidth(line.slice(0, line.indexOf(text)));

describe('alignment with wide and combined characters', () => {
	it('the CLI: each row of `workspaces` has its id at the same column, within 80', async () => {
		const ids = NAMES.map((_, index) => uuid(String(index + 1)));
		const ui = await seedUiHome({environments: {prod: NAMES.map((name, index) => [ids[index]!, name])}, defaults: {prod: ids[0]!}});
		const {stdout} = await runCli(['workspaces'], ui.home.env);
		const lines = stdout.split('\n').filter(line => ids.some(id => line.includes(id)));
		expect(lines).toHaveLength(NAMES.length);
		const columns = lines.map(line =>
			columnOf(
				line,
				ids.find(id => line.includes(id))!,
			),
		);
		expect(new Set(columns).size, stdout).toBe(1);
		for (const line of stdout.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(80);
	});

	it('the CLI: tables of long names fit 80 columns, cut with …', async () => {
		const long = ['A very long workspace name that goes on and on past any column', '設計チーム'.repeat(8)];
		const ids = long.map((_, index) => uuid(String(index + 1)));
		const ui = await seedUiHome({environments: {prod: long.map((name, index) => [ids[index]!, name])}, defaults: {prod: ids[0]!}});
		for (const argv of [['workspaces'], ['workspaces', '--all-envs'], ['tokens'], ['tokens', '--all-envs']]) {
			const {stdout} = await runCli(argv, ui.home.env);
			const rows = stdout.split('\n').filter(line => /WORKSPACE|NAME|A very|設計/.test(line));
			expect(rows.length, stdout).toBeGreaterThanOrEqual(3);
			for (const line of rows) expect(textWidth(line), line).toBeLessThanOrEqual(80);
			expect(stdout).toContain('…');
		}
	});

	it('the UI: each row of the Workspaces screen has its id at the same column', async () => {
		const ids = NAMES.map((_, index) => uuid(String(index + 1)));
		const ui = await seedUiHome({environments: {prod: NAMES.map((name, index) => [ids[index]!, name])}, defaults: {prod: ids[0]!}});
		const app = renderApp(ui.core);
		const frame = stripVTControlCharacters(await app.waitFor('Plain'));
		const short = ids.map(id => id.slice(0, 8));
		const lines = frame.split('\n').filter(line => short.some(id => line.includes(id)));
		expect(lines).toHaveLength(NAMES.length);
		const columns = lines.map(line =>
			columnOf(
				line,
				short.find(id => line.includes(id))!,
			),
		);
		expect(new Set(columns).size, frame).toBe(1);
		app.unmount();
	});
});
