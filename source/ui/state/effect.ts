import type {AdminWorkspace, Environment, Inventory, TokenRow} from '../../core/index.js';
import type {AdminEvent} from '../screens/admin/admin-events.js';
import type {FormPurpose, FormValues} from '../screens/saved/saved-form.js';
import type {Notice} from './notice.js';
import type {UiError} from './ui-error.js';

/** Work for the core, queued by the reducer and run by the app (the reducer stays pure). */
export type Effect =
	/** The inventory and the token list from one read of each token; `windowDays` null: the saved preference. */
	| {readonly kind: 'load-all'; readonly environment: Environment; readonly windowDays: number | null}
	| {readonly kind: 'load-inventory'; readonly environment: Environment}
	/** The token list; the Expiring screen is built from the same rows. */
	/** `announce`: the end of a reload the user asked for (`r`), which says what it read. */
	| {readonly kind: 'load-tokens'; readonly windowDays: number; readonly announce?: boolean}
	| {readonly kind: 'use'; readonly environment: Environment; readonly workspaceId: string}
	| {readonly kind: 'use-previous'; readonly environment: Environment}
	| {readonly kind: 'logout'; readonly environment: Environment; readonly workspaceId: string}
	/** `ids`: the workspaces the user confirmed; anything else on disk now asks again. */
	| {readonly kind: 'logout-all'; readonly environment: Environment; readonly ids: readonly string[]}
	| {readonly kind: 'revoke'; readonly tokenId: string; readonly environment: Environment | undefined}
	| {readonly kind: 'refresh'; readonly windowDays: number}
	/** Stops the running refresh (run beside the queue): what finished is kept. */
	| {readonly kind: 'refresh-cancel'}
	| {readonly kind: 'fix-permissions'}
	/** Whether an admin token is available, and ntn's workspaces to pick from. */
	| {readonly kind: 'admin-check'}
	/** Every page of a workspace's PATs; run beside the queue, page by page. */
	| {readonly kind: 'admin-fetch'; readonly workspace: AdminWorkspace; readonly generation: number}
	| {readonly kind: 'admin-revoke'; readonly workspace: AdminWorkspace; readonly ids: readonly string[]}
	/** Puts `text` on the clipboard (OSC 52); `what` names it in the notice. */
	| {readonly kind: 'copy'; readonly text: string; readonly what: string}
	/** A saved-token form, as submitted (add and rotate carry the token, in memory only). */
	| {readonly kind: 'save-form'; readonly purpose: FormPurpose; readonly values: FormValues; readonly offline?: boolean}
	| {readonly kind: 'remove-saved'; readonly label: string};

/** An effect with its place in the queue. */
export type QueuedEffect = Effect & {readonly seq: number};

export type Reload = 'inventory' | 'tokens';

/** What comes back from the core. */
export type ResultEvent =
	/** What `load-all` found: the window in use (when known) and each list's own event. */
	| {readonly type: 'all-loaded'; readonly windowDays: number | null; readonly events: readonly ResultEvent[]}
	| {readonly type: 'inventory-loaded'; readonly environment: Environment; readonly inventory: Inventory}
	| {readonly type: 'inventory-failed'; readonly environment: Environment; readonly error: UiError}
	/** `rows` carry their expiry for `windowDays`. */
	| {readonly type: 'tokens-loaded'; readonly rows: readonly TokenRow[]; readonly windowDays: number; readonly announce?: boolean}
	| {readonly type: 'tokens-failed'; readonly error: UiError; readonly announce?: boolean}
	| {
			readonly type: 'action-done';
			readonly notice: Notice;
			readonly reload: readonly Reload[];
			/** Fresh token rows the action returned (with their expiry for `windowDays`). */
			readonly tokens?: {readonly rows: readonly TokenRow[]; readonly windowDays: number};
	  }
	| {readonly type: 'action-failed'; readonly error: UiError}
	/** A saved-token form could not be saved: the values come back so that nothing typed is lost. */
	| {readonly type: 'save-failed'; readonly purpose: FormPurpose; readonly values: FormValues; readonly error: UiError}
	/** How many tokens Notion has answered so far during a refresh. */
	| {readonly type: 'refresh-progress'; readonly done: number; readonly total: number}
	| AdminEvent
	/** The workspaces of a confirmed logout of all changed on disk meanwhile: nothing was done. */
	| {readonly type: 'confirm-changed'; readonly environment: Environment; readonly asked: number; readonly ids: readonly string[]};
