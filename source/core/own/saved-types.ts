/** Saved tokens as the core hands them out: labels and facts, never the token itself. */
import type {Secret} from '../shared/secret.js';
import type {CheckResult, StoreKind} from '../shared/types.js';

/** `pat`: acts as a person; `connection`: an internal connection's bot; `admin`: an organization's Admin API token; `unknown`: never checked. */
export type SavedKind = 'pat' | 'connection' | 'admin' | 'unknown';

/** Where a date came from: Notion said it, the person gave it, or it was computed from a lifetime. */
export type DateSource = 'notion' | 'you' | 'computed';

/** Whom a token acts as, from Notion's `users/me`. */
export interface SavedIdentity {
	kind: 'person' | 'bot';
	name: string | null;
	workspaceName: string | null;
	workspaceId: string | null;
}

/** A token this one replaced (`rotate`): what was known about it, never the token. */
export interface SavedHistory {
	masked: string;
	addedAt: string;
	replacedAt: string;
	identity: SavedIdentity | null;
	expiresAt: string | null;
}

export interface SavedToken {
	label: string;
	kind: SavedKind;
	/** Saved with `--admin`: an organization's Admin API token. */
	admin: boolean;
	identity: SavedIdentity | null;
	masked: string;
	/** Where the token itself is kept. */
	storage: StoreKind;
	addedAt: string;
	/** The day the token was made, when given (or assumed for `--lifetime`). */
	createdAt: string | null;
	createdSource: DateSource | null;
	expiresAt: string | null;
	expirySource: DateSource | null;
	/** The lifetime the expiry was computed from (`90d`, `1y`), when it was. */
	lifetime: string | null;
	note: string | null;
	/** The last `exec` with it (null: never). */
	lastUsedAt: string | null;
	/** Notion's last definite answer about it (valid, invalid, forbidden). */
	check: CheckResult;
	/** The last attempt that got no definite answer (offline, timeout, 429, 5xx), kept beside `check`. */
	attempt: CheckResult | null;
	history: SavedHistory[];
}

/** Where saved tokens are kept, and why. */
export interface SavedStoreInfo {
	kind: StoreKind;
	reason: string;
	/** The file (file storage) or the keychain service name. */
	where: string;
}

export interface SavedInput {
	label: string;
	/** The token, as read from a prompt or stdin. */
	token: string;
	expires?: string;
	lifetime?: string;
	created?: string;
	note?: string;
	offline?: boolean;
	admin?: boolean;
}

export interface SavedEdit {
	expires?: string;
	lifetime?: string;
	created?: string;
	/** An empty note removes it. */
	note?: string;
	rename?: string;
}

export interface SavedResult {
	token: SavedToken;
	store: SavedStoreInfo;
	warnings: string[];
}

export interface RotateResult extends SavedResult {
	/** The replaced token, as kept in the history. */
	replaced: SavedHistory;
}

/** What `exec` runs a command with. The token is a Secret: only `reveal()` gives it, for the child's environment. */
export interface ExecPlan {
	token: Secret;
	saved: SavedToken;
	/** NOTION_WORKSPACE_ID for the command, when the token's workspace is known. */
	workspaceId: string | null;
	/** For stderr: expired (when allowed) or expiring within 7 days. */
	warnings: string[];
}
