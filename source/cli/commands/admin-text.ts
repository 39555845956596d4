/** How `admin pats` shows PAT records: the terminal table, CSV and JSON. */
import {daysUntil, type PatRecord} from '../../core/index.js';

/** Control characters (C0, DEL, C1) and bidirectional overrides: never sent to a terminal from Notion's text. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text from Notion made safe for a terminal: control characters become a space. */
export const plain = (text: string): string => text.replace(CONTROL, ' ');

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const day = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString().slice(0, 10));

export interface PatJson {
	id: string;
	name: string | null;
	status: 'active' | 'expired' | 'revoked';
	creator: {id: string; name: string | null; email: string | null};
	createdAt: string;
	expiresAt: string | null;
	/** Whole days until expiresAt (negative when past), null without an expiry. */
	daysLeft: number | null;
	lastUsedAt: string | null;
	revokedAt: string | null;
	revokedBy: {type: string; id: string; name: string | null; email: string | null} | null;
}

export const patJson = (pat: PatRecord, now: number): PatJson => ({
	id: pat.id,
	name: pat.name,
	status: pat.status,
	creator: pat.creator,
	createdAt: iso(pat.createdAt)!,
	expiresAt: iso(pat.expiresAt),
	daysLeft: pat.expiresAt === null ? null : daysUntil(pat.expiresAt, now),
	lastUsedAt: iso(pat.lastUsedAt),
	revokedAt: iso(pat.revokedAt),
	revokedBy: pat.revokedBy,
});

// ---- CSV ----

export const CSV_HEADER = [
	'id',
	'name',
	'status',
	'creator_id',
	'creator_name',
	'creator_email',
	'created_at',
	'expires_at',
	'days_left',
	'last_used_at',
	'revoked_at',
	'revoked_by_type',
	'revoked_by_id',
	'revoked_by_name',
	'revoked_by_email',
] as const;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. Text that a
 * spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return) gets a
 * leading `'`. Control characters other than line breaks are dropped.
 */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	let text = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '');
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(pat: PatRecord, now: number): string {
	const json = patJson(pat, now);
	const cells = [
		json.id,
		json.name,
		json.status,
		json.creator.id,
		json.creator.name,
		json.creator.email,
		json.createdAt,
		json.expiresAt,
		json.daysLeft,
		json.lastUsedAt,
		json.revokedAt,
		json.revokedBy?.type ?? null,
		json.revokedBy?.id ?? null,
		json.revokedBy?.name ?? null,
		json.revokedBy?.email ?? null,
	];
	return cells.map(csvCell).join(',');
}

// ---- Terminal table ----

/** Cuts text to `width` characters (code points), ending with `…` when cut. */
export function fit(text: string, width: number): string {
	const chars = [...text];
	if (chars.length <= width) return text + ' '.repeat(width - chars.length);
	return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}

export const creatorText = (creator: {id: string; name: string | null; email: string | null}): string => {
	const name = creator.name === null ? null : plain(creator.name);
	const email = creator.email === null ? null : plain(creator.email);
	if (name && email) return `${name} <${email}>`;
	return name ?? email ?? creator.id;
};

export const expiresText = (pat: PatRecord, now: number): string => {
	if (pat.expiresAt === null) return 'never';
	const days = daysUntil(pat.expiresAt, now);
	return `${day(pat.expiresAt)} (${days}d)`;
};

export const lastUsedText = (pat: PatRecord): string => (pat.lastUsedAt === null ? 'never' : day(pat.lastUsedAt));

export const revokedText = (pat: PatRecord): string | null => {
	if (pat.revokedAt === null && pat.revokedBy === null) return null;
	const by = pat.revokedBy ? ` by ${creatorText(pat.revokedBy)}${pat.revokedBy.type === 'user' ? '' : ` (${pat.revokedBy.type.replaceAll('_', ' ')})`}` : '';
	return `revoked${pat.revokedAt === null ? '' : ` ${day(pat.revokedAt)}`}${by}`;
};

const FIXED = [
	{title: 'CREATED', width: 10},
	{title: 'EXPIRES', width: 17},
	{title: 'LAST USED', width: 10},
	{title: 'STATUS', width: 7},
] as const;

/**
 * The table's lines for a width (a terminal's columns; null: as wide as the content). NAME and
 * CREATOR share what the fixed columns leave; a revoked PAT gets a second line saying when and by whom.
 */
export function patTable(
	pats: readonly PatRecord[],
	now: number,
	width: number | null,
): {header: string; rows: Array<{line: string; status: PatRecord['status']; revoked: string | null}>} {
	const names = pats.map(pat => (pat.name === null ? '(unnamed)' : plain(pat.name)));
	const creators = pats.map(pat => creatorText(pat.creator));
	const fixed = FIXED.reduce((sum, column) => sum + column.width + 1, 0);
	let nameWidth: number;
	let creatorWidth: number;
	if (width === null) {
		nameWidth = Math.max(4, ...names.map(name => [...name].length));
		creatorWidth = Math.max(7, ...creators.map(creator => [...creator].length));
	} else {
		const flexible = Math.max(16, width - fixed - 1);
		nameWidth = Math.max(8, Math.floor(flexible * 0.4));
		creatorWidth = Math.max(8, flexible - nameWidth);
	}
	const header = [fit('NAME', nameWidth), fit('CREATOR', creatorWidth), ...FIXED.map(column => fit(column.title, column.width))].join(' ').trimEnd();
	const rows = pats.map((pat, index) => {
		const revoked = revokedText(pat);
		return {
			line: [
				fit(names[index]!, nameWidth),
				fit(creators[index]!, creatorWidth),
				fit(day(pat.createdAt), 10),
				fit(expiresText(pat, now), 17),
				fit(lastUsedText(pat), 10),
				pat.status,
			].join(' '),
			status: pat.status,
			revoked: revoked === null ? null : width === null ? `  ${revoked}` : fit(`  ${revoked}`, width).trimEnd(),
		};
	});
	return {header, rows};
}
