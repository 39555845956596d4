/** What the core hands to the CLI and the UI about a workspace's PATs (Notion's Admin API). No token values exist here. */
import type {AdminFailureKind, PatRecord, PatStatus} from '../notion/admin-api.js';

export type {PatRecord, PatStatus} from '../notion/admin-api.js';
export {PAT_STATUSES} from '../notion/admin-api.js';

export interface AdminWorkspace {
	/** The workspace (space) id sent to Notion. */
	id: string;
	/** Its name in ntn's workspace cache, null when the cache does not know it. */
	name: string | null;
}

/** Filters of a PAT listing. Status, creator id and search go to Notion; the rest is applied here. */
export interface PatFilters {
	statuses?: readonly PatStatus[];
	/** A creator id (sent to Notion), or an email or name matched on the records (case-insensitively). */
	creator?: string;
	/** Case-insensitive text in the token name (Notion's own search). */
	search?: string;
	/** Only active PATs that expire within this many days (or already have). */
	withinDays?: number;
	/** Only PATs not used for at least this many days, or never. */
	unusedDays?: number;
}

export interface PatProgress {
	pages: number;
	/** Records received so far (before local filters). */
	fetched: number;
	/** The records of the page just received, after local filters. */
	page: readonly PatRecord[];
}

export interface PatListing {
	workspace: AdminWorkspace;
	/** ISO time of the fetch. */
	fetchedAt: string;
	pages: number;
	fetched: number;
	pats: PatRecord[];
}

/** A listing kept for offline viewing, with its age. */
export interface RememberedPats {
	workspace: AdminWorkspace;
	fetchedAt: string;
	pats: PatRecord[];
}

export interface PatRevokeResult {
	id: string;
	/** revoked: Notion answered 200 (also for a PAT that was already revoked). */
	outcome: 'revoked' | 'failed';
	/** For failures: what went wrong and how to fix it. */
	failure?: {kind: AdminFailureKind; message: string; fix: string; httpStatus?: number};
}

export interface AdminTokenInfo {
	masked: string;
	source: string;
}

/** The Admin API part of the core. */
export interface AdminCore {
	/** The admin token in use (masked), or null when there is none. */
	token(): Promise<AdminTokenInfo | null>;
	/** ntn's cached workspaces of the environment, to pick from. */
	workspaces(): Promise<AdminWorkspace[]>;
	/** A workspace id, or a name or id prefix from ntn's cache. */
	workspace(query: string): Promise<AdminWorkspace>;
	/** Every page of the workspace's PATs; `onPage` sees each page as it arrives. */
	pats(workspace: AdminWorkspace, filters?: PatFilters, options?: {onPage?: (progress: PatProgress) => void; signal?: AbortSignal}): Promise<PatListing>;
	/** Revokes each PAT in turn; `onResult` sees each result as it comes. */
	revoke(
		workspace: AdminWorkspace,
		ids: readonly string[],
		options?: {onResult?: (result: PatRevokeResult) => void; signal?: AbortSignal},
	): Promise<PatRevokeResult[]>;
	/** The last complete listing of the workspace, kept in our own state dir. */
	remembered(workspaceId: string): Promise<RememberedPats | null>;
}
