/**
 * Two notion-tokens processes started together lose nothing: they take turns (the state dir's
 * lock) for every change of ntn's files and of notion-tokens' own state. Real processes of the
 * shipped CLI, many rounds each; the counts are printed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, workspacesFile} from '../helpers/ntn-home.js';
import {runCliProcess} from '../peer/helpers/headless-cli.js';
import {count, figure} from './support/mode.js';

const A = 'aaaaaaaa-1111-4111-8111-111111111111';
const B = 'bbbbbbbb-2222-4222-8222-222222222222';
const C = 'cccccccc-3333-4333-8333-333333333333';
const token = (name: string) => `ntn_race_${name}_${'x'.repeat(30)}`;

const both = async (env: Record<string, string>, first: string[], second: string[]) => {
	const results = await Promise.all([runCliProcess(first, env, {timeoutMs: 30_000}), runCliProcess(second, env, {timeoutMs: 30_000})]);
	for (const result of results) expect(result.code, result.stderr).toBe(0);
};

describe('two notion-tokens processes at once', () => {
	it(
		'logout of two workspaces: neither token is left in auth.json, no entry is left in workspaces.json',
		async () => {
			const rounds = count(10, 200);
			let orphaned = 0;
			for (let round = 0; round < rounds; round++) {
				const home = await ntnHome({
					config: {version: '1', defaultWorkspaceIds: {prod: C}},
					workspaces: workspacesFile({
						prod: [
							[A, 'Alpha'],
							[B, 'Beta'],
							[C, 'Gamma'],
						],
					}),
					auth: {[A]: token('a'), [B]: token('b'), [C]: token('c')},
				});
				await both(home.env, ['logout', 'Alpha', '--yes'], ['logout', 'Beta', '--yes']);
				const auth = JSON.parse(await home.read('auth.json')) as Record<string, string>;
				const cached = JSON.stringify(JSON.parse(await home.read('workspaces.json')));
				if (Object.keys(auth).join() !== C || cached.includes(A) || cached.includes(B)) orphaned++;
			}
			figure(`two \`logout <ws> --yes\` at once, ${rounds} rounds: ${orphaned} left a token or an entry behind`);
			expect(orphaned).toBe(0);
		},
		count(60_000, 900_000),
	);

	it(
		'use in prod and use in dev: both defaults kept; expiry-window beside use: both kept in state.json',
		async () => {
			const rounds = count(10, 200);
			let lostDefaults = 0;
			let lostState = 0;
			for (let round = 0; round < rounds; round++) {
				const home = await ntnHome({
					config: {version: '1', defaultWorkspaceIds: {prod: A, dev: C}},
					workspaces: workspacesFile({
						prod: [
							[A, 'Alpha'],
							[B, 'Beta'],
						],
						dev: [
							[C, 'Gamma'],
							[A, 'Alpha'],
						],
					}),
					auth: {[A]: token('a'), [B]: token('b'), [C]: token('c')},
				});
				await both(home.env, ['use', 'Beta', '--env', 'prod'], ['use', 'Alpha', '--env', 'dev']);
				const defaults = (JSON.parse(await home.read('config.json')) as {defaultWorkspaceIds: Record<string, string>}).defaultWorkspaceIds;
				if (defaults['prod'] !== B || defaults['dev'] !== A) lostDefaults++;
				await both(home.env, ['use', 'Alpha', '--env', 'prod'], ['expiry-window', String(10 + round)]);
				const state = JSON.parse(await fs.readFile(path.join(home.stateDir, 'state.json'), 'utf8')) as {
					preferences?: {expiryWindowDays?: number};
					previousDefaults?: Record<string, Record<string, string>>;
				};
				if (
					state.preferences?.expiryWindowDays !== 10 + round ||
					state.previousDefaults?.[home.dir]?.['prod'] !== B ||
					state.previousDefaults?.[home.dir]?.['dev'] !== C
				)
					lostState++;
			}
			figure(
				`\`use\` in prod and in dev at once, ${rounds} rounds: ${lostDefaults} lost a default; \`use\` beside \`expiry-window\`: ${lostState} lost a previous default or a preference`,
			);
			expect([lostDefaults, lostState]).toEqual([0, 0]);
		},
		count(60_000, 900_000),
	);
});
