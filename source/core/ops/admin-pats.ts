import type {CoreContext} from '../context.js';
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {adminBaseUrl, PAT_STATUSES, type AdminApi, type PatRecord} from '../notion/admin-api.js';
import {markRemembered, rememberPats} from '../own/admin-listings.js';
import {readSnapshot, entriesOf} from '../ntn/snapshot.js';
import {maskToken} from '../shared/secret.js';
import {sortLikeNtn} from './workspace-rows.js';
import {isCreatorId, localFilter} from './admin-filters.js';
import {adminFailureError, describeAdminFailure} from './admin-errors.js';
import {requireAdminToken} from './admin-token.js';
import type {AdminWorkspace, PatFilters, PatListing, PatProgress, PatRevokeResult} from './admin-types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `0123…` (32 hex digits) as a dashed UUID; anything else as it is. */
const dashed = (id: string): string =>
	/^[0-9a-f]{32}$/i.test(id) ? `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}` : id;

/** ntn's cached workspaces of the environment, sorted as its picker sorts. */
export async function adminWorkspaces(ctx: CoreContext): Promise<AdminWorkspace[]> {
	const snapshot = await readSnapshot(ctx);
	if (snapshot.workspacesError) throw snapshot.workspacesError;
	const rows = entriesOf(snapshot, ctx.environment).map(row => ({id: row.entry.id, name: row.entry.name, environment: row.environment}));
	return sortLikeNtn(rows).map(row => ({id: row.id, name: row.name}));
}

/**
 * A workspace given as an id (a UUID, with or without dashes) or as a name or id prefix that ntn's
 * cache knows. A UUID not in the cache is used as it is (an admin reviews workspaces they never
 * logged in to).
 */
export async function adminWorkspace(ctx: CoreContext, query: string): Promise<AdminWorkspace> {
	const text = query.trim();
	const id = dashed(text);
	let cached: AdminWorkspace[] = [];
	try {
		cached = await adminWorkspaces(ctx);
	} catch (error) {
		if (!UUID.test(id)) throw error;
	}
	const byId = cached.find(row => row.id.toLowerCase() === id.toLowerCase());
	if (byId) return byId;
	if (UUID.test(id)) return {id: id.toLowerCase(), name: null};
	const rules: Array<(row: AdminWorkspace) => boolean> = [
		row => row.name === text,
		row => row.name?.toLowerCase() === text.toLowerCase(),
		row => text.length >= 4 && row.id.toLowerCase().startsWith(text.toLowerCase()),
	];
	for (const rule of rules) {
		const matches = cached.filter(rule);
		if (matches.length === 1) return matches[0]!;
		if (matches.length > 1) {
			throw new NotionTokensError(
				'ambiguous-workspace',
				`'${text}' matches ${matches.length} cached workspaces: ${matches.map(row => `${row.name} (${row.id})`).join(', ')}`,
				{
					fix: 'Name the workspace by its full id.',
					exitCode: EXIT.usage,
				},
			);
		}
	}
	// A long word could be a token pasted in the wrong place: it is shown masked.
	const shown = text.length >= 24 && !/\s/.test(text) ? maskToken(text) : text;
	throw new NotionTokensError('unknown-workspace', `'${shown}' is not a workspace id, and no workspace in ntn's cache (${ctx.environment}) matches it.`, {
		fix: 'Give the workspace id (a UUID), or a name or id prefix that `notion-tokens workspaces` lists.',
		exitCode: EXIT.usage,
	});
}

const hostOf = (base: string): string => new URL(base).host;

/** Fetches every page of a workspace's PATs, applying the filters Notion does not. */
export async function listAdminPats(
	ctx: CoreContext,
	api: AdminApi,
	workspace: AdminWorkspace,
	filters: PatFilters = {},
	options: {onPage?: (progress: PatProgress) => void; signal?: AbortSignal} = {},
): Promise<PatListing> {
	const token = await requireAdminToken(ctx);
	const base = adminBaseUrl(ctx.env);
	const now = ctx.clock.now();
	const keep = localFilter(filters, now.getTime());
	const creatorIds = filters.creator !== undefined && isCreatorId(filters.creator) ? [dashed(filters.creator.trim())] : [];
	const statuses = filters.statuses && filters.statuses.length < PAT_STATUSES.length ? filters.statuses : [];
	const query = {status: statuses, creatorIds, ...(filters.search ? {search: filters.search} : {})};
	const pats: PatRecord[] = [];
	let cursor: string | undefined;
	let pages = 0;
	let fetched = 0;
	const seen = new Set<string>();
	for (;;) {
		const page = await api.listPats(base, token.secret, workspace.id, cursor === undefined ? query : {...query, cursor}, options.signal);
		if (!page.ok) throw adminFailureError(page, 'list', hostOf(base), token);
		pages++;
		fetched += page.results.length;
		const kept = keep ? page.results.filter(keep) : page.results;
		for (const pat of kept) pats.push(pat);
		options.onPage?.({pages, fetched, page: kept});
		if (!page.hasMore || page.nextCursor === null) break;
		if (seen.has(page.nextCursor)) {
			throw new NotionTokensError('admin-malformed', `The Admin API at ${hostOf(base)} returned the same cursor twice; stopped after ${pages} pages.`, {
				fix: 'Try again; if it persists, the listing cannot be completed.',
			});
		}
		seen.add(page.nextCursor);
		cursor = page.nextCursor;
	}
	const listing: PatListing = {workspace, fetchedAt: now.toISOString(), pages, fetched, pats};
	// A listing without filters is the whole workspace: kept for offline viewing.
	const whole = statuses.length === 0 && creatorIds.length === 0 && !filters.search && keep === null;
	if (whole) await rememberPats(ctx, {workspace, fetchedAt: listing.fetchedAt, pats}).catch(() => undefined);
	return listing;
}

/** Revokes each PAT in turn (DELETE is idempotent: an already revoked PAT is revoked again). */
export async function revokeAdminPats(
	ctx: CoreContext,
	api: AdminApi,
	workspace: AdminWorkspace,
	ids: readonly string[],
	options: {onResult?: (result: PatRevokeResult) => void; signal?: AbortSignal} = {},
): Promise<PatRevokeResult[]> {
	const token = await requireAdminToken(ctx);
	const base = adminBaseUrl(ctx.env);
	const results: PatRevokeResult[] = [];
	for (const id of ids) {
		const answer = await api.revokePat(base, token.secret, workspace.id, id, options.signal);
		if (!answer.ok && answer.kind === 'interrupted') throw adminFailureError(answer, 'revoke', hostOf(base), token);
		const result: PatRevokeResult = answer.ok
			? {id, outcome: 'revoked'}
			: {
					id,
					outcome: 'failed',
					failure: {
						kind: answer.kind,
						...describeAdminFailure(answer, 'revoke', hostOf(base), token),
						...(answer.httpStatus === undefined ? {} : {httpStatus: answer.httpStatus}),
					},
				};
		results.push(result);
		options.onResult?.(result);
	}
	if (results.some(result => result.outcome === 'revoked')) await markRemembered(ctx, workspace, results).catch(() => undefined);
	return results;
}
