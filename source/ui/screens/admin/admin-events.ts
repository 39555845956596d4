import type {AdminWorkspace, PatRecord, PatRevokeResult} from '../../../core/index.js';
import type {UiError} from '../../state/ui-error.js';

/** What the Admin screen's work sends back to the app. */
export type AdminEvent =
	| {readonly type: 'admin-available'; readonly available: boolean; readonly choices: readonly AdminWorkspace[]}
	| {readonly type: 'admin-page'; readonly generation: number; readonly page: readonly PatRecord[]; readonly pages: number; readonly now: number}
	| {readonly type: 'admin-fetched'; readonly generation: number; readonly fetchedAt: string}
	| {readonly type: 'admin-failed'; readonly generation: number; readonly error: UiError}
	| {readonly type: 'admin-remembered'; readonly generation: number; readonly pats: readonly PatRecord[]; readonly fetchedAt: string; readonly now: number}
	| {readonly type: 'admin-revoked'; readonly results: readonly PatRevokeResult[]; readonly now: number};
