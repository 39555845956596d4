import type {CoreContext} from '../context.js';
import {envValue} from '../ntn/environment.js';
import {NotionTokensError} from '../shared/errors.js';
import {updateConfig} from '../ntn/files.js';
import {entriesOf, probeKeychain, readSnapshot, requireReadable} from '../ntn/snapshot.js';
import type {CheckResult, Environment, UseResult, WorkspaceRow} from '../shared/types.js';
import {checkIsFor, readFacts, workspaceFacts} from '../own/facts.js';
import {rejectedFix, rejectedMessage} from './rejected-tokens.js';
import type {Secret} from '../shared/secret.js';
import {tokenIdOf} from '../ntn/token-format.js';
import {findWorkspace, presenceOf, toRow, type CachedEntry} from './workspace-rows.js';

const PREVIOUS_KEY = 'previousDefaults';
type PreviousDefaults = Record<string, Record<string, string>>;

/**
 * Makes a cached workspace the default of the environment: exactly what picking it in ntn's login
 * picker does — `defaultWorkspaceIds[env] = id` in config.json, nothing else (ntn-compat §7).
 */
export async function switchWorkspace(ctx: CoreContext, query: string, environment: Environment): Promise<UseResult> {
	const snapshot = await readSnapshot(ctx);
	requireReadable(snapshot);
	const entries = entriesOf(snapshot, environment);
	const target = findWorkspace(entries, query, environment);
	const currentDefault = snapshot.config?.defaultWorkspaceIds?.[environment];
	const tokens = await snapshot.store.getMany([...new Set([target.entry.id, ...(currentDefault === undefined ? [] : [currentDefault])])]);
	const token = tokens.get(target.entry.id);
	if (token instanceof NotionTokensError) throw token;
	if (token === null || token === undefined) {
		const keychainBroken = await probeKeychain(ctx, snapshot.store);
		if (keychainBroken) throw keychainBroken;
		throw new NotionTokensError(
			'no-token',
			`${target.entry.name} (${target.entry.id}) has no stored token in the ${snapshot.store.info.kind === 'file' ? 'auth.json file' : 'keychain'}, so ntn could not use it`,
			{fix: `Run \`ntn login\` and pick ${target.entry.name} to sign in again.`},
		);
	}

	let previousId: string | undefined;
	await updateConfig(
		snapshot.paths,
		config => {
			previousId = config.defaultWorkspaceIds?.[environment];
			return {...config, defaultWorkspaceIds: {...config.defaultWorkspaceIds, [environment]: target.entry.id}};
		},
		ctx.writeHooks,
	);

	const warnings: string[] = [];
	const rejected = await rejectedCheck(ctx, snapshot.configDir.path, environment, target.entry.id, token);
	if (rejected) {
		const item = {environment, workspaceId: target.entry.id, workspaceName: target.entry.name, check: rejected};
		warnings.push(`${rejectedMessage(item)}. ${rejectedFix(item)}`);
	}
	if (previousId !== undefined && previousId !== target.entry.id) {
		try {
			await ctx.state().update<PreviousDefaults>(PREVIOUS_KEY, all => ({
				...all,
				[snapshot.paths.dir]: {...all?.[snapshot.paths.dir], [environment]: previousId!},
			}));
		} catch (error) {
			warnings.push(`The previous default was not remembered for \`use -\`: ${(error as Error).message}`);
		}
	}

	const defaults = {[environment]: target.entry.id};
	const rowOf = (entry: CachedEntry): WorkspaceRow =>
		toRow(entry, defaults, presenceOf(previousId === currentDefault ? tokens.get(entry.entry.id) : undefined), snapshot.store.info.kind);
	const previousEntry = entries.find(row => row.entry.id === previousId);
	const overrideId = envValue(ctx.env, 'NOTION_WORKSPACE_ID');
	return {
		environment,
		previous: previousEntry ? rowOf(previousEntry) : null,
		current: toRow(target, defaults, presenceOf(token), snapshot.store.info.kind),
		shadowedBy: overrideId !== undefined && overrideId !== target.entry.id ? `NOTION_WORKSPACE_ID=${overrideId}` : null,
		warnings,
	};
}

/** Notion's last answer about this stored token, when it was a 401; undefined otherwise (or unknown). */
async function rejectedCheck(ctx: CoreContext, configDir: string, environment: string, workspaceId: string, token: Secret): Promise<CheckResult | undefined> {
	try {
		const facts = workspaceFacts(await readFacts(ctx.state()), configDir, environment, workspaceId);
		if (facts?.check.outcome !== 'invalid' || !checkIsFor(facts, token.reveal(), tokenIdOf(token.reveal()))) return undefined;
		return facts.check;
	} catch {
		return undefined;
	}
}

/** `use -`: back to the default in effect before the last switch (like `cd -` and `kubectx -`). */
export async function switchBack(ctx: CoreContext, environment: Environment): Promise<UseResult> {
	const snapshot = await readSnapshot(ctx);
	const previous = (await ctx.state().get<PreviousDefaults>(PREVIOUS_KEY))?.[snapshot.paths.dir]?.[environment];
	if (previous === undefined) {
		throw new NotionTokensError('no-previous', `There is no previous default workspace for ${environment} to switch back to`, {
			fix: 'Switch with `notion-tokens use <workspace>` first; `use -` then toggles between the last two.',
		});
	}
	if (!snapshot.workspacesError && !entriesOf(snapshot, environment).some(row => row.entry.id === previous)) {
		throw new NotionTokensError(
			'previous-gone',
			`The previous default workspace of ${environment} (${previous}) is no longer cached (logged out?), so \`use -\` cannot switch back to it`,
			{fix: 'Pick a workspace with `notion-tokens use <workspace>` (`notion-tokens workspaces` lists them), or sign in to it again with `ntn login`.'},
		);
	}
	return switchWorkspace(ctx, previous, environment);
}
