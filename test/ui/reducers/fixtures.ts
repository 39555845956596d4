import type {Inventory, TokenRow, WorkspaceRow} from '../../../source/core/index.js';

/** Plain data for reducer tests (no files, no core). */

export const workspaceRow = (id: string, name: string, isDefault = false): WorkspaceRow => ({
	id,
	name,
	environment: 'prod',
	isDefault,
	token: {state: 'present', masked: 'ntn_…abcd', tokenId: `tok-${id}`},
	storage: 'file',
});

export const inventoryOf = (rows: WorkspaceRow[], extra: Partial<Inventory> = {}): Inventory => ({
	environment: 'prod',
	configDir: {path: '/tmp/notion', source: 'NOTION_HOME'},
	store: {kind: 'file', reason: 'NOTION_KEYRING=0'},
	defaultWorkspaceId: rows.find(item => item.isDefault)?.id ?? null,
	defaults: {},
	workspaces: rows,
	overrides: [],
	problems: [],
	...extra,
});

export const tokenRow = (workspaceId: string, extra: Partial<TokenRow> = {}): TokenRow => ({
	source: 'stored',
	environment: 'prod',
	workspaceId,
	workspaceName: `Workspace ${workspaceId}`,
	masked: 'ntn_…abcd',
	storage: 'file',
	tokenId: `tok-${workspaceId}`,
	tokenName: null,
	issuedAt: '2025-07-01T00:00:00Z',
	expiresAt: '2026-07-01T00:00:00Z',
	expiryComputed: false,
	expiry: 'ok',
	daysLeft: 16,
	check: {outcome: 'unchecked', checkedAt: null},
	lastAttempt: null,
	factsFetchedAt: null,
	otherTokens: [],
	...extra,
});
