import type {Environment} from '../../core/index.js';
import {initialAdmin, type AdminState} from '../screens/admin/admin-reducer.js';
import {initialExpiring, type ExpiringState} from '../screens/expiring/expiring-reducer.js';
import {initialHelp, type HelpState} from '../screens/help/help-reducer.js';
import type {Dialog} from '../screens/logout/dialog-reducer.js';
import {initialTokens, type TokensState} from '../screens/tokens/tokens-reducer.js';
import {initialWorkspaces, type WorkspacesState} from '../screens/workspaces/workspaces-reducer.js';
import type {Effect, QueuedEffect} from './effect.js';
import type {Notice} from './notice.js';

export const SCREENS = ['workspaces', 'tokens', 'expiring', 'admin'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_TITLES: Record<Screen, string> = {workspaces: 'Workspaces', tokens: 'Tokens', expiring: 'Expiring', admin: 'Admin'};

export interface Size {
	readonly columns: number;
	readonly rows: number;
}

export interface AppState {
	readonly screen: Screen;
	readonly size: Size;
	readonly environment: Environment;
	/** Expiry window in days; null until the saved preference is read. */
	readonly windowDays: number | null;
	/** A line the caller asked to show under the title (e.g. a demo home). */
	readonly banner: string | null;
	readonly workspaces: WorkspacesState;
	readonly tokens: TokensState;
	readonly expiring: ExpiringState;
	/** The Admin screen (tab 4), present only with an admin token. */
	readonly admin: AdminState;
	readonly help: HelpState;
	readonly dialog: Dialog | null;
	readonly notice: Notice | null;
	/** What is running (e.g. `Logging out of Acme…`); write actions wait for it. */
	readonly busy: string | null;
	/** While every token is being asked of Notion: how many answered of how many; `cancelled` once Esc stopped it. */
	readonly refreshing: {readonly done: number; readonly total: number; readonly cancelled: boolean} | null;
	readonly queue: readonly QueuedEffect[];
	readonly nextEffectId: number;
	/** Set when the UI should close, with the exit code. */
	readonly exitCode: number | null;
}

export interface InitOptions {
	readonly environment: Environment;
	readonly size: Size;
	readonly windowDays?: number | undefined;
	readonly banner?: string | undefined;
}

export function enqueue(state: AppState, ...effects: Effect[]): AppState {
	let seq = state.nextEffectId;
	const queued = effects.map(effect => ({...effect, seq: seq++}) as QueuedEffect);
	return {...state, queue: [...state.queue, ...queued], nextEffectId: seq};
}

export function initialState(options: InitOptions): AppState {
	const base: AppState = {
		screen: 'workspaces',
		size: options.size,
		environment: options.environment,
		windowDays: options.windowDays ?? null,
		banner: options.banner ?? null,
		workspaces: initialWorkspaces(options.environment),
		tokens: initialTokens,
		expiring: initialExpiring,
		admin: initialAdmin,
		help: initialHelp,
		dialog: null,
		notice: null,
		busy: null,
		refreshing: null,
		queue: [],
		nextEffectId: 1,
		exitCode: null,
	};
	return enqueue(base, {kind: 'load-all', environment: options.environment, windowDays: options.windowDays ?? null}, {kind: 'admin-check'});
}
