import type {CoreContext} from '../context.js';
import {NotionTokensError} from '../shared/errors.js';
import {prepareConfig, prepareWorkspaces, type ConfigFile, type NtnPaths, type WorkspacesFile} from '../ntn/files.js';
import type {PreparedDelete} from '../ntn/token-store.js';
import {assertReplaceable, type PreparedUpdate} from '../ntn/write-json.js';
import {entriesOf, readSnapshot, requireReadable, type Snapshot} from '../ntn/snapshot.js';
import type {Environment, LogoutPlan, LogoutResult} from '../shared/types.js';
import {findWorkspace, MISSING, toRow, type CachedEntry} from './workspace-rows.js';

/**
 * Forgets one workspace of an environment: deletes its token — unless another environment's cache
 * names the same id, since ntn shares one token per id (§5.1) — then clears the default if it was
 * the default, then removes its cache entry. Every file is written aside first, so that a full disk
 * or a read-only folder fails before the token is deleted; if the token cannot be deleted, nothing
 * else changes; if a file still cannot be put in place afterwards, the error says what changed, and
 * running the same logout again finishes it.
 */
export async function prepareLogout(ctx: CoreContext, query: string, environment: Environment): Promise<LogoutPlan> {
	const snapshot = await readSnapshot(ctx);
	requireReadable(snapshot);
	const target = findWorkspace(entriesOf(snapshot, environment), query, environment);
	return {
		environment,
		workspace: {id: target.entry.id, name: target.entry.name},
		// Under the lock, from the files as they are then: another process may have changed them since.
		run: () =>
			ctx.locked(async () => {
				const now = await readSnapshot(ctx);
				requireReadable(now);
				return logoutWorkspace(ctx, now, findWorkspace(entriesOf(now, environment), target.entry.id, environment), environment);
			}),
	};
}

async function logoutWorkspace(ctx: CoreContext, snapshot: Snapshot, target: CachedEntry, environment: Environment): Promise<LogoutResult> {
	const id = target.entry.id;
	const name = target.entry.name;
	const sharedWith = entriesOf(snapshot)
		.filter(row => row.environment !== environment && row.entry.id === id)
		.map(row => row.environment);

	const tokensDeleted: string[] = [];
	const tokensKept: LogoutResult['tokensKept'] = [];
	await assertFilesReplaceable(snapshot.paths);
	const stays = `${name} stays logged in; nothing was changed.`;
	let remaining: string | undefined;
	const writes = await prepareAll(stays, [
		() => (sharedWith.length > 0 ? undefined : snapshot.store.prepareDelete([id])),
		() =>
			prepareConfig(
				snapshot.paths,
				config =>
					clearDefaults(
						config,
						[environment],
						current => current === id,
						false,
						(_, left) => (remaining = left),
					),
				ctx.writeHooks,
			),
		() => prepareWorkspaces(snapshot.paths, file => removeEntries(file, environment, [target]), ctx.writeHooks),
	]);
	const [tokens, config, workspaces] = writes as [PreparedDelete | undefined, PreparedUpdate<ConfigFile>, PreparedUpdate<WorkspacesFile>];

	if (tokens) {
		const outcome = (await tokens.commit()).get(id);
		if (outcome instanceof NotionTokensError) {
			await Promise.all([config.discard(), workspaces.discard()]);
			throw new NotionTokensError(outcome.code, `${outcome.message}. ${stays}`, {fix: outcome.fix ?? '', exitCode: outcome.exitCode});
		}
		if (outcome) tokensDeleted.push(id);
	} else {
		tokensKept.push({
			id,
			reason: `kept: ${[...new Set(sharedWith)].sort().join(' and ')} still use${sharedWith.length === 1 ? 's' : ''} this workspace's token`,
		});
	}
	const done: string[] = tokensDeleted.length > 0 ? [`deleted the token of ${name} from ${storeName(snapshot)}`] : [];
	const rerun = `notion-tokens logout ${id} --env ${environment} --yes`;
	await commitInOrder(
		[
			{update: config, done: `cleared the default of ${environment} in config.json`},
			{update: workspaces, done: `removed ${name} from workspaces.json`},
		],
		done,
		`${name} is still listed in workspaces.json${tokensDeleted.length > 0 ? ', without a token' : ''}`,
		rerun,
	);
	return {
		environment,
		removed: [toRow(target, snapshot.config?.defaultWorkspaceIds ?? {}, MISSING, snapshot.store.info.kind)],
		tokensDeleted,
		tokensKept,
		defaultWorkspaceId: remaining ?? null,
		defaultWorkspaceName: nameOf(snapshot, environment, remaining),
		warnings: [],
	};
}

/**
 * ntn logout (§8) for one environment or all: delete the token of every cached workspace of the
 * environments (even one another environment shares, as ntn does — the result says so), remove
 * them from workspaces.json and their defaults from config.json, always writing both. A token that
 * cannot be deleted keeps its workspace in the cache, so nothing is orphaned. As for one workspace,
 * every file is written aside before any token is deleted.
 */
export async function logoutEnvironments(ctx: CoreContext, environments: readonly string[]): Promise<LogoutResult[]> {
	const snapshot = await readSnapshot(ctx);
	requireReadable(snapshot);
	await assertFilesReplaceable(snapshot.paths);
	const plans = environments.map(environment => {
		const entries = entriesOf(snapshot, environment);
		return {environment, entries, ids: [...new Set(entries.map(row => row.entry.id))]};
	});
	const allIds = [...new Set(plans.flatMap(plan => plan.ids))];
	const allNames = plans.flatMap(plan => plan.entries.map(row => row.entry.name));
	/** Ids whose token could not be deleted: their workspaces stay cached, their defaults stay. */
	let failed = new Set<string>();
	const remaining = new Map<string, string | undefined>();
	const mutateConfig = (config: ConfigFile) =>
		clearDefaults(
			config,
			environments,
			current => !failed.has(current),
			true,
			(environment, left) => remaining.set(environment, left),
		);
	const mutateWorkspaces = (file: WorkspacesFile) =>
		plans.reduce((next, plan) => {
			const kept = plan.ids.filter(id => failed.has(id));
			return removeEntries(
				next,
				plan.environment,
				plan.entries.filter(row => !failed.has(row.entry.id)),
				kept.length === 0,
			);
		}, file);

	const stays = `${allNames.length === 1 ? `${allNames[0]} stays` : 'Every workspace stays'} logged in; nothing was changed.`;
	let tokens: PreparedDelete;
	try {
		tokens = await snapshot.store.prepareDelete(allIds, {ensureFile: plans.some(plan => plan.entries.length > 0)});
	} catch (error) {
		// auth.json cannot be read or written: no token can go, so every workspace stays (as ntn's would not).
		if (!(error instanceof NotionTokensError)) throw error;
		tokens = {commit: async () => new Map(allIds.map(id => [id, error])), discard: async () => undefined};
		failed = new Set(allIds);
	}
	const assumed = failed.size;
	const writes = await prepareAll(stays, [
		() => prepareConfig(snapshot.paths, mutateConfig, ctx.writeHooks),
		() => prepareWorkspaces(snapshot.paths, mutateWorkspaces, ctx.writeHooks),
	]).catch(async error => {
		await tokens.discard();
		throw error;
	});
	const [preparedConfig, preparedWorkspaces] = writes as [PreparedUpdate<ConfigFile>, PreparedUpdate<WorkspacesFile>];
	const outcomes = await tokens.commit();
	failed = new Set(allIds.filter(id => outcomes.get(id) instanceof NotionTokensError));
	const deleted = allIds.filter(id => outcomes.get(id) === true);
	let config = preparedConfig;
	let workspaces = preparedWorkspaces;
	const done = deleted.length > 0 ? [`deleted the token${deleted.length === 1 ? '' : 's'} of ${namesOf(snapshot, deleted)} from ${storeName(snapshot)}`] : [];
	const allEnvironments = environments.length > 1;
	const rerun = `notion-tokens logout --all${allEnvironments ? ' --all-envs' : ` --env ${environments[0]}`} --yes`;
	if (failed.size > assumed) {
		// What was written aside assumed these tokens would go: write it again, keeping their workspaces.
		await Promise.all([config.discard(), workspaces.discard()]);
		[config, workspaces] = (await prepareAll('', [
			() => prepareConfig(snapshot.paths, mutateConfig, ctx.writeHooks),
			() => prepareWorkspaces(snapshot.paths, mutateWorkspaces, ctx.writeHooks),
		]).catch((error: NotionTokensError) => Promise.reject(incomplete(done, error, 'workspaces.json and config.json were not changed', rerun)))) as [
			PreparedUpdate<ConfigFile>,
			PreparedUpdate<WorkspacesFile>,
		];
	}
	await commitInOrder(
		[
			{update: config, done: `cleared the default${environments.length === 1 ? '' : 's'} in config.json`},
			{update: workspaces, done: 'removed the workspaces from workspaces.json'},
		],
		done,
		deleted.length > 0 ? 'the workspaces whose tokens were deleted are still listed, without a token' : 'the workspaces are still listed',
		rerun,
	);

	return plans.map(({environment, entries, ids}) => {
		const removed = entries.filter(row => !failed.has(row.entry.id));
		const tokensKept = ids.filter(id => failed.has(id)).map(id => ({id, reason: (outcomes.get(id) as NotionTokensError).message}));
		const warnings = ids
			.filter(id => failed.has(id))
			.map(id => {
				const error = outcomes.get(id) as NotionTokensError;
				return `${entries.find(row => row.entry.id === id)!.entry.name} stays logged in: ${error.message}. ${error.fix ?? ''}`.trim();
			});
		for (const id of ids) {
			if (outcomes.get(id) !== true) continue;
			// Environments logged out in this same call lose the token anyway: no need to warn about them.
			const others = entriesOf(snapshot).filter(row => row.environment !== environment && row.entry.id === id && !environments.includes(row.environment));
			if (others.length > 0) {
				warnings.push(
					`The token of ${id} was also the one ${others.map(row => row.environment).join(' and ')} used (ntn shares one token per workspace id); log in there again with \`ntn login\`.`,
				);
			}
		}
		const left = remaining.get(environment);
		return {
			environment: environment as Environment,
			removed: removed.map(row => toRow(row, snapshot.config?.defaultWorkspaceIds ?? {}, MISSING, snapshot.store.info.kind)),
			tokensDeleted: ids.filter(id => outcomes.get(id) === true),
			tokensKept,
			defaultWorkspaceId: left ?? null,
			defaultWorkspaceName: nameOf(snapshot, environment, left),
			warnings,
		};
	});
}

/**
 * Prepares every write in order; when one fails, the ones prepared before it are discarded and
 * the failure is thrown with `stays` added (nothing was changed).
 */
async function prepareAll(stays: string, steps: Array<() => Promise<Prepared> | undefined>): Promise<Array<Prepared | undefined>> {
	const prepared: Array<Prepared | undefined> = [];
	try {
		for (const step of steps) prepared.push(await step());
		return prepared;
	} catch (error) {
		await Promise.all(prepared.map(item => item?.discard()));
		if (!(error instanceof NotionTokensError) || !stays) throw error;
		throw new NotionTokensError(error.code, `${error.message}. ${stays}`, {
			fix: error.fix ?? '',
			exitCode: error.exitCode,
			...(error.file ? {file: error.file} : {}),
		});
	}
}

type Prepared = {discard(): Promise<void>};

/**
 * Puts prepared files in place, one after the other. When one fails, the rest are discarded and
 * the error says what was done (`done` and the steps before), what is left (`left`), and that
 * running `rerun` finishes the job.
 */
async function commitInOrder(steps: Array<{update: PreparedUpdate<unknown>; done: string}>, done: string[], left: string, rerun: string): Promise<void> {
	const made = [...done];
	for (const [index, step] of steps.entries()) {
		try {
			if ((await step.update.commit()).written) made.push(step.done);
		} catch (error) {
			await Promise.all(steps.slice(index + 1).map(later => later.update.discard()));
			if (!(error instanceof NotionTokensError) || made.length === 0) throw error;
			throw incomplete(made, error, left, rerun);
		}
	}
}

/** A logout stopped half way: what changed, what failed, and how to finish. */
function incomplete(done: string[], error: NotionTokensError, left: string, rerun: string): NotionTokensError {
	if (done.length === 0) return error;
	const said = done.join(', then ');
	return new NotionTokensError('logout-incomplete', `The logout stopped half way: it ${said}, but then: ${error.message}. So ${left}`, {
		fix: `${error.fix ? `${error.fix.replace(/,? then try again\.?$/, '')}, then run` : 'Run'} \`${rerun}\` to finish (it picks up where this one stopped).`,
		...(error.file ? {file: error.file} : {}),
	});
}

const storeName = (snapshot: Snapshot) => (snapshot.store.info.kind === 'keychain' ? 'the keychain' : 'auth.json');

function namesOf(snapshot: Snapshot, ids: readonly string[]): string {
	const names = ids.map(id => entriesOf(snapshot).find(row => row.entry.id === id)?.entry.name ?? id);
	return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function nameOf(snapshot: Snapshot, environment: string, id: string | undefined): string | null {
	return id ? (entriesOf(snapshot, environment).find(row => row.entry.id === id)?.entry.name ?? null) : null;
}

/** A token deleted while the cache cannot be written would be an orphan: check the files first. */
async function assertFilesReplaceable(paths: NtnPaths): Promise<void> {
	await assertReplaceable(paths.workspaces);
	await assertReplaceable(paths.config);
}

function removeEntries(file: WorkspacesFile, environment: string, removed: CachedEntry[], dropEnvironment = false): WorkspacesFile {
	const environments = {...file.environments};
	const entries = {...environments[environment]};
	for (const row of removed) {
		// Remove by key, and any other key whose entry carries the same id.
		for (const [key, entry] of Object.entries(entries)) if (key === row.key || entry.id === row.entry.id) delete entries[key];
	}
	if (dropEnvironment || Object.keys(entries).length === 0) delete environments[environment];
	else environments[environment] = entries;
	return {...file, environments};
}

/** config.json with the defaults of `environments` that `shouldClear` names removed; reports what is left per environment. */
function clearDefaults(
	config: ConfigFile,
	environments: readonly string[],
	shouldClear: (current: string) => boolean,
	alwaysWrite: boolean,
	left: (environment: string, remaining: string | undefined) => void,
): ConfigFile | undefined {
	const defaults = {...config.defaultWorkspaceIds};
	let cleared = false;
	for (const environment of environments) {
		const current = defaults[environment];
		if (current !== undefined && shouldClear(current)) {
			delete defaults[environment];
			cleared = true;
		}
		left(environment, defaults[environment]);
	}
	return cleared || alwaysWrite ? {...config, defaultWorkspaceIds: defaults} : undefined;
}
