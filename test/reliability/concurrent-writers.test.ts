/**
 * Reliability 1a: another writer changes ntn's files between our read and our commit.
 *
 * `writeHooks.beforeCommit` runs after notion-tokens has read a file and written its temp copy,
 * just before it checks the file and renames over it. There the test runs, at random, steps of an
 * ntn-style writer (in-place O_TRUNC writes of its own keys: the dev environment) and `use` of a
 * second notion-tokens (the stg default), while our core runs use / logout / re-adds in prod.
 * `writeHooks.afterCheck` runs after that check, just before the rename: an in-place write there
 * goes into the file the rename replaces, which notion-tokens must notice afterwards and re-apply.
 * (That re-apply is promised while the file stays quiet for the moment it takes: a second write
 * before it could undo the first in ways no reader of the bytes can order, so after such an
 * injection the test writes nothing more during that operation. The free-running soak measures
 * the general case.)
 * After every operation every file must parse and every key must hold what its writer last set:
 * our commit has to notice the change and re-apply itself to the new content.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createCore} from '../../source/core/services.js';
import {NotionTokensError} from '../../source/core/shared/errors.js';
import {ntnPaths, updateAuth, updateWorkspaces} from '../../source/core/ntn/files.js';
import {mintToken} from '../helpers/mock-notion.js';
import {homeWith, pool} from './support/fixture.js';
import {count, figure, random, seedFor} from './support/mode.js';
import {loginSteps, logoutSteps, lostKeys, ntnStyleWriter, readFilesNow, StepQueue, type Intent, type Step} from './support/ntn-style.js';

const TEMP = /^\.(config|workspaces|auth)\.json\.notion-tokens-\d+-[0-9a-f]+\.tmp$/;

describe('concurrent writers: deterministic interleaving between our read and our commit', () => {
	it('never loses an update of the other writer, and refuses cleanly when the file never settles', async () => {
		const target = count(300, 1500);
		const rng = random(seedFor('concurrent-writers'));
		const prod = pool('aaaaaaaa', 6, 'Prod');
		const dev = pool('dddddddd', 6, 'Dev');
		const stg = pool('cccccccc', 3, 'Stg');
		const home = await homeWith({prod, stg}, {prod: prod.ids[0]!, stg: stg.ids[0]!});
		const paths = ntnPaths(home.dir);

		const ntn = ntnStyleWriter(home.dir, items => rng.shuffle(items));
		const queue = new StepQueue();
		const ours: Intent = new Map();
		const peerIntent: Intent = new Map();
		const peer = createCore({env: home.env, stateDir: `${home.stateDir}-peer`, environment: 'stg'});
		const stats = {ours: 0, ntn: 0, peer: 0, injected: 0, conflicts: 0, orphaned: 0, refused: 0, checks: 0};
		const devCached = new Set<string>();

		/** One ntn read-modify-write of `file` (a login picking a cached workspace, a token, an entry). */
		const stepOn = (file: string): Step => {
			const id = rng.pick(dev.ids);
			if (file === 'config') {
				const choice = devCached.size > 0 && rng.chance(0.8) ? rng.pick([...devCached]) : undefined;
				return () => ntn.setDefault('dev', choice);
			}
			if (file === 'auth') {
				const token = rng.chance(0.8) ? mintToken() : undefined;
				return () => ntn.setToken(id, token);
			}
			const name = `Dev ${rng.int(1000)}`;
			return () => {
				ntn.setEntry('dev', id, name);
				devCached.add(id);
			};
		};

		/** One ntn-style operation, queued as its steps. */
		const startNtnOperation = (file?: string) => {
			stats.ntn++;
			const id = rng.pick(dev.ids);
			if (file !== undefined) queue.push(stepOn(file));
			else if (rng.chance(0.2)) queue.push(stepOn('config'));
			else if (rng.chance(0.8) || devCached.size === 0) {
				queue.push(...loginSteps(ntn, 'dev', id, `Dev ${rng.int(1000)}`, mintToken()), () => void devCached.add(id));
			} else {
				queue.push(...logoutSteps(ntn, 'dev'), () => devCached.clear());
			}
		};

		/** Writes by the other writers; `file` is the file our commit is about to replace. */
		const otherWrites = async (file: string | undefined) => {
			const n = rng.between(1, 3);
			for (let i = 0; i < n; i++) {
				if (rng.chance(0.12)) {
					stats.peer++;
					const id = rng.pick(stg.ids);
					await peer.switchWorkspace(id);
					peerIntent.set('default:stg', id);
					continue;
				}
				if (queue.length === 0) startNtnOperation(file !== undefined && rng.chance(0.7) ? file : undefined);
				queue.runOne();
			}
		};

		let budget = 0;
		let forced = false;
		const committing = async () => (await fs.readdir(home.dir)).map(name => TEMP.exec(name)?.[1]).find(Boolean);
		/** In the instant between our check and our rename: ntn rewrites that very file in place. */
		const afterCheck = async () => {
			if (forced || budget <= 0 || !rng.chance(0.3)) return;
			const file = await committing();
			if (!file) return;
			budget = 0;
			stats.orphaned++;
			stats.ntn++;
			stepOn(file)();
		};
		const core = createCore({
			env: home.env,
			environment: 'prod',
			writeHooks: {
				afterCheck,
				beforeCommit: async () => {
					const file = await committing();
					if (forced) {
						// Another writer that rewrites the file on every attempt: we must give up, not clobber.
						stats.ntn++;
						ntn.setDefault('dev', rng.pick(dev.ids.filter(id => id !== ntn.intent.get('default:dev'))));
						return;
					}
					if (budget <= 0 || !rng.chance(0.6)) return;
					budget--;
					stats.injected++;
					const before = file ? await fs.readFile(path.join(home.dir, `${file}.json`)) : undefined;
					await otherWrites(file);
					if (file && before && !before.equals(await fs.readFile(path.join(home.dir, `${file}.json`)))) stats.conflicts++;
				},
			},
		});

		const prodCached = new Set(prod.ids);
		let prodDefault: string | undefined = prod.ids[0];
		const failures: string[] = [];
		const check = (label: string) => {
			stats.checks++;
			const files = readFilesNow(home.dir); // throws if any file does not parse
			const lost = [...lostKeys(files, ours), ...lostKeys(files, ntn.intent), ...lostKeys(files, peerIntent)];
			if (lost.length > 0) failures.push(`${label}: lost ${lost.join(', ')}`);
		};

		while (stats.ours + stats.ntn + stats.peer < target) {
			budget = 5; // fewer than the 8 attempts a commit makes, so random injection never exhausts them
			const op = stats.ours;
			stats.ours++;
			const roll = rng.next();
			if (op % 40 === 39) {
				forced = true;
				const id = rng.pick([...prodCached]);
				const error = await core.switchWorkspace(id).then(
					() => undefined,
					(error: unknown) => error,
				);
				forced = false;
				expect(error).toBeInstanceOf(NotionTokensError);
				expect((error as NotionTokensError).code).toBe('concurrent-change');
				expect((error as NotionTokensError).message).toContain(paths.config);
				stats.refused++;
			} else if (roll < 0.55 || prodCached.size <= 2) {
				const id = rng.pick([...prodCached]);
				await core.switchWorkspace(id);
				prodDefault = id;
				ours.set('default:prod', id);
			} else if (roll < 0.8) {
				const id = rng.pick([...prodCached]);
				await core.logout(id);
				prodCached.delete(id);
				ours.set(`auth:${id}`, undefined);
				ours.set(`ws:prod:${id}`, undefined);
				if (prodDefault === id) {
					prodDefault = undefined;
					ours.set('default:prod', undefined);
				}
			} else {
				const missing = prod.ids.filter(id => !prodCached.has(id));
				if (missing.length === 0) continue;
				const id = rng.pick(missing);
				const token = mintToken();
				const name = `Prod ${rng.int(1000)}`;
				await updateAuth(paths, auth => ({...auth, [id]: token}), {beforeCommit: () => otherWritesMaybe(), afterCheck});
				await updateWorkspaces(paths, file => ({...file, environments: {...file.environments, prod: {...file.environments['prod'], [id]: {id, name}}}}), {
					beforeCommit: () => otherWritesMaybe(),
					afterCheck,
				});
				prodCached.add(id);
				ours.set(`auth:${id}`, token);
				ours.set(`ws:prod:${id}`, name);
			}
			check(`operation ${op}`);
		}
		while (queue.runOne());
		check('end');

		async function otherWritesMaybe() {
			if (budget <= 0 || !rng.chance(0.6)) return;
			budget--;
			stats.injected++;
			const file = await committing();
			const before = file ? await fs.readFile(path.join(home.dir, `${file}.json`)) : undefined;
			await otherWrites(file);
			if (file && before && !before.equals(await fs.readFile(path.join(home.dir, `${file}.json`)))) stats.conflicts++;
		}

		const total = stats.ours + stats.ntn + stats.peer;
		figure(
			`${total} interleaved operations (${stats.ours} notion-tokens, ${stats.ntn} ntn-style in-place, ${stats.peer} second notion-tokens), ` +
				`${stats.conflicts} commits found their file changed since the read and re-applied, ` +
				`${stats.orphaned} in-place writes between our check and our rename recovered, ${stats.refused} refused (file never settled), ` +
				`${failures.length} lost updates, 0 unparsable files in ${stats.checks} checks (seed ${rng.seed})`,
		);
		expect(failures).toEqual([]);
		expect(total).toBeGreaterThanOrEqual(target);
		expect(stats.conflicts).toBeGreaterThan(target / 10);
	}, 600_000);
});
