/**
 * The non-secret facts about saved tokens, kept in notion-tokens' state under `savedTokens`:
 * labels, identity, dates, note, last use, and a one-way fingerprint that recognises
 * NOTION_API_TOKEN when it is one of them. Never the token.
 */
import type {StateStore} from './state.js';
import type {CheckResult, StoreKind} from '../shared/types.js';
import type {SavedHistory, SavedIdentity, SavedKind, SavedToken} from './saved-types.js';

export const SAVED_KEY = 'savedTokens';

export interface SavedRecord extends SavedToken {
	/** sha256 of the token, first 16 hex digits (as for NOTION_API_TOKEN's facts). */
	fingerprint: string;
}

export interface SavedFile {
	version: 1;
	tokens: Record<string, SavedRecord>;
}

const UNCHECKED: CheckResult = {outcome: 'unchecked', checkedAt: null};

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function identityOf(value: unknown): SavedIdentity | null {
	if (!isRecord(value) || (value.kind !== 'person' && value.kind !== 'bot')) return null;
	return {kind: value.kind, name: str(value.name), workspaceName: str(value.workspaceName), workspaceId: str(value.workspaceId)};
}

const KINDS: readonly SavedKind[] = ['pat', 'connection', 'admin', 'unknown'];
const SOURCES = ['notion', 'you', 'computed'] as const;
const source = (value: unknown) => ((SOURCES as readonly unknown[]).includes(value) ? (value as (typeof SOURCES)[number]) : null);

/** One record as read from the state file; anything unreadable in it is dropped, not guessed. */
function recordOf(label: string, value: unknown): SavedRecord | null {
	if (!isRecord(value) || typeof value.fingerprint !== 'string') return null;
	const history = Array.isArray(value.history)
		? value.history.filter(isRecord).map((entry): SavedHistory => ({
				masked: str(entry.masked) ?? '',
				addedAt: str(entry.addedAt) ?? '',
				replacedAt: str(entry.replacedAt) ?? '',
				identity: identityOf(entry.identity),
				expiresAt: str(entry.expiresAt),
			}))
		: [];
	return {
		label,
		kind: (KINDS as readonly unknown[]).includes(value.kind) ? (value.kind as SavedKind) : 'unknown',
		admin: value.admin === true,
		identity: identityOf(value.identity),
		masked: str(value.masked) ?? '••••',
		storage: (value.storage === 'file' ? 'file' : 'keychain') as StoreKind,
		addedAt: str(value.addedAt) ?? new Date(0).toISOString(),
		createdAt: str(value.createdAt),
		createdSource: source(value.createdSource),
		expiresAt: str(value.expiresAt),
		expirySource: source(value.expirySource),
		lifetime: str(value.lifetime),
		note: str(value.note),
		lastUsedAt: str(value.lastUsedAt),
		check: isRecord(value.check) && typeof value.check.outcome === 'string' ? (value.check as unknown as CheckResult) : UNCHECKED,
		attempt: isRecord(value.attempt) && typeof value.attempt.outcome === 'string' ? (value.attempt as unknown as CheckResult) : null,
		history,
		fingerprint: value.fingerprint,
	};
}

export function sanitizeSaved(value: unknown): SavedFile {
	const tokens: Record<string, SavedRecord> = {};
	if (isRecord(value) && isRecord(value.tokens)) {
		for (const [label, entry] of Object.entries(value.tokens)) {
			const record = recordOf(label, entry);
			if (record) tokens[label] = record;
		}
	}
	return {version: 1, tokens};
}

export async function readSaved(store: StateStore): Promise<SavedFile> {
	return sanitizeSaved(await store.get<unknown>(SAVED_KEY));
}

/** One read-modify-write of the saved tokens' facts; `change` edits them in place. */
export async function updateSaved<T>(store: StateStore, change: (saved: SavedFile) => T): Promise<T> {
	let result: T;
	await store.update<unknown>(SAVED_KEY, current => {
		const saved = sanitizeSaved(current);
		result = change(saved);
		return saved;
	});
	return result!;
}

/** The public view of a record: everything but the fingerprint. */
export function publicOf(record: SavedRecord): SavedToken {
	const {fingerprint: _fingerprint, ...token} = record;
	return token;
}

export const sortedRecords = (saved: SavedFile): SavedRecord[] =>
	Object.values(saved.tokens).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
