/**
 * Saved tokens: `add`, `edit`, `remove`, `rotate`, and what `exec` needs. The token itself goes
 * only to the saved-token store; its facts (identity, dates, note, last use) to our state.
 */
import type {CoreContext} from '../context.js';
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {calendarDaysBetween, parseInstant} from '../ops/expiry.js';
import {checkPairOf, fingerprintOf, recordCheck} from '../own/facts.js';
import {publicBaseUrl, type NotionApi} from '../notion/api.js';
import {datesOf, type Dates} from '../own/saved-dates.js';
import {checkLabel} from '../own/saved-label.js';
import {publicOf, readSaved, sortedRecords, updateSaved, type SavedFile, type SavedRecord} from '../own/saved-meta.js';
import {chooseSavedStore, missingSavedToken, savedStoreOf, type SavedSecretStore} from '../own/saved-store.js';
import type {ExecPlan, RotateResult, SavedEdit, SavedIdentity, SavedInput, SavedKind, SavedResult, SavedStoreInfo, SavedToken} from '../own/saved-types.js';
import {Secret} from '../shared/secret.js';
import type {CheckResult} from '../shared/types.js';

/** Days before expiry from which `exec` warns. */
export const EXEC_WARN_DAYS = 7;
/** A saved token not used through `exec` for this long is flagged as unused. */
export const UNUSED_DAYS = 90;

const DAY_MS = 86_400_000;

/** The store new tokens go to, as chosen by the environment. */
export function savedStoreInfo(ctx: CoreContext): SavedStoreInfo {
	const chosen = chooseSavedStore(ctx);
	return savedStoreOf(ctx, chosen.kind, chosen.reason).info;
}

const currentStore = (ctx: CoreContext): SavedSecretStore => {
	const chosen = chooseSavedStore(ctx);
	return savedStoreOf(ctx, chosen.kind, chosen.reason);
};

/** The store that holds a saved token: the one it was saved in. */
const storeOf = (ctx: CoreContext, record: SavedRecord): SavedSecretStore => {
	const chosen = chooseSavedStore(ctx);
	return savedStoreOf(ctx, record.storage, record.storage === chosen.kind ? chosen.reason : `where "${record.label}" was saved`);
};

export async function listSaved(ctx: CoreContext): Promise<SavedToken[]> {
	return sortedRecords(await readSaved(ctx.state())).map(publicOf);
}

function unknownLabel(label: string): NotionTokensError {
	return new NotionTokensError('unknown-label', `No saved token is labelled "${label}"`, {
		fix: 'Run `notion-tokens tokens` to see the saved tokens, or `notion-tokens add <label>` to save one.',
	});
}

async function recordOf(ctx: CoreContext, label: string): Promise<SavedRecord> {
	checkLabel(label, 'add');
	const record = (await readSaved(ctx.state())).tokens[label];
	if (!record) throw unknownLabel(label);
	return record;
}

// ---- Asking Notion whom a token acts as ----

interface Identified {
	kind: SavedKind;
	identity: SavedIdentity | null;
	check: CheckResult;
	warnings: string[];
}

const kindOf = (identity: SavedIdentity | null): SavedKind => (identity === null ? 'unknown' : identity.kind === 'person' ? 'pat' : 'connection');

/** `GET /v1/users/me`: a 401 refuses the token; a 403 keeps it without identity; no answer is an error. */
async function identify(ctx: CoreContext, api: NotionApi, token: Secret, what: string): Promise<Identified> {
	const answer = await api.usersMe(publicBaseUrl(ctx.env), token);
	const checkedAt = ctx.clock.now().toISOString();
	if (answer.outcome === 'valid') {
		const identity: SavedIdentity = {...answer.identity, workspaceId: answer.workspaceId};
		return {kind: kindOf(identity), identity, check: {outcome: 'valid', checkedAt, httpStatus: answer.httpStatus, identity: answer.identity}, warnings: []};
	}
	const check: CheckResult = {
		outcome: answer.outcome,
		checkedAt,
		detail: answer.detail,
		...(answer.httpStatus === undefined ? {} : {httpStatus: answer.httpStatus}),
	};
	if (answer.outcome === 'invalid') {
		throw new NotionTokensError('token-refused', `Notion does not accept this token (${answer.detail}); ${what}`, {
			fix: 'Copy the token again from the Developer portal (https://www.notion.so/developers/tokens): it may be mistyped, expired or revoked.',
			exitCode: EXIT.attention,
		});
	}
	if (answer.outcome === 'forbidden') {
		return {
			kind: 'unknown',
			identity: null,
			check,
			warnings: ['Notion knows this token but it has no access to the Notion API (403), so whom it acts as is not known.'],
		};
	}
	throw new NotionTokensError('check-failed', `Could not ask Notion whom this token acts as (${answer.detail}); ${what}`, {
		fix: 'Try again later, or save it without asking Notion with --offline.',
	});
}

const OFFLINE: Identified = {kind: 'unknown', identity: null, check: {outcome: 'unchecked', checkedAt: null}, warnings: []};

// ---- add, edit, remove ----

/** What `add` refuses whatever the token: a bad label or date, a label already saved, a store that cannot be chosen. */
export async function checkAdd(ctx: CoreContext, input: Omit<SavedInput, 'token'>): Promise<{dates: Dates | null; store: SavedSecretStore; before: SavedFile}> {
	checkLabel(input.label, 'add');
	const dates = datesOf(input, ctx.clock.now());
	const store = currentStore(ctx);
	const before = await readSaved(ctx.state());
	if (before.tokens[input.label]) {
		throw new NotionTokensError('label-taken', `A saved token is already labelled "${input.label}"; nothing was saved`, {
			fix: `Pick another label, replace its token with \`notion-tokens rotate ${input.label}\`, or remove it first.`,
			exitCode: EXIT.usage,
		});
	}
	return {dates, store, before};
}

export async function addSaved(ctx: CoreContext, input: SavedInput, api: () => NotionApi): Promise<SavedResult> {
	checkLabel(input.label, 'add');
	const token = new Secret(input.token.trim());
	if (token.reveal() === '')
		throw new NotionTokensError('empty-token', 'No token was given; nothing was saved', {
			fix: 'Paste the token at the prompt, or pipe it in on stdin.',
			exitCode: EXIT.usage,
		});
	const now = ctx.clock.now();
	const {dates, store, before} = await checkAdd(ctx, input);
	const fingerprint = fingerprintOf(token.reveal());
	const twin = Object.values(before.tokens).find(record => record.fingerprint === fingerprint);
	if (twin) {
		throw new NotionTokensError('token-saved', `This token is already saved as "${twin.label}"; nothing was saved`, {
			fix: `Use \`notion-tokens exec ${twin.label} -- …\`, or rename it with \`notion-tokens edit ${twin.label} --rename ${input.label}\`.`,
			exitCode: EXIT.usage,
		});
	}
	const known = input.admin ? {...OFFLINE, kind: 'admin' as const} : input.offline ? OFFLINE : await identify(ctx, api(), token, 'nothing was saved');
	const record: SavedRecord = {
		label: input.label,
		kind: known.kind,
		admin: input.admin === true,
		identity: known.identity,
		masked: token.masked,
		storage: store.info.kind,
		addedAt: now.toISOString(),
		...(dates ?? {createdAt: null, createdSource: null, expiresAt: null, expirySource: null, lifetime: null}),
		note: input.note === undefined || input.note.trim() === '' ? null : input.note,
		lastUsedAt: null,
		...checkPairOf(known.check),
		history: [],
		fingerprint,
	};
	await store.set(input.label, token);
	try {
		await updateSaved(ctx.state(), saved => {
			saved.tokens[input.label] = record;
		});
	} catch (error) {
		await store.delete(input.label).catch(() => undefined);
		throw error;
	}
	return {token: publicOf(record), store: store.info, warnings: [...known.warnings, ...dateWarnings(record, now)]};
}

function dateWarnings(record: SavedToken, now: Date): string[] {
	const expires = parseInstant(record.expiresAt);
	if (expires && expires.getTime() <= now.getTime()) return [`By the date given, "${record.label}" has already expired.`];
	return [];
}

export async function editSaved(ctx: CoreContext, label: string, edit: SavedEdit): Promise<SavedResult> {
	const record = await recordOf(ctx, label);
	const dates: Dates | null = datesOf(edit, ctx.clock.now());
	if (edit.rename !== undefined) {
		checkLabel(edit.rename, 'edit');
		if (edit.rename !== label && (await readSaved(ctx.state())).tokens[edit.rename]) {
			throw new NotionTokensError('label-taken', `A saved token is already labelled "${edit.rename}"; nothing was changed`, {
				fix: 'Pick another label.',
				exitCode: EXIT.usage,
			});
		}
	}
	if (dates === null && edit.note === undefined && (edit.rename === undefined || edit.rename === label)) {
		throw new NotionTokensError('nothing-to-edit', 'Nothing to change: give --expires, --lifetime, --created, --note or --rename', {
			fix: `e.g. \`notion-tokens edit ${label} --expires 2027-01-31\`.`,
			exitCode: EXIT.usage,
		});
	}
	const next: SavedRecord = {...record, ...(dates ?? {}), ...(edit.note === undefined ? {} : {note: edit.note.trim() === '' ? null : edit.note})};
	const store = storeOf(ctx, record);
	if (edit.rename !== undefined && edit.rename !== label) {
		const token = await store.get(label);
		if (!token) throw missingSecret(record, store);
		next.label = edit.rename;
		await store.set(edit.rename, token);
	}
	await updateSaved(ctx.state(), saved => {
		const current = saved.tokens[label];
		if (!current) throw unknownLabel(label);
		delete saved.tokens[label];
		saved.tokens[next.label] = {...next, lastUsedAt: current.lastUsedAt};
	});
	if (next.label !== label) await store.delete(label);
	return {token: publicOf(next), store: store.info, warnings: dateWarnings(next, ctx.clock.now())};
}

export async function removeSaved(ctx: CoreContext, label: string): Promise<{token: SavedToken; secretDeleted: boolean}> {
	const record = await recordOf(ctx, label);
	const secretDeleted = await storeOf(ctx, record).delete(label);
	await updateSaved(ctx.state(), saved => {
		delete saved.tokens[label];
	});
	return {token: publicOf(record), secretDeleted};
}

const missingSecret = (record: SavedRecord, store: SavedSecretStore): NotionTokensError => missingSavedToken(record.label, store.info.where);

// ---- rotate ----

export async function rotateSaved(
	ctx: CoreContext,
	label: string,
	replacement: string,
	options: {force?: boolean},
	api: () => NotionApi,
): Promise<RotateResult> {
	const record = await recordOf(ctx, label);
	const token = new Secret(replacement.trim());
	if (token.reveal() === '')
		throw new NotionTokensError('empty-token', 'No token was given; nothing was changed', {
			fix: 'Paste the new token at the prompt, or pipe it in on stdin.',
			exitCode: EXIT.usage,
		});
	const fingerprint = fingerprintOf(token.reveal());
	if (fingerprint === record.fingerprint) {
		throw new NotionTokensError('same-token', `That is the token "${label}" already holds; nothing was changed`, {
			fix: 'Create a new token in the Developer portal (https://www.notion.so/developers/tokens) and give that one.',
			exitCode: EXIT.usage,
		});
	}
	const known = record.admin ? {...OFFLINE, kind: 'admin' as const} : await identify(ctx, api(), token, 'nothing was changed');
	if (!options.force && !record.admin && !sameIdentity(record.identity, known.identity)) {
		throw new NotionTokensError(
			'identity-changed',
			`The new token acts as ${describeIdentity(known.identity)}, not as ${describeIdentity(record.identity)} like "${label}"; nothing was changed`,
			{
				fix: `Check that you copied the right token, or replace it anyway with \`notion-tokens rotate ${label} --force\`.`,
				exitCode: EXIT.attention,
			},
		);
	}
	const now = ctx.clock.now();
	const replaced = {masked: record.masked, addedAt: record.addedAt, replacedAt: now.toISOString(), identity: record.identity, expiresAt: record.expiresAt};
	const next: SavedRecord = {
		...record,
		kind: known.kind === 'unknown' ? record.kind : known.kind,
		identity: known.identity ?? record.identity,
		masked: token.masked,
		addedAt: now.toISOString(),
		createdAt: null,
		createdSource: null,
		expiresAt: null,
		expirySource: null,
		lifetime: null,
		...checkPairOf(known.check),
		history: [replaced, ...record.history].slice(0, 20),
		fingerprint,
	};
	const store = storeOf(ctx, record);
	// One write replaces the old token with the new one: a reader sees one or the other.
	await store.set(label, token);
	await updateSaved(ctx.state(), saved => {
		saved.tokens[label] = {...next, lastUsedAt: saved.tokens[label]?.lastUsedAt ?? record.lastUsedAt};
	});
	return {token: publicOf(next), store: store.info, warnings: known.warnings, replaced};
}

/** Same person or bot in the same workspace; a side that is not known cannot tell them apart. */
function sameIdentity(a: SavedIdentity | null, b: SavedIdentity | null): boolean {
	if (a === null || b === null) return true;
	if (a.kind !== b.kind) return false;
	if (a.workspaceId !== null && b.workspaceId !== null && a.workspaceId !== b.workspaceId) return false;
	return a.name === b.name;
}

export function describeIdentity(identity: SavedIdentity | null): string {
	if (!identity) return 'someone not known';
	const who = identity.kind === 'person' ? (identity.name ?? 'a person') : `the internal connection ${identity.name ? `"${identity.name}"` : '(unnamed)'}`;
	const where = identity.workspaceName ?? identity.workspaceId;
	return where ? `${who} in ${where}` : who;
}

// ---- exec ----

/** The token for `exec`: refused when expired (unless allowed), warned within 7 days; the use is recorded. */
export async function prepareExec(ctx: CoreContext, label: string, options: {allowExpired?: boolean}): Promise<ExecPlan> {
	const record = await recordOf(ctx, label);
	const now = ctx.clock.now();
	const expires = parseInstant(record.expiresAt);
	const warnings: string[] = [];
	if (expires) {
		const daysLeft = calendarDaysBetween(now, expires);
		const day = expires.toISOString().slice(0, 10);
		if (expires.getTime() <= now.getTime()) {
			if (!options.allowExpired) {
				throw new NotionTokensError('token-expired', `The token labelled "${label}" expired on ${day}; the command was not run`, {
					fix: `Create a new token and save it with \`notion-tokens rotate ${label}\`, or run anyway with --allow-expired.`,
				});
			}
			warnings.push(`"${label}" expired on ${day}.`);
		} else if (daysLeft <= EXEC_WARN_DAYS) {
			warnings.push(
				`"${label}" expires on ${day} (${daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`}): create a new token and run \`notion-tokens rotate ${label}\`.`,
			);
		}
	}
	const store = storeOf(ctx, record);
	const token = await store.get(label);
	if (!token) throw missingSecret(record, store);
	await updateSaved(ctx.state(), saved => {
		const current = saved.tokens[label];
		if (current) current.lastUsedAt = now.toISOString();
	});
	return {token, saved: publicOf(record), workspaceId: record.identity?.workspaceId ?? null, warnings};
}

// ---- check ----

/** Reads a saved token for `check`; a token that cannot be read is the error, not thrown. */
export async function readSavedToken(ctx: CoreContext, record: SavedToken): Promise<Secret | NotionTokensError> {
	const full = (await readSaved(ctx.state())).tokens[record.label];
	if (!full) return unknownLabel(record.label);
	try {
		const store = storeOf(ctx, full);
		return (await store.get(record.label)) ?? missingSecret(full, store);
	} catch (error) {
		if (error instanceof NotionTokensError) return error;
		throw error;
	}
}

/** Records what a users/me check found (the identity is kept when the check failed). */
export async function recordSavedCheck(
	ctx: CoreContext,
	results: ReadonlyArray<{label: string; check: CheckResult; identity: SavedIdentity | null}>,
): Promise<void> {
	if (results.length === 0) return;
	await updateSaved(ctx.state(), saved => {
		for (const result of results) {
			const record = saved.tokens[result.label];
			if (!record) continue;
			recordCheck(record, result.check);
			if (result.identity) {
				record.identity = result.identity;
				if (!record.admin) record.kind = kindOf(result.identity);
			}
		}
	});
}

export const isUnused = (token: SavedToken, now: Date): boolean => {
	const since = parseInstant(token.lastUsedAt ?? token.addedAt);
	return since !== null && now.getTime() - since.getTime() >= UNUSED_DAYS * DAY_MS;
};
/** A token saved with `add --admin`, for the Admin API: the one such token, read from its store. */
export async function savedAdminToken(ctx: CoreContext): Promise<{secret: Secret; label: string} | null> {
	const admins = sortedRecords(await readSaved(ctx.state())).filter(record => record.admin);
	if (admins.length === 0) return null;
	if (admins.length > 1) {
		throw new NotionTokensError(
			'several-admin-tokens',
			`Several saved tokens are marked --admin (${admins.map(record => record.label).join(', ')}), so which to use is not clear`,
			{
				fix: 'Set NOTION_ADMIN_TOKEN for this command, or remove the admin tokens you no longer need with `notion-tokens remove <label>`.',
			},
		);
	}
	const record = admins[0]!;
	const store = storeOf(ctx, record);
	const secret = await store.get(record.label);
	if (!secret) throw missingSecret(record, store);
	return {secret, label: record.label};
}
