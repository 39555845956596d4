/**
 * A mock Notion server for the test suite: ntn's token API (`POST /api/v3/workers…`) and the public
 * API's `GET /v1/users/me` on one port of 127.0.0.1. Each token is scripted with `setToken`;
 * unknown tokens get Notion's 401 body.
 */
import {randomBytes, randomUUID} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {spaceIdOf, tokenIdOf} from '../../source/core/ntn/token-format.js';
import type {TokenFact} from '../../source/core/shared/types.js';

/** How the server answers requests bearing a token. A 200 without `body` gives the normal answer. */
export interface MockBehaviour {
	status?: number;
	/** Sent as the Retry-After header. */
	retryAfter?: string;
	/** Wait this long before answering. */
	delayMs?: number;
	/** Raw answer body (e.g. malformed JSON) instead of the normal one. */
	body?: string;
	/**
	 * A flood: a token list of `bytes` bytes, sent as fast as the client reads it (with its length
	 * declared up front when `declareLength`), stopped when the client goes away.
	 */
	flood?: {bytes: number; declareLength?: boolean};
}

export interface MockTokenSpec extends MockBehaviour {
	/** What workersListTokens answers for this token. */
	tokens?: TokenFact[];
}

export interface MockUser {
	/** `person`: an ntn login's bot owned by a user; `pat`: a personal access token (the creator's user object); `bot`: an internal connection. */
	kind: 'person' | 'pat' | 'bot';
	name: string | null;
	workspaceName: string | null;
	workspaceId: string | null;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	/** Header names and values as sent, in order. */
	rawHeaders: string[];
	body: string;
}

export interface MockNotion {
	/** `http://127.0.0.1:<port>`: use it as NOTION_API_BASE_URL and NOTION_PUBLIC_API_BASE_URL. */
	readonly baseUrl: string;
	readonly requests: RecordedRequest[];
	/**
	 * Makes a token known. `tokens` replaces what list answers (kept when absent); the behaviour
	 * fields replace the standing behaviour (none given: answer normally).
	 */
	setToken(token: string, spec: MockTokenSpec): void;
	/** One-shot behaviours for the token's next requests, used before the standing behaviour. */
	queue(token: string, ...behaviours: MockBehaviour[]): void;
	/** Whom `/v1/users/me` reports for the token. */
	setUser(token: string, user: Partial<MockUser>): void;
	/** Forgets a token: its requests get 401 again. */
	removeToken(token: string): void;
	/** revokedAt by token id, as set by workersRevokeToken. */
	readonly revoked: ReadonlyMap<string, string>;
	close(): Promise<void>;
}

interface TokenState {
	tokens: TokenFact[];
	behaviour: MockBehaviour;
	queued: MockBehaviour[];
	user: MockUser;
}

const UNAUTHORIZED = {object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.'};

export async function startMockNotion(options: {now?: () => Date} = {}): Promise<MockNotion> {
	const now = options.now ?? (() => new Date());
	const states = new Map<string, TokenState>();
	const revoked = new Map<string, string>();
	const requests: RecordedRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();

	const stateOf = (token: string): TokenState => {
		let state = states.get(token);
		if (!state) {
			state = {
				tokens: [],
				behaviour: {},
				queued: [],
				user: {kind: 'person', name: 'Mock User', workspaceName: 'Mock Workspace', workspaceId: spaceIdOf(token)},
			};
			states.set(token, state);
		}
		return state;
	};

	const send = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers});
		response.end(text);
	};

	const answer = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => {
		const path = (request.url ?? '').split('?')[0] ?? '';
		const routes: Record<string, string> = {
			'/api/v3/workersListTokens': 'POST',
			'/api/v3/workersRevokeToken': 'POST',
			'/v1/users/me': 'GET',
		};
		if (!routes[path]) return send(response, 404, {object: 'error', status: 404, code: 'object_not_found', message: `No route ${path}.`});
		if (routes[path] !== request.method) return send(response, 405, {object: 'error', status: 405, code: 'invalid_request', message: 'Method not allowed.'});

		const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
		const token = match?.[1];
		const state = token === undefined ? undefined : states.get(token);
		const ownId = token === undefined ? null : tokenIdOf(token);
		if (!token || !state || (ownId !== null && revoked.has(ownId))) return send(response, 401, UNAUTHORIZED);

		const behaviour = state.queued.shift() ?? state.behaviour;
		const respond = () => {
			const status = behaviour.status ?? 200;
			const headers: Record<string, string> = behaviour.retryAfter === undefined ? {} : {'retry-after': behaviour.retryAfter};
			if (behaviour.flood) return flood(response, status, behaviour.flood);
			if (behaviour.body !== undefined) return send(response, status, behaviour.body, headers);
			if (status !== 200) return send(response, status, errorBody(status), headers);
			if (path === '/v1/users/me') {
				if (!request.headers['notion-version']) {
					return send(response, 400, {object: 'error', status: 400, code: 'missing_version', message: 'Notion-Version header failed validation.'});
				}
				return send(response, 200, userBody(state.user));
			}
			if (path === '/api/v3/workersListTokens') {
				return send(response, 200, {
					tokens: state.tokens.map(fact => ({...fact, revokedAt: revoked.get(fact.id) ?? fact.revokedAt})),
				});
			}
			let tokenId: unknown;
			try {
				tokenId = (JSON.parse(body) as {tokenId?: unknown}).tokenId;
			} catch {}
			if (typeof tokenId !== 'string') {
				return send(response, 400, {object: 'error', status: 400, code: 'invalid_request', message: 'tokenId is required.'});
			}
			if (tokenId !== ownId && !state.tokens.some(fact => fact.id === tokenId)) {
				return send(response, 404, {object: 'error', status: 404, code: 'object_not_found', message: 'Token not found.'});
			}
			if (!revoked.has(tokenId)) revoked.set(tokenId, now().toISOString());
			return send(response, 200, {});
		};
		if (!behaviour.delayMs) return respond();
		const timer = setTimeout(() => {
			timers.delete(timer);
			if (!response.destroyed) respond();
		}, behaviour.delayMs);
		timers.add(timer);
		response.on('close', () => {
			clearTimeout(timer);
			timers.delete(timer);
		});
	};

	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({
				method: request.method ?? '',
				path: request.url ?? '',
				headers: request.headers,
				rawHeaders: request.rawHeaders,
				body,
			});
			answer(request, response, body);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		revoked,
		setToken(token, spec) {
			const state = stateOf(token);
			const {tokens, ...behaviour} = spec;
			if (tokens) state.tokens = tokens.map(fact => ({...fact}));
			state.behaviour = behaviour;
		},
		queue(token, ...behaviours) {
			stateOf(token).queued.push(...behaviours);
		},
		setUser(token, user) {
			const state = stateOf(token);
			state.user = {...state.user, ...user};
		},
		removeToken(token) {
			states.delete(token);
		},
		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
	};
}

/** Writes a `bytes`-byte token list, respecting backpressure, until done or the client is gone. */
function flood(response: http.ServerResponse, status: number, spec: {bytes: number; declareLength?: boolean}) {
	const entry = Buffer.from(`${JSON.stringify({id: randomUUID(), name: 'flood', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z'})},`);
	const chunk = Buffer.concat(Array.from({length: Math.ceil(65_536 / entry.length)}, () => entry));
	response.writeHead(status, {'content-type': 'application/json', ...(spec.declareLength ? {'content-length': String(spec.bytes)} : {})});
	let left = spec.bytes;
	const pump = () => {
		while (left > 0 && !response.destroyed) {
			const piece = left === spec.bytes ? Buffer.concat([Buffer.from('{"tokens":['), chunk]) : chunk;
			const part = piece.subarray(0, Math.min(piece.length, left));
			left -= part.length;
			if (!response.write(part)) return void response.once('drain', pump);
		}
		if (!response.destroyed) response.end();
	};
	response.on('error', () => {});
	pump();
}

function errorBody(status: number) {
	const [code, message] =
		status === 401
			? ['unauthorized', 'API token is invalid.']
			: status === 403
				? ['restricted_resource', 'Insufficient permissions for this endpoint.']
				: status === 429
					? ['rate_limited', 'You have been rate limited. Please try again in a few minutes.']
					: status >= 500
						? ['internal_server_error', 'Unexpected error occurred.']
						: ['invalid_request', 'Invalid request.'];
	return {object: 'error', status, code, message};
}

function userBody(user: MockUser) {
	if (user.kind === 'pat') return {object: 'user', id: randomUUID(), name: user.name, avatar_url: null, type: 'person', person: {email: 'person@example.com'}};
	const bot = {
		owner:
			user.kind === 'person'
				? {type: 'user', user: {object: 'user', id: randomUUID(), name: user.name, avatar_url: null, type: 'person', person: {}}}
				: {type: 'workspace', workspace: true},
		workspace_id: user.workspaceId,
		workspace_name: user.workspaceName,
		workspace_limits: {max_file_upload_size_in_bytes: 5_368_709_120},
	};
	return {object: 'user', id: randomUUID(), name: user.kind === 'bot' ? user.name : 'notion-cli', avatar_url: null, type: 'bot', bot};
}

/**
 * A token in the mock's format, `mock.<tokenId>.<b64url(00000001 ‖ spaceId)>.<24 random chars>`,
 * which `tokenIdOf`/`spaceIdOf` (and ntn debug) read back.
 */
export function mintToken(options: {tokenId?: string; spaceId?: string} = {}): string {
	const tokenId = options.tokenId ?? randomUUID();
	const spaceId = options.spaceId ?? randomUUID();
	const spaceBytes = Buffer.from(spaceId.replaceAll('-', ''), 'hex');
	if (spaceBytes.length !== 16) throw new Error(`mintToken: spaceId "${spaceId}" is not a UUID`);
	const segment = Buffer.concat([Buffer.from([0, 0, 0, 1]), spaceBytes]).toString('base64url');
	return `mock.${tokenId}.${segment}.${randomBytes(18).toString('base64url')}`;
}
