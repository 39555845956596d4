import type {Environment, NotionTokensCore} from '../../core/index.js';
import type {QueuedEffect, ResultEvent} from './effect.js';
import {
	copyNotice,
	logoutAllNotice,
	logoutNotice,
	noPreviousNotice,
	permissionsNotice,
	refreshCancelledNotice,
	refreshNotice,
	revokeNotice,
	useNotice,
} from './result-notices.js';
import {sameIds} from '../screens/logout/dialog-reducer.js';
import {toUiError} from './ui-error.js';
import type {Notice} from './notice.js';
import {describeIdentity, type NotionTokensCore as Core} from '../../core/index.js';
import type {FormPurpose, FormValues} from '../screens/saved/saved-form.js';

/** Runs a submitted saved-token form against the core; what it says back is the notice. */
async function saveForm(core: Core, purpose: FormPurpose, values: FormValues, offline: boolean): Promise<Notice> {
	const dates = {
		...(values.expires === undefined ? {} : {expires: values.expires}),
		...(values.lifetime === undefined ? {} : {lifetime: values.lifetime}),
		...(values.note === undefined ? {} : {note: values.note}),
	};
	switch (purpose.kind) {
		case 'add': {
			const {token, warnings} = await core.addSaved({label: values.label ?? '', token: values.token ?? '', ...dates, ...(offline ? {offline} : {})});
			const who = token.identity ? `acts as ${describeIdentity(token.identity)}` : 'whom it acts as is not known';
			return {
				tone: warnings.length > 0 ? 'warning' : 'success',
				text: `Saved "${token.label}" (${token.masked}): ${who}.${warnings.length > 0 ? ` ${warnings.join(' ')}` : ''}`,
			};
		}
		case 'edit': {
			const {token} = await core.editSaved(purpose.label, dates);
			return {tone: 'success', text: `Updated "${token.label}".`};
		}
		case 'rotate': {
			const {token, replaced} = await core.rotateSaved(purpose.label, values.token ?? '');
			return {
				tone: 'success',
				text: `Replaced the token of "${token.label}" (${replaced.masked} → ${token.masked}).`,
				fix: `Now revoke the old token (${replaced.masked}) in the Developer portal (notion.so/developers/tokens); set the new one's expiry with E.`,
			};
		}
	}
}

const DEFAULT_WINDOW_DAYS = 30;

/** Runs one queued effect against the core. Never rejects: failures come back as events. */
/** What a long effect (a refresh) reports while it runs, and the signal that stops it. */
export interface EffectControl {
	readonly signal?: AbortSignal;
	readonly onProgress?: (done: number, total: number) => void;
}

export async function runEffect(
	core: NotionTokensCore,
	effect: QueuedEffect,
	copy: (text: string) => void = () => {},
	control: EffectControl = {},
): Promise<ResultEvent> {
	switch (effect.kind) {
		case 'load-all':
			return loadAll(core, effect.environment, effect.windowDays);
		case 'copy':
			copy(effect.text);
			return {type: 'action-done', notice: copyNotice(effect.what, effect.text), reload: []};
		case 'load-inventory':
			try {
				return {type: 'inventory-loaded', environment: effect.environment, inventory: await core.inventory({environment: effect.environment})};
			} catch (error) {
				return {type: 'inventory-failed', environment: effect.environment, error: toUiError(error)};
			}
		case 'load-tokens':
			try {
				const rows = await core.tokens({allEnvironments: true, withinDays: effect.windowDays});
				return {type: 'tokens-loaded', rows, windowDays: effect.windowDays, ...(effect.announce ? {announce: true} : {})};
			} catch (error) {
				return {type: 'tokens-failed', error: toUiError(error), ...(effect.announce ? {announce: true} : {})};
			}
		case 'admin-check':
			try {
				const token = await core.admin.token();
				const choices = token ? await core.admin.workspaces().catch(() => []) : [];
				return {type: 'admin-available', available: token !== null, choices};
			} catch {
				return {type: 'admin-available', available: false, choices: []};
			}
		default:
			try {
				return await runAction(core, effect, control);
			} catch (error) {
				return {type: 'action-failed', error: toUiError(error)};
			}
	}
}

async function loadAll(core: NotionTokensCore, environment: Environment, windowDays: number | null): Promise<ResultEvent> {
	try {
		const overview = await core.overview({environment, ...(windowDays === null ? {} : {withinDays: windowDays})});
		// Without the saved preference (our state could not be read) the default window still works.
		const window = overview.windowDays ?? windowDays ?? DEFAULT_WINDOW_DAYS;
		const tokens: ResultEvent = overview.tokensError
			? {type: 'tokens-failed', error: toUiError(overview.tokensError)}
			: {type: 'tokens-loaded', rows: overview.tokens, windowDays: window};
		return {type: 'all-loaded', windowDays: window, events: [{type: 'inventory-loaded', environment, inventory: overview.inventory}, tokens]};
	} catch (error) {
		const uiError = toUiError(error);
		return {
			type: 'all-loaded',
			windowDays: windowDays ?? DEFAULT_WINDOW_DAYS,
			events: [
				{type: 'inventory-failed', environment, error: uiError},
				{type: 'tokens-failed', error: uiError},
			],
		};
	}
}

async function runAction(core: NotionTokensCore, effect: QueuedEffect, control: EffectControl): Promise<ResultEvent> {
	switch (effect.kind) {
		case 'use':
			return {
				type: 'action-done',
				notice: useNotice(await core.switchWorkspace(effect.workspaceId, {environment: effect.environment}), false),
				reload: ['inventory'],
			};
		case 'use-previous':
			try {
				return {type: 'action-done', notice: useNotice(await core.switchBack({environment: effect.environment}), true), reload: ['inventory']};
			} catch (error) {
				// Nothing to switch back to is not a failure: say so in one line.
				if (toUiError(error).code !== 'no-previous') throw error;
				return {type: 'action-done', notice: noPreviousNotice(effect.environment), reload: []};
			}
		case 'logout':
			return {
				type: 'action-done',
				notice: logoutNotice(await core.logout(effect.workspaceId, {environment: effect.environment})),
				reload: ['inventory', 'tokens'],
			};
		case 'logout-all': {
			// Counted again at the moment it is confirmed: a workspace ntn added meanwhile is not logged out unasked.
			const now = (await core.inventory({environment: effect.environment, tokens: 'default'})).workspaces.map(row => row.id);
			if (!sameIds(now, effect.ids)) return {type: 'confirm-changed', environment: effect.environment, asked: effect.ids.length, ids: now};
			return {
				type: 'action-done',
				notice: logoutAllNotice(effect.environment, await core.logoutAll({environment: effect.environment})),
				reload: ['inventory', 'tokens'],
			};
		}
		case 'revoke': {
			const result = await core.revoke(effect.tokenId, effect.environment ? {environment: effect.environment} : {});
			return {type: 'action-done', notice: revokeNotice(result), reload: ['tokens']};
		}
		case 'refresh': {
			let progress = {done: 0, total: 0};
			const onProgress = (done: number, total: number) => {
				progress = {done, total};
				control.onProgress?.(done, total);
			};
			const rows = await core.refresh({allEnvironments: true, withinDays: effect.windowDays, onProgress, ...(control.signal ? {signal: control.signal} : {})});
			const cancelled = control.signal?.aborted === true && progress.done < progress.total;
			const notice = cancelled ? refreshCancelledNotice(progress.done, progress.total) : refreshNotice(rows);
			return {type: 'action-done', notice, reload: [], tokens: {rows, windowDays: effect.windowDays}};
		}
		case 'fix-permissions':
			return {type: 'action-done', notice: permissionsNotice(await core.fixPermissions()), reload: ['inventory']};
		case 'admin-revoke':
			return {type: 'admin-revoked', results: await core.admin.revoke(effect.workspace, effect.ids), now: core.now().getTime()};
		case 'save-form':
			try {
				return {type: 'action-done', notice: await saveForm(core, effect.purpose, effect.values, effect.offline === true), reload: ['tokens']};
			} catch (error) {
				return {type: 'save-failed', purpose: effect.purpose, values: effect.values, error: toUiError(error)};
			}
		case 'remove-saved': {
			const {token} = await core.removeSaved(effect.label);
			return {
				type: 'action-done',
				notice: {
					tone: 'success',
					text: `Removed "${token.label}" (${token.masked}).`,
					fix: 'If nothing needs it any more, revoke it in the Developer portal (notion.so/developers).',
				},
				reload: ['tokens'],
			};
		}
		default:
			throw new Error(`unknown effect ${effect.kind}`);
	}
}
