import {visibleCount} from '../screens/workspaces/workspaces-reducer.js';
import type {AppState} from './app-state.js';

/** `12/340`: the cursor's place in the list on screen, or null when there is no list. */
export function positionOf(state: AppState): string | null {
	if (state.help.open || state.tokens.detail) return null;
	if (state.screen === 'admin') {
		if (state.admin.phase === 'pick' || state.admin.detail || state.admin.view.length === 0) return null;
		return `${state.admin.list.cursor + 1}/${state.admin.view.length}`;
	}
	const [cursor, count] =
		state.screen === 'workspaces'
			? [state.workspaces.list.cursor, state.workspaces.status === 'ready' ? visibleCount(state.workspaces) : 0]
			: state.screen === 'tokens'
				? [state.tokens.list.cursor, state.tokens.status === 'ready' ? state.tokens.rows.length : 0]
				: [state.expiring.list.cursor, state.expiring.status === 'ready' ? state.expiring.rows.length : 0];
	return count === 0 ? null : `${cursor + 1}/${count}`;
}
