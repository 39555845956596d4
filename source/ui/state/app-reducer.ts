import {ADMIN_TOKEN_FIX, ENVIRONMENTS, expiringReport, type AdminWorkspace, type Environment, type TokenRow} from '../../core/index.js';
import {TEXT_CONTEXTS, resolveKey, type ActionId} from '../keymap.js';
import {adminReducer, pickTarget, revokeTargets, type AdminAction} from '../screens/admin/admin-reducer.js';
import {expiringReducer, selectedExpiring} from '../screens/expiring/expiring-reducer.js';
import {helpLines} from '../screens/help/help-lines.js';
import {helpReducer} from '../screens/help/help-reducer.js';
import {
	confirmDialog,
	dialogReducer,
	logoutAllIntent,
	sameIds,
	typeConfirmDialog,
	type Dialog,
	type DialogAction,
	type Intent,
} from '../screens/logout/dialog-reducer.js';
import {selectedDetailEntry, selectedToken, tokenKey, tokensReducer, type TokensAction} from '../screens/tokens/tokens-reducer.js';
import {selectedWorkspace, workspacesReducer, type WorkspacesAction} from '../screens/workspaces/workspaces-reducer.js';
import {SCREENS, enqueue, type AppState, type Screen, type Size} from './app-state.js';
import {contextOf} from './context.js';
import type {Effect, ResultEvent} from './effect.js';
import {listHeight} from './layout.js';
import type {ListMove} from './list.js';
import type {Notice} from './notice.js';
import {revokeLabel} from './result-notices.js';
import {addForm, editForm, refilledForm, rotateForm} from '../screens/saved/saved-form.js';

/** Everything the app's reducer receives: keys (already named), terminal size, core results. */
export type AppEvent =
	| {readonly type: 'key'; readonly name: string}
	| {readonly type: 'resize'; readonly size: Size}
	| {readonly type: 'dequeue'; readonly upTo: number}
	/** ntn's files changed on disk: every screen reads them again, quietly. */
	| {readonly type: 'files-changed'}
	| ResultEvent;

const DEFAULT_WINDOW_DAYS = 30;

const MOVES: Partial<Record<ActionId, ListMove>> = {
	'nav.up': 'up',
	'nav.down': 'down',
	'nav.page-up': 'page-up',
	'nav.page-down': 'page-down',
	'nav.first': 'first',
	'nav.last': 'last',
};

const isPrintable = (name: string): boolean => [...name].length === 1 && name >= ' ' && name !== '\u007F';

const windowDaysOf = (state: AppState): number => state.windowDays ?? DEFAULT_WINDOW_DAYS;

const withWorkspaces = (state: AppState, action: WorkspacesAction): AppState => ({...state, workspaces: workspacesReducer(state.workspaces, action)});
const withTokens = (state: AppState, action: TokensAction): AppState => ({...state, tokens: tokensReducer(state.tokens, action)});
const withAdmin = (state: AppState, action: AdminAction): AppState => ({...state, admin: adminReducer(state.admin, action)});
const ADMIN_NEEDS_TOKEN = {
	tone: 'info',
	text: "The Admin screen reviews a workspace's PATs through Notion's Admin API: it needs an organization bot token.",
	fix: `${ADMIN_TOKEN_FIX} Then start notion-tokens again.`,
} as const;

/** New token rows: the Tokens screen lists them, the Expiring screen shows those that need attention. */
function withTokenRows(state: AppState, rows: readonly TokenRow[], windowDays: number): AppState {
	const height = listHeight(state);
	return {
		...withTokens(state, {type: 'loaded', rows, height}),
		expiring: expiringReducer(state.expiring, {type: 'loaded', report: expiringReport(rows, windowDays), height}),
	};
}

/** Keeps every list's cursor and scroll valid for the current layout. */
function relayout(state: AppState): AppState {
	const height = listHeight(state);
	return {
		...state,
		workspaces: workspacesReducer(state.workspaces, {type: 'resize', height}),
		tokens: tokensReducer(state.tokens, {type: 'resize', height: listHeight({...state, screen: 'tokens', tokens: {...state.tokens, detail: null}})}),
		expiring: expiringReducer(state.expiring, {type: 'resize', height: listHeight({...state, screen: 'expiring'})}),
		admin: adminReducer(state.admin, {type: 'resize', height: listHeight({...state, screen: 'admin'})}),
	};
}

/** The busy line of a refresh: `Asking Notion: 3 of 7 · Esc cancels`. */
const askingText = (done: number, total: number): string =>
	`${total === 0 ? 'Asking Notion about every token' : `Asking Notion: ${done} of ${total}`} · Esc cancels`;

/** Starts a write: shows what is running, and refuses a second one meanwhile. */
function startAction(state: AppState, busy: string, effect: Effect): AppState {
	if (state.busy) return {...state, notice: {tone: 'info', text: `Still busy: ${state.busy}`}};
	return enqueue({...state, busy, notice: null}, effect);
}

function switchScreen(state: AppState, screen: Screen): AppState {
	if (screen === 'admin' && state.admin.available !== true) return {...state, notice: ADMIN_NEEDS_TOKEN};
	if (screen === 'admin' && state.admin.detail) state = withAdmin(state, {type: 'close'});
	const tokens = state.tokens.detail ? tokensReducer(state.tokens, {type: 'close'}) : state.tokens;
	const workspaces = state.workspaces.detail ? workspacesReducer(state.workspaces, {type: 'detail-close'}) : state.workspaces;
	return relayout({...state, screen, tokens, workspaces, help: {open: false, top: 0}});
}

/** The environment ntn itself uses in this shell: NOTION_ENV, else prod (notion-tokens' --env is not ntn's). */
function ntnEnvironment(state: AppState): string {
	const value = state.workspaces.inventory?.overrides.find(override => override.variable === 'NOTION_ENV')?.value;
	return value && asEnvironment(value) ? `${value} (NOTION_ENV)` : 'prod';
}

function cycleEnvironment(state: AppState): AppState {
	const index = ENVIRONMENTS.indexOf(state.environment);
	const environment = ENVIRONMENTS[(index + 1) % ENVIRONMENTS.length] as Environment;
	const notice: Notice = {
		tone: 'info',
		text: `Showing ${environment}. This changes only what notion-tokens shows: ntn in this shell still uses ${ntnEnvironment(state)}.`,
	};
	const next = withWorkspaces({...state, environment, notice}, {type: 'load', environment});
	return enqueue(next, {kind: 'load-inventory', environment});
}

/** Reads ntn's files again for every screen: the workspaces of the environment and every token. */
const reloadFiles = (state: AppState, announce = false): AppState =>
	enqueue(
		withWorkspaces(state, {type: 'load', environment: state.environment}),
		{kind: 'load-inventory', environment: state.environment},
		{kind: 'load-tokens', windowDays: windowDaysOf(state), ...(announce ? {announce} : {})},
	);

const RELOADING = "Reading ntn's files again…";

/** `r` on Workspaces ends with what was read, so that it is seen to have worked. */
function reloadNotice(state: AppState): Notice {
	const count = state.workspaces.inventory?.workspaces.length ?? 0;
	const tokens = state.tokens.rows.length;
	return {
		tone: 'success',
		text: `Read ntn's files again: ${count} workspace${count === 1 ? '' : 's'} in ${state.environment}, ${tokens} token${tokens === 1 ? '' : 's'} in all.`,
	};
}

/** The token list of an `r` reload arrived: the reload is over. */
const endReload = (state: AppState, announce: boolean | undefined): AppState =>
	announce && state.busy === RELOADING ? {...state, busy: null, notice: state.workspaces.status === 'error' ? null : reloadNotice(state)} : state;

/** The typed question for logging out of all of these workspaces. */
const changedDialog = (environment: Environment, asked: number, ids: readonly string[]): Dialog =>
	typeConfirmDialog(
		logoutAllIntent(environment, ids),
		environment,
		`Changed on disk: ${ids.length} workspace${ids.length === 1 ? '' : 's'} now, not ${asked}. Type ${environment} again.`,
	);

/**
 * A typed question about logging out of all workspaces counts what is on disk now: when ntn's files
 * change under it, it says so and asks again (what was typed is dropped).
 */
function askAgainIfChanged(state: AppState, environment: Environment, ids: readonly string[]): AppState {
	const intent = state.dialog && 'intent' in state.dialog ? state.dialog.intent : undefined;
	if (intent?.kind !== 'logout-all' || intent.environment !== environment || sameIds(intent.ids, ids)) return state;
	if (ids.length === 0) return {...state, dialog: null, notice: {tone: 'info', text: `Nothing was changed: ${environment} has no workspaces any more.`}};
	return {...state, dialog: changedDialog(environment, intent.ids.length, ids)};
}

function runIntent(state: AppState, intent: Intent): AppState {
	switch (intent.kind) {
		case 'logout':
			return startAction(state, `Logging out of ${intent.name}…`, {kind: 'logout', environment: intent.environment, workspaceId: intent.id});
		case 'logout-all':
			return startAction(state, `Logging out of every workspace in ${intent.environment}…`, {
				kind: 'logout-all',
				environment: intent.environment,
				ids: intent.ids,
			});
		case 'revoke':
			return startAction(state, `Revoking ${intent.label}…`, {kind: 'revoke', tokenId: intent.tokenId, environment: intent.environment});
		case 'admin-revoke':
			return startAction(state, `Revoking ${intent.ids.length} PAT${intent.ids.length === 1 ? '' : 's'}…`, {
				kind: 'admin-revoke',
				workspace: intent.workspace,
				ids: intent.ids,
			});
		case 'remove-saved':
			return startAction(state, `Removing "${intent.label}"…`, {kind: 'remove-saved', label: intent.label});
		case 'save-form':
			return startAction(
				state,
				intent.offline ? 'Saving without asking Notion…' : intent.purpose.kind === 'add' ? 'Asking Notion whom the token acts as, then saving it…' : 'Saving…',
				{kind: 'save-form', purpose: intent.purpose, values: intent.values, ...(intent.offline ? {offline: true} : {})},
			);
	}
}

function onDialog(state: AppState, action: DialogAction): AppState {
	if (!state.dialog) return state;
	const step = dialogReducer(state.dialog, action);
	const next = relayout({...state, dialog: step.dialog});
	return step.confirmed ? relayout(runIntent(next, step.confirmed)) : next;
}

const asEnvironment = (value: string | null): Environment | undefined =>
	value !== null && (ENVIRONMENTS as readonly string[]).includes(value) ? (value as Environment) : undefined;

function askRevoke(state: AppState): AppState {
	const inDetail = contextOf(state) === 'detail';
	const picked = inDetail ? selectedDetailEntry(state.tokens) : undefined;
	const row = inDetail ? picked?.row : selectedToken(state.tokens);
	if (!row) return state;
	if (row.source === 'saved') {
		return {
			...state,
			notice: {tone: 'info', text: 'A saved token is revoked in the Developer portal (notion.so/developers/tokens).', fix: 'D removes it from notion-tokens.'},
		};
	}
	const entry = picked?.entry;
	const tokenId = entry ? entry.id : row.tokenId;
	const isStored = entry ? entry.isStored : true;
	if (!tokenId) {
		return {
			...state,
			notice: {
				tone: 'warning',
				text: "Notion's id for this token is not known, so it cannot be revoked from here.",
				fix: 'Press r to fetch the token list from Notion, or revoke it at notion.so.',
			},
		};
	}
	const intent: Intent = {
		kind: 'revoke',
		tokenId,
		environment: asEnvironment(row.environment),
		label: revokeLabel(row, entry && !entry.isStored ? entry : undefined),
		isStored: isStored && row.source === 'stored',
	};
	return relayout({...state, dialog: confirmDialog(intent), notice: null});
}

/** The saved token selected on Tokens or open in details, if the selection is one. */
function savedSelected(state: AppState): TokenRow | undefined {
	const row = contextOf(state) === 'detail' ? selectedDetailEntry(state.tokens)?.row : selectedToken(state.tokens);
	return row?.source === 'saved' && row.label !== undefined ? row : undefined;
}

function back(state: AppState): AppState {
	const context = contextOf(state);
	if (context === 'help') return relayout({...state, help: helpReducer(state.help, {type: 'close'})});
	if (context === 'detail') return relayout(withTokens(state, {type: 'close'}));
	if (context === 'admin-detail') return relayout(withAdmin(state, {type: 'close'}));
	if (context === 'admin-pick' && state.admin.pickText !== '') return relayout(withAdmin(state, {type: 'pick-clear', height: listHeight(state)}));
	if (context === 'admin-pick' && state.admin.workspace) return relayout({...state, admin: {...state.admin, phase: 'list'}});
	if (context === 'admin' && state.admin.filter !== '') return relayout(withAdmin(state, {type: 'filter-clear', height: listHeight(state)}));
	if (context === 'workspace') return relayout(withWorkspaces(state, {type: 'detail-close'}));
	if (state.screen === 'workspaces' && state.workspaces.filter !== '') {
		return relayout(withWorkspaces(state, {type: 'filter-clear', height: listHeight(state)}));
	}
	if (state.screen !== 'workspaces') return switchScreen({...state, notice: null}, 'workspaces');
	if (state.notice) return relayout({...state, notice: null});
	return {...state, exitCode: 0};
}

function move(state: AppState, listMove: ListMove): AppState {
	const height = listHeight(state);
	const context = contextOf(state);
	if (context === 'help') return {...state, help: helpReducer(state.help, {type: 'scroll', move: listMove, lineCount: helpLines().length, height})};
	if (context === 'detail') return withTokens(state, {type: 'detail-move', move: listMove, height});
	if (state.screen === 'workspaces') return withWorkspaces(state, {type: 'move', move: listMove, height});
	if (state.screen === 'tokens') return withTokens(state, {type: 'move', move: listMove, height});
	if (state.screen === 'admin') {
		// In the details, moving shows the previous or next PAT.
		return withAdmin(state, {type: context === 'admin-pick' ? 'pick-move' : 'move', move: listMove, height});
	}
	return {...state, expiring: expiringReducer(state.expiring, {type: 'move', move: listMove, height})};
}

function runAction(state: AppState, action: ActionId, keyName: string): AppState {
	const listMove = MOVES[action];
	if (listMove) return move(state, listMove);
	const height = listHeight(state);
	switch (action) {
		case 'app.interrupt':
			return {...state, exitCode: 130};
		case 'app.quit':
			return {...state, exitCode: 0};
		case 'app.help':
			return relayout({...state, help: helpReducer(state.help, {type: 'toggle'})});
		case 'app.next-screen':
		case 'app.previous-screen': {
			const screens: readonly Screen[] = state.admin.available === true ? SCREENS : SCREENS.filter(screen => screen !== 'admin');
			const step = action === 'app.next-screen' ? 1 : screens.length - 1;
			return switchScreen(state, screens[(screens.indexOf(state.screen) + step) % screens.length] as Screen);
		}
		case 'app.goto-screen':
			return switchScreen(state, SCREENS[Number(keyName) - 1] ?? state.screen);
		case 'app.environment':
			return relayout(cycleEnvironment(state));
		case 'app.fix-permissions':
			return relayout(startAction(state, 'Fixing the permissions of auth.json…', {kind: 'fix-permissions'}));
		case 'nav.back':
			return back(state);
		case 'workspace.use': {
			const row = selectedWorkspace(state.workspaces);
			if (!row) return state;
			if (row.isDefault) return relayout({...state, notice: {tone: 'info', text: `${row.name} is already the default of ${state.environment}.`}});
			return relayout(startAction(state, `Making ${row.name} the default…`, {kind: 'use', environment: state.environment, workspaceId: row.id}));
		}
		case 'workspace.previous':
			return relayout(startAction(state, 'Switching back to the previous default…', {kind: 'use-previous', environment: state.environment}));
		case 'workspace.filter':
			return relayout(withWorkspaces(state, {type: 'filter-start'}));
		case 'workspace.logout': {
			const row = selectedWorkspace(state.workspaces);
			if (!row || state.busy) return state;
			return relayout({
				...state,
				notice: null,
				dialog: confirmDialog({kind: 'logout', environment: state.environment, id: row.id, name: row.name, storage: row.storage}),
			});
		}
		case 'workspace.logout-all': {
			if (state.busy || state.workspaces.status !== 'ready') return state;
			const ids = (state.workspaces.inventory?.workspaces ?? []).map(row => row.id);
			if (ids.length === 0) return relayout({...state, notice: {tone: 'info', text: `There are no workspaces in ${state.environment} to log out of.`}});
			return relayout({...state, notice: null, dialog: typeConfirmDialog(logoutAllIntent(state.environment, ids), state.environment)});
		}
		case 'workspace.reload':
			if (state.busy) return {...state, notice: {tone: 'info', text: `Still busy: ${state.busy}`}};
			return relayout(reloadFiles({...state, busy: RELOADING, notice: null}, true));
		case 'workspace.details':
			return relayout(withWorkspaces(state, {type: 'detail-open'}));
		case 'workspace.copy-id': {
			const row = selectedWorkspace(state.workspaces);
			return row ? enqueue(state, {kind: 'copy', text: row.id, what: `the id of ${row.name}`}) : state;
		}
		case 'filter.apply':
			if (state.screen === 'admin') return relayout(withAdmin(state, {type: 'filter-apply'}));
			return relayout(withWorkspaces(state, {type: 'filter-apply'}));
		case 'filter.clear':
			if (state.screen === 'admin') return relayout(withAdmin(state, {type: 'filter-clear', height}));
			return relayout(withWorkspaces(state, {type: 'filter-clear', height}));
		case 'text.delete': {
			const context = contextOf(state);
			if (context === 'admin-pick') return relayout(withAdmin(state, {type: 'pick-delete', height}));
			if (context === 'filter' && state.screen === 'admin') return relayout(withAdmin(state, {type: 'filter-delete', height}));
			return context === 'filter' ? relayout(withWorkspaces(state, {type: 'filter-delete', height})) : onDialog(state, {type: 'delete'});
		}
		case 'admin.pick': {
			const workspace = pickTarget(state.admin);
			if (!workspace) return {...state, notice: {tone: 'info', text: 'Pick a workspace, or type a workspace id (a UUID).'}};
			return fetchAdmin(state, workspace);
		}
		case 'admin.reload':
			return state.admin.workspace ? fetchAdmin(state, state.admin.workspace) : state;
		case 'admin.workspace':
			return relayout(withAdmin(state, {type: 'picking'}));
		case 'admin.open':
			return relayout(withAdmin(state, {type: 'open'}));
		case 'admin.filter':
			return relayout(withAdmin(state, {type: 'filter-start'}));
		case 'admin.mark':
			return withAdmin(state, {type: 'mark', height});
		case 'admin.status':
			return withAdmin(state, {type: 'status', height});
		case 'admin.sort':
			return withAdmin(state, {type: 'sort', height});
		case 'admin.quick':
			return withAdmin(state, {type: 'quick', height});
		case 'admin.creator':
			return withAdmin(state, {type: 'creator', height});
		case 'admin.revoke': {
			const targets = revokeTargets(state.admin);
			if (targets.length === 0 || state.busy || !state.admin.workspace) return state;
			const one = targets.length === 1 ? targets[0]! : null;
			const label = one
				? `${one.name === null ? 'the unnamed PAT' : `"${one.name.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ')}"`} of ${one.creator.email ?? one.creator.name ?? one.creator.id}`
				: null;
			const intent: Intent = {kind: 'admin-revoke', workspace: state.admin.workspace, ids: targets.map(pat => pat.id), label};
			return relayout({...state, notice: null, dialog: typeConfirmDialog(intent, String(targets.length))});
		}
		case 'token.open': {
			if (state.screen === 'tokens') return relayout(withTokens(state, {type: 'open'}));
			const row = selectedExpiring(state.expiring);
			if (!row) return state;
			const opened = withTokens(state, {type: 'open-key', key: tokenKey(row)});
			if (!opened.tokens.detail) return {...state, notice: {tone: 'info', text: 'That token is no longer in the list; press r to refresh.'}};
			return relayout(opened);
		}
		case 'token.refresh': {
			if (state.busy) return {...state, notice: {tone: 'info', text: `Still busy: ${state.busy}`}};
			const started = startAction(state, askingText(0, 0), {kind: 'refresh', windowDays: windowDaysOf(state)});
			return relayout({...started, refreshing: {done: 0, total: 0, cancelled: false}});
		}
		case 'refresh.cancel':
			if (!state.refreshing || state.refreshing.cancelled) return state;
			return enqueue(
				{...state, busy: `Stopping: ${state.refreshing.done} of ${state.refreshing.total} answered…`, refreshing: {...state.refreshing, cancelled: true}},
				{kind: 'refresh-cancel'},
			);
		case 'token.revoke':
			return state.busy ? state : askRevoke(state);
		case 'saved.add':
			return state.busy ? state : relayout({...state, notice: null, dialog: addForm()});
		case 'saved.edit':
		case 'saved.rotate':
		case 'saved.remove': {
			const row = savedSelected(state);
			if (!row || state.busy)
				return row ? state : {...state, notice: {tone: 'info', text: 'E, R and D work on saved tokens (◆): select one, or press a to save one.'}};
			const dialog =
				action === 'saved.edit'
					? editForm(row)
					: action === 'saved.rotate'
						? rotateForm(row)
						: typeConfirmDialog({kind: 'remove-saved', label: row.label ?? '', masked: row.masked}, row.label ?? '');
			return relayout({...state, notice: null, dialog});
		}
		case 'form.next':
			return onDialog(state, {type: 'next'});
		case 'form.previous':
			return onDialog(state, {type: 'previous'});
		case 'form.submit':
			return onDialog(state, {type: 'submit'});
		case 'form.cancel':
			return relayout({...state, dialog: null, notice: {tone: 'info', text: 'Nothing was saved.'}});
		case 'confirm.yes':
		case 'type-confirm.submit':
			return onDialog(state, {type: 'submit'});
		case 'confirm.no':
			if (state.dialog?.kind === 'confirm' && state.dialog.intent.kind === 'save-form') {
				const {purpose, values} = state.dialog.intent;
				return relayout({...state, dialog: refilledForm(purpose, values, 'Not saved: Notion could not be reached. Enter asks again.')});
			}
			return relayout({...state, dialog: null, notice: {tone: 'info', text: 'Nothing was changed.'}});
		case 'type-confirm.cancel':
			return relayout({...state, dialog: null, notice: {tone: 'info', text: 'Nothing was changed.'}});
		case 'nav.up':
		case 'nav.down':
		case 'nav.page-up':
		case 'nav.page-down':
		case 'nav.first':
		case 'nav.last':
			return state;
	}
}

function onKey(state: AppState, name: string): AppState {
	const context = contextOf(state);
	const problems = (state.workspaces.inventory?.problems ?? []).map(problem => problem.code);
	const binding = resolveKey(context, name, {problems});
	if (binding) return runAction(state, binding.action, name);
	if (TEXT_CONTEXTS.includes(context) && isPrintable(name)) {
		if (context === 'admin-pick') return relayout(withAdmin(state, {type: 'pick-type', text: name, height: listHeight(state)}));
		if (context === 'filter' && state.screen === 'admin') return relayout(withAdmin(state, {type: 'filter-type', text: name, height: listHeight(state)}));
		if (context === 'filter') return relayout(withWorkspaces(state, {type: 'filter-type', text: name, height: listHeight(state)}));
		return onDialog(state, {type: 'type', text: name});
	}
	return state;
}

function onResult(state: AppState, event: ResultEvent): AppState {
	const height = listHeight(state);
	switch (event.type) {
		case 'all-loaded': {
			const windowDays = state.windowDays ?? event.windowDays;
			const next = windowDays === null ? state : withAdmin({...state, windowDays}, {type: 'window', days: windowDays, height});
			return event.events.reduce(onResult, next);
		}
		case 'inventory-loaded':
			return relayout(
				askAgainIfChanged(
					withWorkspaces(state, {type: 'loaded', environment: event.environment, inventory: event.inventory, height}),
					event.environment,
					event.inventory.workspaces.map(row => row.id),
				),
			);
		case 'confirm-changed': {
			const next = {...state, busy: null};
			if (event.ids.length === 0)
				return relayout({...next, notice: {tone: 'info', text: `Nothing was changed: ${event.environment} has no workspaces any more.`}});
			return relayout({...next, notice: null, dialog: changedDialog(event.environment, event.asked, event.ids)});
		}
		case 'inventory-failed':
			return relayout(withWorkspaces(state, {type: 'failed', environment: event.environment, error: event.error}));
		case 'tokens-loaded':
			return relayout(endReload(withTokenRows(state, event.rows, event.windowDays), event.announce));
		case 'tokens-failed':
			return relayout(
				endReload(
					{
						...withTokens(state, {type: 'failed', error: event.error}),
						expiring: expiringReducer(state.expiring, {type: 'failed', error: event.error}),
					},
					event.announce,
				),
			);
		case 'refresh-progress':
			if (!state.refreshing || state.refreshing.cancelled) return state;
			return {...state, busy: askingText(event.done, event.total), refreshing: {...state.refreshing, done: event.done, total: event.total}};
		case 'action-done': {
			let next: AppState = {...state, busy: null, refreshing: null, notice: event.notice};
			if (event.tokens) next = withTokenRows(next, event.tokens.rows, event.tokens.windowDays);
			const windowDays = windowDaysOf(state);
			const effects: Effect[] =
				event.reload.includes('inventory') && event.reload.includes('tokens')
					? [{kind: 'load-all', environment: state.environment, windowDays}]
					: event.reload.map(reload => (reload === 'inventory' ? {kind: 'load-inventory', environment: state.environment} : {kind: 'load-tokens', windowDays}));
			return relayout(enqueue(next, ...effects));
		}
		case 'save-failed': {
			const done = {...state, busy: null, refreshing: null};
			// Notion did not answer whom a new token acts as: offer to save it without asking.
			if (event.error.code === 'check-failed' && event.purpose.kind === 'add') {
				return relayout({
					...done,
					dialog: confirmDialog({kind: 'save-form', purpose: event.purpose, values: event.values, offline: true, reason: event.error.message}),
				});
			}
			// The core's fix for an unanswered check names a command-line flag: the UI says it in its own words.
			const fix = event.error.code === 'check-failed' ? 'Try again when Notion can be reached.' : event.error.fix;
			return relayout({...done, notice: {tone: 'error', text: event.error.message, fix}});
		}
		case 'action-failed':
			return relayout({...state, busy: null, refreshing: null, notice: {tone: 'error', text: event.error.message, fix: event.error.fix}});
		case 'admin-available':
			return withAdmin(withAdmin(state, {type: 'available', available: event.available}), {
				type: 'choices',
				choices: event.choices,
				height: listHeight({...state, screen: 'admin'}),
			});
		case 'admin-page':
			return withAdmin(state, {
				type: 'page',
				generation: event.generation,
				page: event.page,
				pages: event.pages,
				now: event.now,
				height: listHeight({...state, screen: 'admin'}),
			});
		case 'admin-fetched':
			return withAdmin(state, {type: 'fetched', generation: event.generation, fetchedAt: event.fetchedAt});
		case 'admin-failed':
			return relayout(withAdmin(state, {type: 'failed', generation: event.generation, error: event.error}));
		case 'admin-remembered':
			return withAdmin(state, {
				type: 'remembered',
				generation: event.generation,
				pats: event.pats,
				fetchedAt: event.fetchedAt,
				now: event.now,
				height: listHeight({...state, screen: 'admin'}),
			});
		case 'admin-revoked': {
			const failed = event.results.filter(result => result.outcome === 'failed');
			const done = event.results.length - failed.length;
			const notice: Notice =
				failed.length === 0
					? {tone: 'success', text: `Revoked ${done} PAT${done === 1 ? '' : 's'}.`}
					: {
							tone: 'warning',
							text: `Revoked ${done} of ${event.results.length}; ${failed.length} failed: ${failed[0]!.failure?.message ?? ''}`,
							fix: failed[0]!.failure?.fix ?? null,
						};
			return relayout(
				withAdmin({...state, busy: null, notice}, {type: 'revoked', results: event.results, now: event.now, height: listHeight({...state, screen: 'admin'})}),
			);
		}
	}
}

/** Starts fetching a workspace's PATs; the pages arrive as events. */
function fetchAdmin(state: AppState, workspace: AdminWorkspace): AppState {
	const generation = state.admin.generation + 1;
	return relayout(enqueue(withAdmin({...state, notice: null}, {type: 'fetch', workspace, generation}), {kind: 'admin-fetch', workspace, generation}));
}

/** The view a notice belongs to: the screen, and which details are open over it. */
const viewOf = (state: AppState): string =>
	`${state.screen}:${state.tokens.detail ? 'token' : state.workspaces.detail ? 'workspace' : state.admin.detail ? 'pat' : 'list'}`;

/** A key that leads to another view leaves the notice of the previous one behind (a notice it gave itself stays). */
function scopeNotice(before: AppState, after: AppState): AppState {
	if (after.notice === null || after.notice !== before.notice || viewOf(after) === viewOf(before)) return after;
	return relayout({...after, notice: null});
}

export function appReducer(state: AppState, event: AppEvent): AppState {
	switch (event.type) {
		case 'key':
			return state.exitCode === null ? scopeNotice(state, onKey(state, event.name)) : state;
		case 'resize':
			// The first render already has the size: an unchanged size must not render again.
			if (event.size.columns === state.size.columns && event.size.rows === state.size.rows) return state;
			return relayout({...state, size: event.size});
		case 'dequeue':
			return {...state, queue: state.queue.filter(effect => effect.seq > event.upTo)};
		case 'files-changed':
			return state.exitCode === null ? relayout(reloadFiles(state)) : state;
		default:
			return onResult(state, event);
	}
}
