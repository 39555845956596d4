import type {CoreContext} from '../context.js';
import {NotionTokensError} from '../shared/errors.js';
import {assertReplaceable} from '../ntn/write-json.js';
import {updateConfig, updateWorkspaces, type NtnPaths, type WorkspacesFile} from '../ntn/files.js';
import {entriesOf, readSnapshot, requireReadable, type Snapshot} from '../ntn/snapshot.js';
import type {Environment, LogoutPlan, LogoutResult} from '../shared/types.js';
import {findWorkspace, MISSING, toRow, type CachedEntry} from './workspace-rows.js';

/**
 * Forgets one workspace of an environment: deletes its token — unless another environment's cache
 * names the same id, since ntn shares one token per id (§5.1) — then removes its cache entry, then
 * clears the default if it was the default. If the token cannot be deleted, nothing else changes.
 */
export async function prepareLogout(ctx: CoreContext, query: string, environment: Environment): Promise<LogoutPlan> {
	const snapshot = await readSnapshot(ctx);
	requireReadable(snapshot);
	const target = findWorkspace(entriesOf(snapshot, environment), query, environment);
	return {environment, workspace: {id: target.entry.id, name: target.entry.name}, run: () => logoutWorkspace(ctx, snapshot, target, environment)};
}

async function logoutWorkspace(ctx: CoreContext, snapshot: Snapshot, target: CachedEntry, environment: Environment): Promise<LogoutResult> {
	const id = target.entry.id;
	const sharedWith = entriesOf(snapshot)
		.filter(row => row.environment !== environment && row.entry.id === id)
		.map(row => row.environment);

	const tokensDeleted: string[] = [];
	const tokensKept: LogoutResult['tokensKept'] = [];
	await assertFilesReplaceable(snapshot.paths);
	if (sharedWith.length > 0) {
		tokensKept.push({id, reason: `kept: ${[...new Set(sharedWith)].sort().join(' and ')} still use${sharedWith.length === 1 ? 's' : ''} this workspace's token`});
	} else {
		const outcome = (await snapshot.store.deleteMany([id])).get(id);
		if (outcome instanceof NotionTokensError) {
			throw new NotionTokensError(outcome.code, `${outcome.message}. ${target.entry.name} stays logged in; nothing was changed.`, {
				fix: outcome.fix ?? '',
				exitCode: outcome.exitCode,
			});
		}
		if (outcome) tokensDeleted.push(id);
	}

	await updateWorkspaces(snapshot.paths, file => removeEntries(file, environment, [target]), ctx.writeHooks);
	const after = await clearDefault(ctx, snapshot, environment, current => current === id, false);
	return {
		environment,
		removed: [toRow(target, snapshot.config?.defaultWorkspaceIds ?? {}, MISSING, snapshot.store.info.kind)],
		tokensDeleted,
		tokensKept,
		...after,
		warnings: [],
	};
}

/**
 * ntn logout (§8) for one environment or all: delete the token of every cached workspace of the
 * environment (even one another environment shares, as ntn does — the result says so), remove
 * the environment from workspaces.json and its default from config.json, always writing both.
 * A token that cannot be deleted keeps its workspace in the cache, so nothing is orphaned.
 */
export async function logoutEnvironments(
	ctx: CoreContext,
	environments: readonly string[],
): Promise<LogoutResult[]> {
	const snapshot = await readSnapshot(ctx);
	requireReadable(snapshot);
	await assertFilesReplaceable(snapshot.paths);
	const results: LogoutResult[] = [];
	// A token deleted for an earlier environment of this same call counts as deleted for the later ones.
	const deletedInThisCall = new Set<string>();
	for (const environment of environments) {
		const entries = entriesOf(snapshot, environment);
		const ids = [...new Set(entries.map(row => row.entry.id))];
		const outcomes = await snapshot.store.deleteMany(ids, {ensureFile: entries.length > 0});
		const failed = new Set(ids.filter(id => outcomes.get(id) instanceof NotionTokensError));
		const removed = entries.filter(row => !failed.has(row.entry.id));
		const tokensKept = [...failed].map(id => ({id, reason: (outcomes.get(id) as NotionTokensError).message}));
		const warnings = [...failed].map(
			id => {
				const error = outcomes.get(id) as NotionTokensError;
				return `${entries.find(row => row.entry.id === id)!.entry.name} stays logged in: ${error.message}. ${error.fix ?? ''}`.trim();
			},
		);
		for (const id of ids) {
			if (failed.has(id)) continue;
			// Environments logged out in this same call lose the token anyway: no need to warn about them.
			const others = entriesOf(snapshot).filter(
				row => row.environment !== environment && row.entry.id === id && !environments.includes(row.environment),
			);
			if (others.length > 0 && outcomes.get(id) === true) {
				warnings.push(`The token of ${id} was also the one ${others.map(row => row.environment).join(' and ')} used (ntn shares one token per workspace id); log in there again with \`ntn login\`.`);
			}
		}

		await updateWorkspaces(snapshot.paths, file => removeEntries(file, environment, removed, failed.size === 0), ctx.writeHooks);
		const after = await clearDefault(ctx, snapshot, environment, current => !failed.has(current), true);
		for (const id of ids) if (outcomes.get(id) === true) deletedInThisCall.add(id);
		results.push({
			environment: environment as Environment,
			removed: removed.map(row => toRow(row, snapshot.config?.defaultWorkspaceIds ?? {}, MISSING, snapshot.store.info.kind)),
			tokensDeleted: ids.filter(id => outcomes.get(id) === true || deletedInThisCall.has(id)),
			tokensKept,
			...after,
			warnings,
		});
	}
	return results;
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

async function clearDefault(
	ctx: CoreContext,
	snapshot: Snapshot,
	environment: string,
	shouldClear: (current: string) => boolean,
	alwaysWrite: boolean,
): Promise<Pick<LogoutResult, 'defaultWorkspaceId' | 'defaultWorkspaceName'>> {
	let remaining: string | undefined;
	await updateConfig(
		snapshot.paths,
		config => {
			const defaults = {...config.defaultWorkspaceIds};
			const current = defaults[environment];
			const clear = current !== undefined && shouldClear(current);
			if (clear) delete defaults[environment];
			remaining = defaults[environment];
			return clear || alwaysWrite ? {...config, defaultWorkspaceIds: defaults} : undefined;
		},
		ctx.writeHooks,
	);
	const name = remaining ? entriesOf(snapshot, environment).find(row => row.entry.id === remaining)?.entry.name ?? null : null;
	return {defaultWorkspaceId: remaining ?? null, defaultWorkspaceName: name};
}
