import type {CoreContext} from '../context.js';
import {readSnapshot} from '../ntn/snapshot.js';
import {NotionTokensError} from '../shared/errors.js';
import type {Environment, Overview} from '../shared/types.js';
import {buildInventory} from './inventory.js';
import {listTokens, readOwn} from './token-list.js';

/**
 * The UI's whole picture from one snapshot: the environment's inventory and every environment's
 * tokens with their facts. Each token is read once, and our state once. A token list that cannot
 * be made (e.g. a token that could not be read) is returned as its error beside the inventory.
 */
export async function buildOverview(ctx: CoreContext, environment: Environment, withinDays?: number): Promise<Overview> {
	const snapshot = await readSnapshot(ctx);
	const inventory = await buildInventory(ctx, {environment}, snapshot);
	const query = {environment, allEnvironments: true, ...(withinDays === undefined ? {} : {withinDays})};
	try {
		const own = await readOwn(ctx, query);
		return {inventory, windowDays: own.windowDays, tokens: await listTokens(ctx, query, {snapshot, own}), tokensError: null};
	} catch (error) {
		if (!(error instanceof NotionTokensError)) throw error;
		return {inventory, windowDays: withinDays ?? null, tokens: [], tokensError: error};
	}
}
