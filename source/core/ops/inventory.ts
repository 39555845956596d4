import type {CoreContext} from '../context.js';
import {NotionTokensError} from '../shared/errors.js';
import {overridesIn} from '../ntn/overrides.js';
import {permissionProblems} from '../ntn/permissions.js';
import {cachedEntries, entriesIn, type WorkspacesFile} from '../ntn/files.js';
import {readSnapshot, probeKeychain, type Snapshot} from '../ntn/snapshot.js';
import {sortLikeNtn, toRow} from './workspace-rows.js';
import type {Environment, Inventory, Override, Problem, StatusReport, TokenPresence} from '../shared/types.js';
import {envValue} from '../ntn/environment.js';
import {findRejectedTokens, rejectedProblem} from './rejected-tokens.js';
import {SAVED_KEY, sanitizeSaved, sortedRecords} from '../own/saved-meta.js';
import {chooseSavedStore, savedSecretErrors} from '../own/saved-store.js';

const problemOf = (error: NotionTokensError): Problem => ({
	code: error.code,
	message: error.message,
	fix: error.fix ?? '',
	...(error.file ? {file: error.file} : {}),
});

export type TokenReads = 'all' | 'default';

type InventoryOptions = {environment: Environment; allEnvironments?: boolean; tokens?: TokenReads | undefined; rows?: false};

/**
 * What ntn holds for an environment (or all): workspaces with token presence, defaults, store,
 * overrides, and every problem found, each with a fix. Unreadable files become problems, not
 * exceptions; only an unresolvable config dir throws.
 */
export async function buildInventory(ctx: CoreContext, options: InventoryOptions, snapshot?: Snapshot): Promise<Inventory> {
	return withLiveParts(ctx, snapshot, options.allEnvironments ? undefined : options.environment, async snap => {
		const {summary, entries, tokenOf} = await assess(ctx, options, snap);
		return {...summary, workspaces: sortLikeNtn(entries.map(row => toRow(row, summary.defaults, tokenOf(row.entry.id), summary.store.kind)))};
	});
}

/**
 * `status`: the inventory of one environment without its rows (no row is built or sorted), and
 * how many tokens are saved. Our state is read once, for both the rejected tokens and the count;
 * when it cannot be read that is one more problem (and the count is not known), not a failure.
 */
export async function buildStatus(ctx: CoreContext, environment: Environment): Promise<StatusReport> {
	const state = ctx.state().read();
	state.catch(() => undefined); // each reader below says what an unreadable state means to it
	return withLiveParts(
		ctx,
		undefined,
		environment,
		async snap => {
			const {summary, workspaces} = await assess(ctx, {environment, tokens: 'default', rows: false}, snap);
			const cached = entriesIn(workspaces, environment);
			const current = summary.defaultWorkspaceId === null ? undefined : cached.find(entry => entry.id === summary.defaultWorkspaceId);
			const saved = await state.then(
				all => sortedRecords(sanitizeSaved(all[SAVED_KEY])),
				(error: unknown) => {
					if (!(error instanceof NotionTokensError)) throw error;
					summary.problems.push(problemOf(error));
					return null;
				},
			);
			const {file, missing} = await savedSecretErrors(ctx, saved ?? [], newOnesGoToFile(ctx));
			for (const error of [...(file ? [file] : []), ...missing.values()]) summary.problems.push(problemOf(error));
			return {...summary, workspaceCount: cached.length, defaultWorkspaceName: current?.name ?? null, savedCount: saved?.length ?? null};
		},
		state,
	);
}

/** Whether new saved tokens go to tokens.json: then it matters even before one is kept in it. */
function newOnesGoToFile(ctx: CoreContext): boolean {
	try {
		return chooseSavedStore(ctx).kind === 'file';
	} catch {
		return false; // a bad NOTION_TOKENS_STORE is said where the store is named
	}
}

/**
 * An answer made from one snapshot of ntn's files (read now, unless given), with environment
 * overrides, file modes and the stored tokens Notion last rejected (in `environment`, or in every
 * one when undefined) added; `state` is our state being read, when the caller reads it too.
 */
async function withLiveParts<T extends {problems: Problem[]}>(
	ctx: CoreContext,
	snapshot: Snapshot | undefined,
	environment: string | undefined,
	make: (snap: Snapshot) => Promise<T>,
	state?: Promise<Record<string, unknown>>,
): Promise<T & {overrides: Override[]}> {
	const snap = snapshot ?? (await readSnapshot(ctx));
	const [answer, modes, rejected] = await Promise.all([make(snap), permissionProblems(snap.paths), findRejectedTokens(ctx, snap, environment, state)]);
	return {...answer, overrides: overridesIn(ctx.env), problems: [...answer.problems, ...rejected.map(rejectedProblem), ...modes]};
}

/** The inventory's findings in ntn's files and token store: all but file modes and environment overrides. */
async function assess(ctx: CoreContext, options: InventoryOptions, snap: Snapshot) {
	const {environment} = options;
	const defaults: Record<string, string> = {...snap.config?.defaultWorkspaceIds};
	const defaultId = defaults[environment] ?? null;
	// `status` lists no rows: it builds no entry.
	const entries = options.rows === false ? [] : cachedEntries(snap.workspaces, options.allEnvironments ? undefined : environment);
	const ids = options.tokens === 'default' ? (defaultId ? [defaultId] : []) : entries.map(row => row.entry.id);
	// Across environments an id cached in two of them shares one token, read once. Within one, an id
	// repeats only in a hand-edited file, and reading it twice is harmless.
	const presences = await snap.store.presenceMany(options.allEnvironments ? [...new Set(ids)] : ids);

	const problems: Problem[] = [];
	const add = (problem: Problem) => {
		if (!problems.some(known => known.code === problem.code && known.message === problem.message)) problems.push(problem);
	};
	for (const error of [snap.configError, snap.workspacesError]) if (error) add(problemOf(error));

	// A failed read is a problem even when no token was asked for: in file mode ntn reads auth.json
	// for every token, so a bad one breaks `ntn tokens` and `ntn logout`.
	const {firstError} = presences;
	if (firstError) add(problemOf(firstError));
	// No token read proves the keychain works: check that it can hold one at all.
	const keychainBroken = !firstError && !presences.anyPresent ? await probeKeychain(ctx, snap.store) : undefined;
	if (keychainBroken) add(problemOf(keychainBroken));
	// A keychain that cannot be used may still hold tokens it does not show: "missing" is not known then.
	const brokenPresence: TokenPresence | undefined = keychainBroken && {state: 'unknown', reason: keychainBroken.message};
	const tokenOf = (id: string): TokenPresence => {
		const presence = presences.of(id);
		return brokenPresence && presence.state === 'missing' ? brokenPresence : presence;
	};
	if (snap.keyringFalseInConfig) {
		problems.push({
			code: 'keyring-false-ignored',
			message: 'config.json has "keyring": false, which ntn 0.4.0 ignores: ntn keeps using the keychain, while notion-tokens uses auth.json',
			fix: 'Set NOTION_KEYRING=0 in your shell profile so both use auth.json, or remove "keyring" from config.json.',
		});
	}

	if (defaultId !== null && !keychainBroken && !envValue(ctx.env, 'NOTION_API_TOKEN')) {
		if (ids.includes(defaultId) && presences.of(defaultId).state === 'missing') {
			problems.push({
				code: 'default-without-token',
				message: `The default workspace of ${environment} (${nameOf(snap.workspaces, environment, defaultId)}) has no stored token, so ntn cannot call the API`,
				fix: 'Run `ntn login` and pick it again, or choose another with `notion-tokens use <workspace>`.',
			});
		}
	}

	for (const problem of sharedTokenProblems(snap.workspaces)) add(problem);

	// ntn uses NOTION_WORKSPACE_ID before the default (§6): an id it does not know finds no token.
	const override = envValue(ctx.env, 'NOTION_WORKSPACE_ID');
	if (override !== undefined && !snap.workspacesError && !entriesIn(snap.workspaces, environment).some(entry => entry.id === override)) {
		problems.push({
			code: 'workspace-override-unknown',
			message: `NOTION_WORKSPACE_ID=${override} names no workspace cached in ${environment}, so ntn in this shell finds no token for it`,
			fix: 'Set NOTION_WORKSPACE_ID to the id of a cached workspace (`notion-tokens workspaces` lists them), or unset it.',
		});
	}

	const summary: Omit<Inventory, 'workspaces' | 'overrides'> = {
		environment,
		configDir: snap.configDir,
		store: snap.store.info,
		defaultWorkspaceId: defaultId,
		defaults,
		problems,
	};
	return {summary, entries, tokenOf, workspaces: snap.workspaces};
}

function nameOf(file: WorkspacesFile | undefined, environment: string, id: string): string {
	const entry = entriesIn(file, environment).find(cached => cached.id === id);
	return entry ? `${entry.name}, ${id}` : id;
}

/** ntn keys tokens by workspace id alone: one id cached in two environments shares one token (§5.1). */
function sharedTokenProblems(file: WorkspacesFile | undefined): Problem[] {
	const environments = file ? Object.keys(file.environments) : [];
	// One environment (the usual case) shares nothing: skip the map of every id.
	if (environments.length < 2) return [];
	// The first environment of each id as a string; a Set only for the few ids found in more than one.
	const firstEnv = new Map<string, string>();
	const shared = new Map<string, Set<string>>();
	for (const environment of environments) {
		for (const {id} of entriesIn(file, environment)) {
			const first = firstEnv.get(id);
			if (first === undefined) firstEnv.set(id, environment);
			else if (first !== environment) shared.set(id, (shared.get(id) ?? new Set([first])).add(environment));
		}
	}
	const problems: Problem[] = [];
	for (const id of firstEnv.keys()) {
		const envs = shared.get(id);
		if (!envs) continue;
		problems.push({
			code: 'shared-token',
			message: `Workspace ${id} is cached in ${[...envs].sort().join(' and ')}, which share one token: \`ntn logout\` in one deletes it for the other`,
			fix: `Use \`notion-tokens logout ${id} --env <env>\`, which keeps a token another environment still uses.`,
		});
	}
	return problems;
}
