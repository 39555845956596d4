import type {CoreContext} from './context.js';
import {envValue} from './environment.js';
import {NotionTokensError} from './errors.js';
import {Secret} from './secret.js';
import {entriesOf, readSnapshot} from './snapshot.js';
import {tokenIdOf} from './token-format.js';
import type {Environment, ExpiringReport, RevokeResult, TokenRow} from './types.js';
import {sortLikeNtn} from './workspace-rows.js';

export interface TokenQuery {
	environment: Environment;
	allEnvironments?: boolean;
	withinDays?: number;
	query?: string;
}

const unchecked = {outcome: 'unchecked', checkedAt: null} as const;

/** Every token known: each cached workspace's stored token, and NOTION_API_TOKEN when set. */
export async function listTokens(ctx: CoreContext, query: TokenQuery): Promise<TokenRow[]> {
	const snapshot = await readSnapshot(ctx);
	if (snapshot.workspacesError) throw snapshot.workspacesError;
	const entries = sortLikeNtn(
		entriesOf(snapshot, query.allEnvironments ? undefined : query.environment).map(row => ({...row, name: row.entry.name, id: row.entry.id})),
	);
	const tokens = await snapshot.store.getMany([...new Set(entries.map(row => row.id))]);
	const rows: TokenRow[] = [];
	for (const row of entries) {
		const token = tokens.get(row.id);
		if (token instanceof NotionTokensError) throw token;
		if (!token) continue;
		rows.push(baseRow(token, {source: 'stored', environment: row.environment, workspaceId: row.id, workspaceName: row.name, storage: snapshot.store.info.kind}));
	}
	const override = envValue(ctx.env, 'NOTION_API_TOKEN');
	if (override !== undefined) {
		rows.push(baseRow(new Secret(override), {source: 'override', environment: null, workspaceId: envValue(ctx.env, 'NOTION_WORKSPACE_ID') ?? null, workspaceName: null, storage: 'env'}));
	}
	return rows;
}

function baseRow(token: Secret, where: Pick<TokenRow, 'source' | 'environment' | 'workspaceId' | 'workspaceName' | 'storage'>): TokenRow {
	return {
		...where,
		masked: token.masked,
		tokenId: tokenIdOf(token.reveal()),
		tokenName: null,
		issuedAt: null,
		expiresAt: null,
		expiryComputed: false,
		expiry: 'unknown',
		daysLeft: null,
		check: unchecked,
		factsFetchedAt: null,
		otherTokens: [],
	};
}

const notYet = (what: string) =>
	new NotionTokensError('not-implemented', `${what} is not available in this build`, {fix: 'Update notion-tokens.'});

export async function refreshTokens(_ctx: CoreContext, _query: TokenQuery): Promise<TokenRow[]> {
	throw notYet('Checking tokens with Notion');
}

export async function expiringTokens(_ctx: CoreContext, _query: TokenQuery): Promise<ExpiringReport> {
	throw notYet('Expiry warnings');
}

export async function revokeToken(_ctx: CoreContext, _tokenId: string, _environment: Environment): Promise<RevokeResult> {
	throw notYet('Revoking tokens');
}
