import type {Context} from '../keymap.js';
import type {AppState} from './app-state.js';

/** Which part of the key map is live: an open dialog or overlay first, then the screen. */
export function contextOf(state: AppState): Context {
	if (state.refreshing) return 'refreshing';
	if (state.dialog) return state.dialog.kind === 'confirm' ? 'confirm' : state.dialog.kind === 'form' ? 'form' : 'type-confirm';
	if (state.help.open) return 'help';
	if (state.screen === 'workspaces' && state.workspaces.detail) return 'workspace';
	if (state.screen === 'workspaces' && state.workspaces.editing) return 'filter';
	if (state.screen === 'admin') {
		if (state.admin.phase === 'pick') return 'admin-pick';
		if (state.admin.detail) return 'admin-detail';
		if (state.admin.editing) return 'filter';
		return 'admin';
	}
	// The token details open over Tokens or Expiring, and keep that screen's tab.
	if (state.screen !== 'workspaces' && state.tokens.detail) return 'detail';
	return state.screen;
}
