/**
 * The `tokens` table in the width it has: the first column takes the room a wide terminal gives,
 * so names are not cut for nothing, and every line stays within the width (80 off a terminal).
 */
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {run} from '../../source/cli/run.js';
import {createStyle} from '../../source/cli/style.js';
import {fixedClock} from '../../source/core/index.js';
import {textWidth} from '../../source/text/index.js';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {runCli} from '../helpers/run-cli.js';
import {closedPortUrl} from '../helpers/token-fixtures.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TOKEN_A = 'ntn_table_token_AAAA_0123456789abcdef';
const OVERRIDE = 'ntn_table_override_0123456789abcdefXYZ';
const NOW = '2026-12-03T10:00:00.000Z';
const core = {clock: fixedClock(NOW)};

async function world() {
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: {prod: A}},
		workspaces: workspacesFile({prod: [[A, 'Café Ünïcode Workspace']]}),
		auth: {[A]: TOKEN_A},
	});
	const closed = await closedPortUrl();
	const env = {...home.env, NOTION_API_TOKEN: OVERRIDE, NOTION_API_BASE_URL: closed, NOTION_PUBLIC_API_BASE_URL: closed};
	for (const [label, token] of [
		['nightly', 'ntn_pat_nightlyAAAA0123456789abcdefghij'],
		['nightly2', 'ntn_pat_nightlyBBBB0123456789abcdefghij'],
	] as const) {
		expect((await runCli(['add', label, '--offline', '--lifetime', '90d'], env, {core, input: token})).code).toBe(0);
	}
	// Notion cannot be reached: each row's check cell says so beside "never checked", and gets long.
	await runCli(['check'], env, {core});
	return env;
}

async function onTerminal(argv: string[], env: Record<string, string>, columns: number): Promise<string> {
	const stdout = Object.assign(new PassThrough(), {isTTY: true, columns});
	const stdin = Object.assign(new PassThrough(), {isTTY: false});
	stdin.end();
	const chunks: Buffer[] = [];
	stdout.on('data', chunk => chunks.push(chunk as Buffer));
	const code = await run(argv, {stdout, stderr: new PassThrough(), stdin, env, style: createStyle(false)}, {version: '0.0.0-test', core: {env, ...core}});
	expect(code).toBe(0);
	return Buffer.concat(chunks).toString('utf8');
}

const tableOf = (text: string) => text.split('\n\n')[0]!.split('\n');

describe('the tokens table', () => {
	it('on a wide terminal shows whole names in the first column, every line within the width', async () => {
		const env = await world();
		for (const columns of [120, 100]) {
			const lines = tableOf(await onTerminal(['tokens'], env, columns));
			expect(lines[0]).toMatch(/^WORKSPACE/);
			for (const start of ['Café Ünïcode Workspace  ', 'NOTION_API_TOKEN  ', 'nightly (saved)  ', 'nightly2 (saved)  ']) {
				expect(
					lines.some(line => line.startsWith(start)),
					`${start} at ${columns}:\n${lines.join('\n')}`,
				).toBe(true);
			}
			for (const line of lines) expect(textWidth(line), line).toBeLessThanOrEqual(columns);
		}
	});

	it('off a terminal keeps every line within 80 columns, and tells nightly from nightly2', async () => {
		const env = await world();
		const result = await runCli(['tokens'], env, {core});
		expect(result.code).toBe(0);
		const lines = tableOf(result.stdout);
		for (const line of result.stdout.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(80);
		const firsts = lines.map(line => line.split('  ')[0]!);
		expect(new Set(firsts).size, lines.join('\n')).toBe(lines.length);
		expect(firsts.find(cell => cell.startsWith('nightly2'))).toMatch(/^nightly2 \(s/);
	});
});
