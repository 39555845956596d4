/**
 * The last complete PAT listing of each workspace, for offline viewing: `admin-pats/<workspace
 * id>.json` beside notion-tokens' state.json, mode 0600, written atomically. The records hold no
 * token values.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type {CoreContext} from '../context.js';
import {PAT_STATUSES, type PatRecord} from '../notion/admin-api.js';
import type {AdminWorkspace, PatRevokeResult, RememberedPats} from '../ops/admin-types.js';
import {resolveStateDir} from './state.js';

/** Writes `text` to a temp file (0600) in the same directory and renames it over `file`. */
async function writeAtomically(file: string, text: string): Promise<void> {
	await fs.mkdir(path.dirname(file), {recursive: true, mode: 0o700});
	const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
	try {
		await fs.writeFile(temp, text, {mode: 0o600, flag: 'wx'});
		await fs.rename(temp, file);
	} catch (error) {
		await fs.rm(temp, {force: true});
		throw error;
	}
}

const FILE_VERSION = 1;

const rememberedFile = (ctx: CoreContext, workspaceId: string): string =>
	path.join(resolveStateDir(ctx.env, ctx.cwd), 'admin-pats', `${workspaceId.replace(/[^0-9a-zA-Z-]/g, '_')}.json`);

export async function rememberPats(ctx: CoreContext, remembered: RememberedPats): Promise<void> {
	const file = rememberedFile(ctx, remembered.workspace.id);
	await writeAtomically(file, `${JSON.stringify({version: FILE_VERSION, ...remembered})}\n`);
}

/** After a revoke, the remembered listing says so, until the next fetch. */
export async function markRemembered(ctx: CoreContext, workspace: AdminWorkspace, results: readonly PatRevokeResult[]): Promise<void> {
	const remembered = await rememberedPats(ctx, workspace.id);
	if (!remembered) return;
	const at = ctx.clock.now().getTime();
	const revoked = new Set(results.filter(result => result.outcome === 'revoked').map(result => result.id));
	const pats = remembered.pats.map(pat => (revoked.has(pat.id) && pat.status !== 'revoked' ? {...pat, status: 'revoked' as const, revokedAt: at} : pat));
	await rememberPats(ctx, {...remembered, pats});
}

export async function rememberedPats(ctx: CoreContext, workspaceId: string): Promise<RememberedPats | null> {
	let text: string;
	try {
		text = await fs.readFile(rememberedFile(ctx, workspaceId), 'utf8');
	} catch {
		return null;
	}
	try {
		const value = JSON.parse(text) as Partial<RememberedPats> & {version?: unknown};
		if (value.version !== FILE_VERSION || typeof value.fetchedAt !== 'string' || !Array.isArray(value.pats) || typeof value.workspace?.id !== 'string')
			return null;
		const pats = value.pats.filter(isRecordShape);
		return {
			workspace: {id: value.workspace.id, name: typeof value.workspace.name === 'string' ? value.workspace.name : null},
			fetchedAt: value.fetchedAt,
			pats,
		};
	} catch {
		return null;
	}
}

const stringOrNull = (value: unknown) => value === null || typeof value === 'string';
const timeOrNull = (value: unknown) => value === null || typeof value === 'number';

function isRecordShape(value: unknown): value is PatRecord {
	if (typeof value !== 'object' || value === null) return false;
	const pat = value as Record<string, unknown>;
	const creator = pat.creator as Record<string, unknown> | null;
	return (
		typeof pat.id === 'string' &&
		stringOrNull(pat.name) &&
		(PAT_STATUSES as readonly unknown[]).includes(pat.status) &&
		typeof creator === 'object' &&
		creator !== null &&
		typeof creator.id === 'string' &&
		stringOrNull(creator.name) &&
		stringOrNull(creator.email) &&
		typeof pat.createdAt === 'number' &&
		timeOrNull(pat.expiresAt) &&
		timeOrNull(pat.lastUsedAt) &&
		timeOrNull(pat.revokedAt) &&
		(pat.revokedBy === null || (typeof pat.revokedBy === 'object' && typeof (pat.revokedBy as Record<string, unknown>).id === 'string'))
	);
}
