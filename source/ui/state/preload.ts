import type {NotionTokensCore} from '../../core/index.js';
import {appReducer} from './app-reducer.js';
import {initialState, type AppState, type InitOptions} from './app-state.js';
import {runEffect} from './run-effect.js';

/**
 * The state of the first frame, with the workspaces and tokens already read: the UI opens on them
 * instead of a "reading" frame followed by a second full-screen render. A failed read is in the
 * state as the screen's error (runEffect never rejects). The rest of the queue runs once the app is up.
 */
export async function preloadedState(core: NotionTokensCore, options: InitOptions): Promise<AppState> {
	const state = initialState(options);
	const first = state.queue[0];
	if (first?.kind !== 'load-all') return state;
	return appReducer(appReducer(state, {type: 'dequeue', upTo: first.seq}), await runEffect(core, first));
}
