import type {Inventory, Problem} from '../../../core/index.js';
import {shortId} from '../../format.js';
import type {Tone} from '../../state/notice.js';

/** The workspace NOTION_WORKSPACE_ID makes ntn use in this shell (ntn ignores an empty value), or null. */
export function workspaceOverride(inventory: Inventory | null): string | null {
	const value = inventory?.overrides.find(override => override.variable === 'NOTION_WORKSPACE_ID')?.value;
	return value ? value : null;
}

/**
 * One line above the list saying what ntn uses right now, so that it is seen even when its row is
 * scrolled away or filtered out: the default, or the workspace NOTION_WORKSPACE_ID picks instead.
 */
export function inUseLine(inventory: Inventory): {tone: Tone | 'muted'; text: string} {
	const {environment, defaultWorkspaceId} = inventory;
	const nameOf = (id: string): string | undefined => inventory.workspaces.find(row => row.id === id)?.name;
	const defaultText = defaultWorkspaceId === null ? null : `★ ${nameOf(defaultWorkspaceId) ?? `${shortId(defaultWorkspaceId)} (not in the workspace cache)`}`;
	const override = workspaceOverride(inventory);
	if (override !== null && override !== defaultWorkspaceId) {
		const name = nameOf(override);
		// An id that names no cached workspace is a problem, named in its own note above.
		if (name === undefined)
			return {tone: 'warning', text: `In this shell ntn is told to use ${shortId(override)}, which is not cached in ${environment}: see the note above.`};
		const instead = defaultText ? `, not the default ${defaultText}` : '';
		return {tone: 'info', text: `In this shell ntn uses ⚑ ${name} (NOTION_WORKSPACE_ID)${instead}.`};
	}
	if (defaultText) return {tone: 'muted', text: `ntn uses the default of ${environment}: ${defaultText}`};
	return {tone: 'muted', text: `No default workspace in ${environment}: Enter makes the selected one the default.`};
}

/**
 * The problem that keeps the workspaces from being listed (workspaces.json unreadable or corrupt):
 * the screen shows it in place of the list, with its fix, never "no workspaces cached".
 */
export function listProblem(inventory: Inventory | null): Problem | undefined {
	if (!inventory || inventory.workspaces.length > 0) return undefined;
	return inventory.problems.find(problem => problem.file !== undefined && /(^|[\\/])workspaces\.json$/.test(problem.file));
}
