/** Words and JSON for saved tokens. Only masked forms reach here, never a token. */
import {
	describeIdentity,
	isUnused,
	resolveExpiry,
	type SavedHistory,
	type SavedIdentity,
	type SavedKind,
	type SavedToken,
	type DateSource,
} from '../../core/index.js';
import {expiryText, ymd} from './token-text.js';

/** A saved token in `add --json`, `edit --json`, `rotate --json`, `remove --json`. */
export interface SavedJson {
	label: string;
	kind: SavedKind;
	admin: boolean;
	identity: SavedIdentity | null;
	maskedToken: string;
	storage: 'keychain' | 'file';
	addedAt: string;
	createdAt: string | null;
	createdSource: DateSource | null;
	expiresAt: string | null;
	expirySource: DateSource | null;
	lifetime: string | null;
	note: string | null;
	lastUsedAt: string | null;
	unused: boolean;
	history: SavedHistory[];
}

export const savedJson = (token: SavedToken, now: Date): SavedJson => ({
	label: token.label,
	kind: token.kind,
	admin: token.admin,
	identity: token.identity,
	maskedToken: token.masked,
	storage: token.storage,
	addedAt: token.addedAt,
	createdAt: token.createdAt,
	createdSource: token.createdSource,
	expiresAt: token.expiresAt,
	expirySource: token.expirySource,
	lifetime: token.lifetime,
	note: token.note,
	lastUsedAt: token.lastUsedAt,
	unused: isUnused(token, now),
	history: token.history,
});

/** "acts as Ada Lovelace (a person: personal access token) in Acme" and the like. */
export function savedIdentityText(token: SavedToken): string {
	if (token.kind === 'admin') return 'an Admin API token (not checked against the public API)';
	if (!token.identity)
		return token.check.outcome === 'unchecked'
			? 'whom it acts as is not known yet (saved offline): `notion-tokens check` asks Notion'
			: 'whom it acts as is not known';
	const what = token.identity.kind === 'person' ? 'personal access token' : 'internal connection';
	return `acts as ${describeIdentity(token.identity)} (${what})`;
}

const SOURCE_WORDS: Record<DateSource, string> = {notion: 'from Notion', you: 'as you gave it', computed: 'computed'};

/** `2027-01-31 (in 59 days; as you gave it)`, `unknown — set it`, `none`. */
export function savedExpiryText(token: SavedToken, now: Date): string {
	const resolved = resolveExpiry({issuedAt: null, expiresAt: token.expiresAt, revokedAt: null}, now, 0);
	const text = expiryText({...resolved, source: 'saved', check: token.check, saved: token});
	if (token.expiresAt === null || token.expirySource === null) return text;
	const source =
		token.expirySource === 'computed' && token.lifetime
			? `${token.lifetime} from ${token.createdAt ? ymd(token.createdAt) : '?'}`
			: SOURCE_WORDS[token.expirySource];
	return `${text}; ${source}`;
}
