import type {CacheKind} from './content-cache.js';
import {MISSING} from './workspace-rows.js';
import type {Environment, Inventory, StatusReport, TokenPresence, WorkspaceRow} from './types.js';

/** What is remembered of an answer: all but what is read live (overrides; file modes are added to problems later). */
export type RememberedStatus = Omit<StatusReport, 'overrides'>;
export type RememberedInventory = Omit<Inventory, 'overrides'>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const looksLikeSummary = (value: Record<string, unknown>) => typeof value['environment'] === 'string' && Array.isArray(value['problems']) && isObject(value['defaults']);

/** `status` of one environment: a small answer, a few kept (one per environment a person switches between). */
export const statusCache = (environment: Environment): CacheKind<RememberedStatus> => ({
	file: 'status-cache.json',
	keep: 8,
	question: ['status', environment],
	encode: report => report,
	decode: stored => (isObject(stored) && looksLikeSummary(stored) && typeof stored['workspaceCount'] === 'number' ? (stored as unknown as RememberedStatus) : undefined),
});

/**
 * The inventory with its rows, sorted: only the last one is kept (it can hold thousands of rows),
 * stored as columns (one array per field), which parse in about half the time of row objects.
 */
export const inventoryCache = (question: {environment: Environment; allEnvironments: boolean}): CacheKind<RememberedInventory> => ({
	file: 'inventory-cache.json',
	keep: 1,
	question: ['inventory', question.environment, question.allEnvironments],
	encode: ({workspaces, ...summary}) => ({
		summary,
		rows: {
			id: workspaces.map(row => row.id),
			name: workspaces.map(row => row.name),
			environment: workspaces.map(row => row.environment),
			masked: workspaces.map(row => (row.token.state === 'present' ? row.token.masked : null)),
			tokenId: workspaces.map(row => (row.token.state === 'present' ? row.token.tokenId : null)),
		},
	}),
	decode(stored) {
		if (!isObject(stored) || !isObject(stored['summary']) || !looksLikeSummary(stored['summary']) || !isObject(stored['rows'])) return undefined;
		const summary = stored['summary'] as unknown as Omit<RememberedInventory, 'workspaces'>;
		const {id, name, environment, masked, tokenId} = stored['rows'] as Record<string, unknown>;
		const columns = [id, name, environment, masked, tokenId];
		if (!columns.every(Array.isArray) || !columns.every(column => (column as unknown[]).length === (id as unknown[]).length)) return undefined;
		const ids = id as string[];
		const names = name as string[];
		const environments = environment as string[];
		const maskedTokens = masked as Array<string | null>;
		const tokenIds = tokenId as Array<string | null>;
		const workspaces: WorkspaceRow[] = [];
		for (let index = 0; index < ids.length; index++) {
			const [rowId, rowName, env, shown, shownId] = [ids[index], names[index], environments[index], maskedTokens[index], tokenIds[index]];
			if (typeof rowId !== 'string' || typeof rowName !== 'string' || typeof env !== 'string') return undefined;
			if (shown !== null && (typeof shown !== 'string' || (shownId !== null && typeof shownId !== 'string'))) return undefined;
			const token: TokenPresence = shown === null ? MISSING : {state: 'present', masked: shown, tokenId: shownId ?? null};
			workspaces.push({id: rowId, name: rowName, environment: env, isDefault: summary.defaults[env] === rowId, token, storage: 'file'});
		}
		return {...summary, workspaces};
	},
});
