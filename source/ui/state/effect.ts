import type {Environment, ExpiringReport, Inventory, TokenRow} from '../../core/index.js';
import type {Notice} from './notice.js';
import type {UiError} from './ui-error.js';

/** Work for the core, queued by the reducer and run by the app (the reducer stays pure). */
export type Effect =
	| {readonly kind: 'load-preferences'}
	| {readonly kind: 'load-inventory'; readonly environment: Environment}
	| {readonly kind: 'load-tokens'; readonly windowDays: number}
	| {readonly kind: 'load-expiring'; readonly windowDays: number}
	| {readonly kind: 'use'; readonly environment: Environment; readonly workspaceId: string}
	| {readonly kind: 'use-previous'; readonly environment: Environment}
	| {readonly kind: 'logout'; readonly environment: Environment; readonly workspaceId: string}
	| {readonly kind: 'logout-all'; readonly environment: Environment}
	| {readonly kind: 'revoke'; readonly tokenId: string; readonly environment: Environment | undefined}
	| {readonly kind: 'refresh'; readonly windowDays: number}
	| {readonly kind: 'fix-permissions'};

/** An effect with its place in the queue. */
export type QueuedEffect = Effect & {readonly seq: number};

export type Reload = 'inventory' | 'tokens' | 'expiring';

/** What comes back from the core. */
export type ResultEvent =
	| {readonly type: 'preferences-loaded'; readonly windowDays: number}
	| {readonly type: 'inventory-loaded'; readonly environment: Environment; readonly inventory: Inventory}
	| {readonly type: 'inventory-failed'; readonly environment: Environment; readonly error: UiError}
	| {readonly type: 'tokens-loaded'; readonly rows: readonly TokenRow[]}
	| {readonly type: 'tokens-failed'; readonly error: UiError}
	| {readonly type: 'expiring-loaded'; readonly report: ExpiringReport}
	| {readonly type: 'expiring-failed'; readonly error: UiError}
	| {readonly type: 'action-done'; readonly notice: Notice; readonly reload: readonly Reload[]; readonly tokens?: readonly TokenRow[]}
	| {readonly type: 'action-failed'; readonly error: UiError};
