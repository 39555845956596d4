import type {AdminWorkspace, NotionTokensCore} from '../../../core/index.js';
import {toUiError} from '../../state/ui-error.js';
import type {AdminEvent} from './admin-events.js';

/**
 * Fetches every page of a workspace's PATs, sending each page to the app as it arrives; when Notion
 * cannot be asked, the remembered listing is shown instead. Runs beside the app's queue (a long
 * fetch never holds up other work) and stops when `signal` aborts.
 */
export async function runAdminFetch(
	core: NotionTokensCore,
	workspace: AdminWorkspace,
	generation: number,
	dispatch: (event: AdminEvent) => void,
	signal: AbortSignal,
): Promise<void> {
	try {
		const listing = await core.admin.pats(
			workspace,
			{},
			{signal, onPage: ({page, pages}) => dispatch({type: 'admin-page', generation, page, pages, now: core.now().getTime()})},
		);
		dispatch({type: 'admin-fetched', generation, fetchedAt: listing.fetchedAt});
	} catch (error) {
		if (signal.aborted) return;
		dispatch({type: 'admin-failed', generation, error: toUiError(error)});
		const remembered = await core.admin.remembered(workspace.id).catch(() => null);
		if (remembered && !signal.aborted)
			dispatch({type: 'admin-remembered', generation, pats: remembered.pats, fetchedAt: remembered.fetchedAt, now: core.now().getTime()});
	}
}
