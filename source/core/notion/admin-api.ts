/**
 * The HTTP client for Notion's Admin API (`https://api.notion.com/admin`, `Notion-Version:
 * 2026-06-01`): the PAT inventory of a workspace and its revoke. The organization bot token goes to
 * this base URL and nowhere else.
 *
 * Every call resolves, never rejects: to `{ok: true, …}` or to an `AdminFailure` that says what
 * went wrong (status, Notion's code and message). Nothing in a failure contains the token. Bodies
 * are read up to a size cap; 429 (honouring `retry-after`) and 5xx are retried a bounded number of
 * times, since both calls are idempotent.
 */
import type http from 'node:http';
import type {IncomingHttpHeaders} from 'node:http';
import {systemClock, type Clock} from '../shared/clock.js';
import {publicBaseUrl, retryAfterMs} from './api.js';
import {redact, scrubJson, type Secret} from '../shared/secret.js';

/** The only `Notion-Version` the Admin API accepts. */
export const ADMIN_NOTION_VERSION = '2026-06-01';

/** The Admin API's base URL: the public API's (`NOTION_PUBLIC_API_BASE_URL` or api.notion.com) + `/admin`. */
export const adminBaseUrl = (env: Record<string, string | undefined>): string => `${publicBaseUrl(env)}/admin`;

export const PAT_STATUSES = ['active', 'expired', 'revoked'] as const;
export type PatStatus = (typeof PAT_STATUSES)[number];

/** One PAT record as Notion sends it, times in epoch milliseconds; optional fields are null. */
export interface PatRecord {
	id: string;
	name: string | null;
	status: PatStatus;
	creator: {id: string; name: string | null; email: string | null};
	createdAt: number;
	expiresAt: number | null;
	lastUsedAt: number | null;
	revokedAt: number | null;
	revokedBy: {type: string; id: string; name: string | null; email: string | null} | null;
}

export interface PatPage {
	results: PatRecord[];
	hasMore: boolean;
	nextCursor: string | null;
}

export type AdminFailureKind =
	| 'unauthorized'
	| 'missing-scope'
	| 'forbidden'
	| 'not-found'
	| 'bad-request'
	| 'rate-limited'
	| 'server-error'
	| 'offline'
	| 'timeout'
	| 'malformed'
	| 'interrupted';

export interface AdminFailure {
	ok: false;
	kind: AdminFailureKind;
	httpStatus?: number;
	/** Notion's error `code`, when the body had one. */
	code?: string;
	/** Notion's error message or what went wrong on the way, short; never the token. */
	detail: string;
	/** For 'rate-limited': the wait Notion asked for, in whole seconds. */
	retryAfterSeconds?: number;
}

export type AdminResult<T> = ({ok: true} & T) | AdminFailure;

export interface PatQuery {
	status?: readonly PatStatus[];
	creatorIds?: readonly string[];
	search?: string;
	cursor?: string;
}

export interface AdminApi {
	/** GET {base}/v1/spaces/{space}/personal_access_tokens, one page of at most 100. */
	listPats(base: string, secret: Secret, spaceId: string, query: PatQuery, signal?: AbortSignal): Promise<AdminResult<PatPage>>;
	/** DELETE {base}/v1/spaces/{space}/personal_access_tokens/{bot}: idempotent. */
	revokePat(base: string, secret: Secret, spaceId: string, botId: string, signal?: AbortSignal): Promise<AdminResult<Record<never, never>>>;
}

export interface AdminApiOptions {
	userAgent: string;
	/** Time limit for one request, answer included (default 30 000). */
	timeoutMs?: number;
	/** Largest answer body read (default 8 MiB). */
	maxBodyBytes?: number;
	/** Retries of a 429 or a 5xx (default 4). */
	maxRetries?: number;
	/** First wait before retrying a 5xx or a 429 without retry-after; doubled each time, up to 8 s (default 1000). */
	baseDelayMs?: number;
	/** A 429 is waited out when retry-after asks for at most this long (default 60 000). */
	maxRetryWaitMs?: number;
	clock?: Clock;
}

/** The query string in Notion's bracket encoding: `status[]=active&status[]=expired&creator_ids[]=…`. */
export function patQueryString(query: PatQuery): string {
	const parts = ['page_size=100'];
	for (const status of query.status ?? []) parts.push(`status[]=${encodeURIComponent(status)}`);
	for (const id of query.creatorIds ?? []) parts.push(`creator_ids[]=${encodeURIComponent(id)}`);
	if (query.search) parts.push(`search=${encodeURIComponent(query.search)}`);
	if (query.cursor) parts.push(`cursor=${encodeURIComponent(query.cursor)}`);
	return parts.join('&');
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504, 529]);

export function createAdminApi(options: AdminApiOptions): AdminApi {
	const {
		userAgent,
		timeoutMs = 30_000,
		maxBodyBytes = 8 * 1024 * 1024,
		maxRetries = 4,
		baseDelayMs = 1000,
		maxRetryWaitMs = 60_000,
		clock = systemClock,
	} = options;

	const call = async <T>(method: 'GET' | 'DELETE', url: string, secret: Secret, parse: Parser<T>, signal?: AbortSignal): Promise<AdminResult<T>> => {
		const headers = {
			authorization: `Bearer ${secret.reveal()}`,
			'notion-version': ADMIN_NOTION_VERSION,
			accept: 'application/json',
			'user-agent': userAgent,
		};
		for (let attempt = 0; ; attempt++) {
			const answer = await exchange(url, method, headers, {timeoutMs, maxBodyBytes, signal});
			if ('ok' in answer) return {...answer, detail: redact(answer.detail, [secret])};
			if (RETRIED_STATUSES.has(answer.status) && attempt < maxRetries) {
				const asked = answer.status === 429 ? retryAfterMs(header(answer.headers, 'retry-after'), clock.now()) : null;
				const waitMs = asked ?? Math.min(baseDelayMs * 2 ** attempt, 8000);
				if (waitMs <= maxRetryWaitMs) {
					if (!(await sleep(waitMs, signal))) return interrupted();
					continue;
				}
			}
			return interpret(answer, parse, secret, clock);
		}
	};

	const spacePath = (base: string, spaceId: string) => `${base}/v1/spaces/${encodeURIComponent(spaceId)}/personal_access_tokens`;
	return {
		listPats: (base, secret, spaceId, query, signal) => call('GET', `${spacePath(base, spaceId)}?${patQueryString(query)}`, secret, parsePage, signal),
		revokePat: (base, secret, spaceId, botId, signal) => call('DELETE', `${spacePath(base, spaceId)}/${encodeURIComponent(botId)}`, secret, () => ({}), signal),
	};
}

const interrupted = (): AdminFailure => ({ok: false, kind: 'interrupted', detail: 'Interrupted.'});

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
};

/** Resolves true after `ms`, or false at once when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return Promise.resolve(false);
	return new Promise(resolve => {
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve(true);
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

// ---- Transport ----

interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

function exchange(
	url: string,
	method: string,
	headers: Record<string, string>,
	limits: {timeoutMs: number; maxBodyBytes: number; signal?: AbortSignal},
): Promise<Answer | AdminFailure> {
	return new Promise(resolve => {
		const target = new URL(url);
		if (limits.signal?.aborted) {
			resolve(interrupted());
			return;
		}
		let settled = false;
		let request: http.ClientRequest | undefined;
		const finish = (result: Answer | AdminFailure) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			limits.signal?.removeEventListener('abort', onAbort);
			if (!('status' in result)) request?.destroy();
			resolve(result);
		};
		const onAbort = () => finish(interrupted());
		limits.signal?.addEventListener('abort', onAbort, {once: true});
		const unreachable = (error: Error) => finish({ok: false, kind: 'offline', detail: `Cannot reach ${target.host}: ${error.message}`});
		const timer = setTimeout(
			() => finish({ok: false, kind: 'timeout', detail: `No answer from ${target.host} within ${limits.timeoutMs / 1000} s.`}),
			limits.timeoutMs,
		);
		try {
			// node:http and node:https (with tls and net) load on the first request: most commands send none.
			const transport = process.getBuiltinModule(target.protocol === 'https:' ? 'node:https' : 'node:http');
			request = transport.request(target, {method, headers, agent: false});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			finish(
				code === 'ERR_INVALID_CHAR'
					? {ok: false, kind: 'unauthorized', detail: 'The admin token contains characters that cannot be sent in an HTTP header.'}
					: {ok: false, kind: 'offline', detail: `Cannot send to ${target.host}: ${(error as Error).message}`},
			);
			return;
		}
		request.on('error', unreachable);
		request.on('response', response => {
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > limits.maxBodyBytes) {
					finish({
						ok: false,
						kind: 'malformed',
						httpStatus: response.statusCode,
						detail: `The answer from ${target.host} is larger than ${Math.round(limits.maxBodyBytes / 1024)} KiB.`,
					});
					return;
				}
				chunks.push(chunk);
			});
			response.on('error', unreachable);
			response.on('aborted', () => unreachable(new Error('the connection closed before the answer was complete')));
			response.on('end', () => finish({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')}));
		});
		request.end();
	});
}

// ---- Interpreting answers ----

type Parser<T> = (json: unknown) => T | {problem: string};

function interpret<T>(answer: Answer, parse: Parser<T>, secret: Secret, clock: Clock): AdminResult<T> {
	const {status} = answer;
	let json: unknown;
	try {
		// Every string in it is cleared of every token the process holds before anything reads it.
		json = scrubJson(JSON.parse(answer.body));
	} catch {}
	if (status >= 200 && status < 300) {
		if (json === undefined) return {ok: false, kind: 'malformed', httpStatus: status, detail: 'The answer is not JSON.'};
		const data = parse(json);
		if (isRecord(data) && typeof data.problem === 'string') {
			return {ok: false, kind: 'malformed', httpStatus: status, detail: redact(`Unexpected answer: ${data.problem}.`, [secret])};
		}
		return {ok: true, ...(data as T)};
	}
	// Both error families: `{"type":"error",…}` (the PAT endpoints) and `{"object":"error",…}`.
	const error = isRecord(json) && (json.type === 'error' || json.object === 'error') ? json : undefined;
	// Redacted before being shortened, so that no piece of an echoed token survives the cut.
	const code = typeof error?.code === 'string' ? redact(error.code, [secret]).slice(0, 64) : undefined;
	const message = typeof error?.message === 'string' ? redact(error.message, [secret]).slice(0, 300) : `HTTP ${status}`;
	const failure: AdminFailure = {ok: false, kind: kindOf(status, code), httpStatus: status, detail: message};
	if (code !== undefined) failure.code = code;
	if (status === 429) {
		const waitMs = retryAfterMs(header(answer.headers, 'retry-after'), clock.now());
		if (waitMs !== null) failure.retryAfterSeconds = Math.ceil(waitMs / 1000);
	}
	return failure;
}

function kindOf(status: number, code: string | undefined): AdminFailureKind {
	if (status === 401) return 'unauthorized';
	if (status === 403) return code === 'missing_scope' ? 'missing-scope' : 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 429) return 'rate-limited';
	if (status >= 500) return 'server-error';
	return 'bad-request';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optionalString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const optionalTime = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** `{results, has_more, next_cursor?}`; a record without its required fields makes the page malformed. */
function parsePage(json: unknown): PatPage | {problem: string} {
	if (!isRecord(json) || !Array.isArray(json.results) || typeof json.has_more !== 'boolean') {
		return {problem: 'expected {"results": [...], "has_more": …}'};
	}
	const nextCursor = optionalString(json.next_cursor);
	if (json.has_more && !nextCursor) return {problem: 'has_more is true but next_cursor is missing'};
	const results: PatRecord[] = [];
	for (const [index, entry] of json.results.entries()) {
		const record = parseRecord(entry);
		if (typeof record === 'string') return {problem: `results[${index}]${record}`};
		results.push(record);
	}
	return {results, hasMore: json.has_more, nextCursor: json.has_more ? nextCursor : null};
}

function parseRecord(entry: unknown): PatRecord | string {
	if (!isRecord(entry)) return ' is not an object';
	if (typeof entry.id !== 'string' || entry.id === '') return '.id is missing';
	if (!isRecord(entry.creator) || typeof entry.creator.id !== 'string') return '.creator.id is missing';
	if (typeof entry.created_at !== 'number') return '.created_at is not a number';
	if (!(PAT_STATUSES as readonly unknown[]).includes(entry.status)) return '.status is not active, expired or revoked';
	const revokedBy = isRecord(entry.revoked_by) && typeof entry.revoked_by.id === 'string' ? entry.revoked_by : undefined;
	return {
		id: entry.id,
		name: optionalString(entry.name),
		status: entry.status as PatStatus,
		creator: {id: entry.creator.id, name: optionalString(entry.creator.name), email: optionalString(entry.creator.email)},
		createdAt: entry.created_at,
		expiresAt: optionalTime(entry.expires_at),
		lastUsedAt: optionalTime(entry.last_used_at),
		revokedAt: optionalTime(entry.revoked_at),
		revokedBy: revokedBy
			? {
					type: optionalString(revokedBy.type) ?? 'user',
					id: revokedBy.id as string,
					name: optionalString(revokedBy.name),
					email: optionalString(revokedBy.email),
				}
			: null,
	};
}
