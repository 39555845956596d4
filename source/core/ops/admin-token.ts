import type {CoreContext} from '../context.js';
import {envValue} from '../ntn/environment.js';
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {ADMIN_TOKEN_FIX} from './admin-errors.js';
import {Secret} from '../shared/secret.js';
import {savedAdminToken} from './saved-tokens.js';

/** The organization bot token for Notion's Admin API, and where it came from. */
export interface AdminToken {
	secret: Secret;
	/** Where it came from, for people: `NOTION_ADMIN_TOKEN`. */
	source: string;
	/** The label of the saved token it is (null: from NOTION_ADMIN_TOKEN). */
	label: string | null;
}

/**
 * The one place that finds the admin token: `NOTION_ADMIN_TOKEN` (non-empty, trimmed), else the
 * token saved with `notion-tokens add <label> --admin`, else none. Every admin operation asks this
 * function and nothing else.
 */
export async function resolveAdminToken(ctx: CoreContext): Promise<AdminToken | null> {
	const value = envValue(ctx.env, 'NOTION_ADMIN_TOKEN')?.trim();
	if (value) return {secret: new Secret(value), source: 'NOTION_ADMIN_TOKEN', label: null};
	const saved = await savedAdminToken(ctx);
	return saved ? {secret: saved.secret, source: `saved token "${saved.label}"`, label: saved.label} : null;
}

export async function requireAdminToken(ctx: CoreContext): Promise<AdminToken> {
	const token = await resolveAdminToken(ctx);
	if (token) return token;
	throw new NotionTokensError('no-admin-token', 'No admin token: the Admin API needs an organization bot token.', {
		fix: ADMIN_TOKEN_FIX,
		exitCode: EXIT.failure,
	});
}
