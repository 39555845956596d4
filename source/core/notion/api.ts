/**
 * The HTTP client for Notion: the internal token API that ntn uses (`/api/v3/workers…`, ntn-compat
 * §9) and the public API's `GET /v1/users/me` (for NOTION_API_TOKEN). Built on node:http/https
 * rather than fetch, which would load undici at start-up.
 *
 * Every call resolves, never rejects, for network and HTTP problems: to `{outcome: 'valid', …data}`
 * or to an `ApiFailure` whose outcome is one of `CheckOutcome`. An answer is read up to 1 MiB, no
 * further; every string in it is scrubbed of every token the process holds before it is used, so
 * details and data never contain a token, whatever the server sends back.
 */
import type http from 'node:http';
import type {IncomingHttpHeaders, OutgoingHttpHeaders} from 'node:http';
import {systemClock, type Clock} from '../shared/clock.js';
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {redact, scrubJson, scrubTokens, type Secret} from '../shared/secret.js';
import type {CheckOutcome, CheckResult, TokenFact} from '../shared/types.js';
import {isRecord, stringOrNull} from '../shared/values.js';

/** The `Notion-Version` header sent to the public API. */
export const NOTION_VERSION = '2026-03-11';

const BUILT_IN_BASE_URLS: Readonly<Record<string, string>> = {
	local: 'http://localhost:3000',
	dev: 'https://dev.notion.so',
	stg: 'https://stg.notion.so',
	prod: 'https://www.notion.so',
};

const DEFAULT_PUBLIC_BASE_URL = 'https://api.notion.com';

/**
 * The base URL of ntn's token API for an environment: `NOTION_API_BASE_URL` (when non-empty) wins,
 * as it does for ntn, else the environment's built-in URL. One trailing slash is removed.
 * Throws NotionTokensError 'unknown-environment' for an environment ntn does not know (e.g. a `zz`
 * key in workspaces.json) and 'bad-base-url' for a value that is not an http(s) URL.
 */
export function internalBaseUrl(environment: string, env: Record<string, string | undefined>): string {
	const override = env.NOTION_API_BASE_URL;
	if (override) return checkedBaseUrl(override, 'NOTION_API_BASE_URL');
	const builtIn = Object.hasOwn(BUILT_IN_BASE_URLS, environment) ? BUILT_IN_BASE_URLS[environment] : undefined;
	if (!builtIn) {
		throw new NotionTokensError('unknown-environment', `Unknown environment "${environment}": Notion's token API is known for local, dev, stg and prod.`, {
			fix: 'Use one of local, dev, stg, prod, or set NOTION_API_BASE_URL.',
			exitCode: EXIT.failure,
		});
	}
	return builtIn;
}

/**
 * The base URL of Notion's public API: `NOTION_PUBLIC_API_BASE_URL` (when non-empty) else
 * https://api.notion.com. The variable is ours, not ntn's: it points the `users/me` check at a
 * proxy or a test server.
 */
export function publicBaseUrl(env: Record<string, string | undefined>): string {
	const override = env.NOTION_PUBLIC_API_BASE_URL;
	return override ? checkedBaseUrl(override, 'NOTION_PUBLIC_API_BASE_URL') : DEFAULT_PUBLIC_BASE_URL;
}

function checkedBaseUrl(value: string, variable: string): string {
	let protocol = '';
	try {
		protocol = new URL(value).protocol;
	} catch {}
	if (protocol !== 'http:' && protocol !== 'https:') {
		throw new NotionTokensError('bad-base-url', `${variable}="${value}" is not an http:// or https:// URL.`, {
			fix: `Set ${variable} to a URL like https://www.notion.so, or unset it.`,
			exitCode: EXIT.usage,
		});
	}
	return value.endsWith('/') ? value.slice(0, -1) : value;
}

// ---- Results ----

/** `unchecked`: the request was stopped (the caller's signal) before Notion answered. */
export type ApiFailureOutcome = Exclude<CheckOutcome, 'valid'>;

export interface ApiFailure {
	outcome: ApiFailureOutcome;
	httpStatus?: number;
	/** For 'rate-limited': what Retry-After asked for, in whole seconds, when it was given. */
	retryAfterSeconds?: number;
	/** Short human detail; never contains the token. */
	detail: string;
}

export type ApiResult<T> = ({outcome: 'valid'; httpStatus: number} & T) | ApiFailure;

export type Identity = NonNullable<CheckResult['identity']>;

export type ListTokensResult = ApiResult<{tokens: TokenFact[]}>;
export type RevokeTokenResult = ApiResult<Record<never, never>>;
export type UsersMeResult = ApiResult<{identity: Identity; workspaceId: string | null}>;

/** `signal` stops a request (and a wait before its retry): it then resolves to `unchecked`. */
export interface CallOptions {
	signal?: AbortSignal;
}

export interface NotionApi {
	/** How many requests callers should run at once (see `mapLimit`). */
	readonly concurrency: number;
	/** POST {base}/api/v3/workersListTokens `{}`: the token's workspace's tokens; 200 means valid. */
	listTokens(base: string, secret: Secret, options?: CallOptions): Promise<ListTokensResult>;
	/** POST {base}/api/v3/workersRevokeToken `{"tokenId":…}`. */
	revokeToken(base: string, secret: Secret, tokenId: string): Promise<RevokeTokenResult>;
	/** GET {publicBase}/v1/users/me: whom a public-API token acts as. */
	usersMe(publicBase: string, secret: Secret, options?: CallOptions): Promise<UsersMeResult>;
}

export interface NotionApiOptions {
	/** Sent as `user-agent`, e.g. `notion-tokens/0.1.0`. */
	userAgent: string;
	/** Time limit for a whole request, answer body included (default 10 000). */
	timeoutMs?: number;
	concurrency?: number;
	/** A 429 is retried once when Retry-After asks for at most this long (default 5000). */
	maxRetryWaitMs?: number;
	/** Used to read Retry-After given as an HTTP date. */
	clock?: Clock;
}

/** Wait before the one retry of a 429 that carries no Retry-After (capped by maxRetryWaitMs). */
const DEFAULT_RETRY_WAIT_MS = 1000;

/** The most of an answer that is read: Notion's own answers are a few KiB. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export function createNotionApi(options: NotionApiOptions): NotionApi {
	const {userAgent, timeoutMs = 10_000, concurrency = 4, maxRetryWaitMs = 5000, clock = systemClock} = options;

	const post = <T>(base: string, path: string, secret: Secret, body: unknown, parse: Parser<T>, signal?: AbortSignal) => {
		const payload = JSON.stringify(body);
		const headers = {
			authorization: `Bearer ${secret.reveal()}`,
			'content-type': 'application/json',
			accept: '*/*',
			'user-agent': userAgent,
			'content-length': Buffer.byteLength(payload),
		};
		return call(`${base}${path}`, {method: 'POST', headers, payload, signal}, secret, parse);
	};

	const call = async <T>(url: string, request: Request, secret: Secret, parse: Parser<T>): Promise<ApiResult<T>> => {
		for (let attempt = 0; ; attempt++) {
			const answer = await exchange(url, request, timeoutMs);
			if ('outcome' in answer) return {...answer, detail: clean(answer.detail, secret)};
			if (answer.status === 429) {
				const waitMs = retryAfterMs(answer.headers['retry-after'], clock.now());
				if (attempt === 0 && (waitMs ?? 0) <= maxRetryWaitMs) {
					await sleep(waitMs ?? Math.min(DEFAULT_RETRY_WAIT_MS, maxRetryWaitMs), request.signal);
					continue;
				}
				const failure: ApiFailure = {outcome: 'rate-limited', httpStatus: 429, detail: ''};
				if (waitMs !== null) failure.retryAfterSeconds = Math.ceil(waitMs / 1000);
				failure.detail = clean(describeHttpError(answer) + retryNote(failure.retryAfterSeconds), secret);
				return failure;
			}
			return interpret(answer, url, parse, secret);
		}
	};

	return {
		concurrency,
		listTokens: (base, secret, options = {}) => post(base, '/api/v3/workersListTokens', secret, {}, parseTokenList, options.signal),
		revokeToken: (base, secret, tokenId) => post(base, '/api/v3/workersRevokeToken', secret, {tokenId}, () => ({})),
		usersMe: (publicBase, secret, options = {}) =>
			call(
				`${publicBase}/v1/users/me`,
				{
					method: 'GET',
					headers: {
						authorization: `Bearer ${secret.reveal()}`,
						'notion-version': NOTION_VERSION,
						accept: 'application/json',
						'user-agent': userAgent,
					},
					signal: options.signal,
				},
				secret,
				parseUser,
			),
	};
}

// ---- Transport ----

interface Request {
	method: 'GET' | 'POST';
	headers: OutgoingHttpHeaders;
	payload?: string;
	signal?: AbortSignal | undefined;
}

/** Text that may hold what a server sent, without the request's token or any token the process holds. */
const clean = (text: string, secret: Secret) => scrubTokens(redact(text, [secret]));

/** What a stopped request (the caller's signal) resolves to. */
const stopped = (signal: AbortSignal): ApiFailure => ({
	outcome: 'unchecked',
	detail: typeof signal.reason === 'string' ? signal.reason : 'Stopped before Notion answered.',
});

interface Answer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/**
 * One HTTP exchange with a time limit covering the whole answer, of which at most MAX_ANSWER_BYTES
 * are read. Never rejects.
 */
function exchange(url: string, request: Request, timeoutMs: number): Promise<Answer | ApiFailure> {
	return new Promise(resolve => {
		const {signal} = request;
		if (signal?.aborted) {
			resolve(stopped(signal));
			return;
		}
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			resolve({outcome: 'offline', detail: `Not a valid URL: ${url}`});
			return;
		}
		let settled = false;
		let clientRequest: http.ClientRequest | undefined;
		const finish = (result: Answer | ApiFailure) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			resolve(result);
			// Whatever is still coming is not wanted: a timed-out, stopped or oversized answer.
			clientRequest?.destroy();
		};
		const unreachable = (error: NodeJS.ErrnoException) =>
			finish(
				error.code === 'HPE_HEADER_OVERFLOW'
					? {outcome: 'malformed', detail: `The answer from ${target.host} has headers larger than Node accepts (16 KiB); it was not read.`}
					: {outcome: 'offline', detail: `Cannot reach ${target.host}: ${error.message}`},
			);
		const tooLarge = (status: number) =>
			finish({outcome: 'malformed', httpStatus: status, detail: `The answer from ${target.host} is larger than 1 MiB; it was not read.`});
		const timer = setTimeout(() => {
			finish({outcome: 'timeout', detail: `No answer from ${target.host} within ${formatMs(timeoutMs)}.`});
		}, timeoutMs);
		const onAbort = () => finish(stopped(signal!));
		signal?.addEventListener('abort', onAbort);
		try {
			// node:http and node:https (with tls and net) load on the first request: most commands send none.
			const transport = process.getBuiltinModule(target.protocol === 'https:' ? 'node:https' : 'node:http');
			// agent: false gives a one-off agent without keep-alive, so no socket outlives the request.
			clientRequest = transport.request(target, {method: request.method, headers: request.headers, agent: false});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			finish(
				code === 'ERR_INVALID_CHAR'
					? {outcome: 'invalid', detail: 'The token contains characters that cannot be sent in an HTTP header.'}
					: {outcome: 'offline', detail: `Cannot send to ${target.host}: ${(error as Error).message}`},
			);
			return;
		}
		clientRequest.on('error', unreachable);
		clientRequest.on('response', response => {
			const status = response.statusCode ?? 0;
			if (Number(response.headers['content-length'] ?? 0) > MAX_ANSWER_BYTES) {
				tooLarge(status);
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_ANSWER_BYTES) tooLarge(status);
				else chunks.push(chunk);
			});
			response.on('error', unreachable);
			response.on('aborted', () => unreachable(new Error('the connection closed before the answer was complete')));
			response.on('end', () => finish({status, headers: response.headers, body: Buffer.concat(chunks).toString('utf8')}));
		});
		clientRequest.end(request.payload);
	});
}

/** Waits `ms`, or less when `signal` stops it first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	return new Promise(resolve => {
		if (signal?.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done);
	});
}

function formatMs(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** Retry-After as delay-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: Date): number | null {
	if (value === undefined) return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	if (!/[a-z]/i.test(text) || Number.isNaN(date)) return null;
	return Math.max(0, date - now.getTime());
}

function retryNote(seconds: number | undefined): string {
	return seconds === undefined ? '' : ` (retry after ${seconds} s)`;
}

// ---- Interpreting answers ----

/** Reads a 2xx JSON body into data, or says what is wrong with it. */
type Parser<T> = (json: unknown) => T | {problem: string};

function interpret<T>(answer: Answer, url: string, parse: Parser<T>, secret: Secret): ApiResult<T> {
	const {status} = answer;
	if (status >= 200 && status < 300) {
		let json: unknown;
		try {
			// Every string in it (names, ids, dates) is scrubbed before anything reads it.
			json = scrubJson(JSON.parse(answer.body));
		} catch {
			return {outcome: 'malformed', httpStatus: status, detail: clean(`The answer from ${pathOf(url)} is not JSON.`, secret)};
		}
		const data = parse(json);
		if (isRecord(data) && typeof data.problem === 'string') {
			return {outcome: 'malformed', httpStatus: status, detail: clean(`Unexpected answer from ${pathOf(url)}: ${data.problem}.`, secret)};
		}
		return {outcome: 'valid', httpStatus: status, ...(data as T)};
	}
	const outcome: ApiFailureOutcome = status === 401 ? 'invalid' : status === 403 ? 'forbidden' : 'server-error';
	return {outcome, httpStatus: status, detail: clean(describeHttpError(answer), secret)};
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return url;
	}
}

/** `401 unauthorized: API token is invalid.` from Notion's error body, else `HTTP 502`. */
function describeHttpError(answer: Answer): string {
	let json: unknown;
	try {
		json = JSON.parse(answer.body);
	} catch {}
	if (isRecord(json) && typeof json.message === 'string') {
		const code = typeof json.code === 'string' ? ` ${scrubTokens(json.code).slice(0, 100)}` : '';
		return `${answer.status}${code}: ${scrubTokens(json.message).slice(0, 200)}`;
	}
	return `HTTP ${answer.status}`;
}

/** `{"tokens":[Token…]}` as ntn requires it (ntn-compat §9); extra fields are ignored. */
function parseTokenList(json: unknown): {tokens: TokenFact[]} | {problem: string} {
	if (!isRecord(json) || !Array.isArray(json.tokens)) return {problem: 'expected {"tokens": [...]}'};
	const tokens: TokenFact[] = [];
	for (const [index, entry] of json.tokens.entries()) {
		if (!isRecord(entry)) return {problem: `tokens[${index}] is not an object`};
		for (const field of ['id', 'name', 'issuedAt', 'expiresAt'] as const) {
			if (typeof entry[field] !== 'string') return {problem: `tokens[${index}].${field} is not a string`};
		}
		const revokedAt = entry.revokedAt;
		if (revokedAt !== undefined && revokedAt !== null && typeof revokedAt !== 'string') {
			return {problem: `tokens[${index}].revokedAt is not a string or null`};
		}
		tokens.push({
			id: entry.id as string,
			name: entry.name as string,
			issuedAt: entry.issuedAt as string,
			expiresAt: entry.expiresAt as string,
			revokedAt: revokedAt ?? null,
		});
	}
	return {tokens};
}

/**
 * The public API's user object. `bot.owner.type === 'user'` (a PAT, an ntn login or an OAuth token)
 * is the person in `owner.user`; otherwise the bot itself (an internal connection). Every field
 * below `object` is optional.
 */
function parseUser(json: unknown): {identity: Identity; workspaceId: string | null} | {problem: string} {
	if (!isRecord(json) || json.object !== 'user') return {problem: 'expected a user object'};
	const bot = isRecord(json.bot) ? json.bot : {};
	const owner = isRecord(bot.owner) ? bot.owner : {};
	const ownerUser = isRecord(owner.user) ? owner.user : {};
	const identity: Identity =
		owner.type === 'user'
			? {kind: 'person', name: stringOrNull(ownerUser.name), workspaceName: stringOrNull(bot.workspace_name)}
			: {kind: json.type === 'person' ? 'person' : 'bot', name: stringOrNull(json.name), workspaceName: stringOrNull(bot.workspace_name)};
	return {identity, workspaceId: stringOrNull(bot.workspace_id)};
}
