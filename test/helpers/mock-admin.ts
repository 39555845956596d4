/**
 * A loopback Notion Admin API for the test suite, built from notion-pat-apis.md §1: the PAT list of
 * a workspace (`GET /admin/v1/spaces/{space_id}/personal_access_tokens`: cursor paging,
 * `page_size` ≤ 100, bracket-encoded `status[]` and `creator_ids[]`, `search`) and its revoke
 * (`DELETE …/{bot_id}`, idempotent), with the organization bot token, `Notion-Version: 2026-06-01`,
 * scopes, both error families and one-shot behaviours (429 with retry-after, 5xx, a slow page).
 */
import {randomBytes, randomUUID} from 'node:crypto';
import http from 'node:http';
import type {AddressInfo} from 'node:net';

/** A PAT record exactly as the Admin API sends it (optional fields absent, never null). */
export interface RawPat {
	id: string;
	name?: string;
	creator: {id: string; name?: string; email?: string; profile_photo_url?: string};
	created_at: number;
	status: 'active' | 'expired' | 'revoked';
	expires_at?: number;
	last_used_at?: number;
	revoked_at?: number;
	revoked_by?: {type: 'bot' | 'organization_bot' | 'user'; id: string; name?: string; email?: string};
}

export interface AdminBehaviour {
	status?: number;
	retryAfter?: string;
	delayMs?: number;
	/** Raw body instead of the normal one. */
	body?: string;
	/** Which error family the error body uses (default `type`, as the PAT endpoints do). */
	family?: 'type' | 'object';
	/** Error code in the body (default: the status's own). */
	code?: string;
}

export interface AdminRequest {
	method: string;
	/** Path and query exactly as sent. */
	url: string;
	headers: http.IncomingHttpHeaders;
}

export interface MockAdmin {
	/** `http://127.0.0.1:<port>`: set it as NOTION_PUBLIC_API_BASE_URL. */
	readonly baseUrl: string;
	/** The organization bot token it accepts. */
	readonly token: string;
	readonly requests: AdminRequest[];
	/** The workspace's PATs (the list is live: revokes change it). */
	space(spaceId: string, pats?: RawPat[]): RawPat[];
	/** Scopes of the token (default: read and write-high-impact). */
	setScopes(scopes: string[]): void;
	/** One-shot behaviours for the next requests, in order. */
	queue(...behaviours: AdminBehaviour[]): void;
	/** Forgets the queued behaviours not used yet. */
	clearQueue(): void;
	/** A standing behaviour for requests of the n-th page (1-based) of every listing. */
	onPage(page: number, behaviour: AdminBehaviour): void;
	close(): Promise<void>;
}

export const ADMIN_VERSION = '2026-06-01';
export const READ = 'personal-access-token:read';
export const WRITE = 'personal-access-token:write-high-impact';

const CODES: Record<number, [string, string]> = {
	400: ['validation_error', 'The request body is invalid.'],
	401: ['unauthorized', 'Unauthorized.'],
	403: ['forbidden', 'Forbidden.'],
	404: ['not_found', 'Not found.'],
	429: ['rate_limited', 'Rate limited.'],
	500: ['internal_server_error', 'An unexpected error occurred.'],
	503: ['service_unavailable', 'Service unavailable.'],
};

export function errorBody(status: number, family: 'type' | 'object' = 'type', code?: string, message?: string): Record<string, unknown> {
	const [ownCode, ownMessage] = CODES[status] ?? ['internal_server_error', 'An unexpected error occurred.'];
	return {[family]: 'error', code: code ?? ownCode, status, message: message ?? ownMessage};
}

/** An organization bot token in a made-up shape (Notion does not document one). */
export const mintAdminToken = (): string => `ntn_org_${randomBytes(24).toString('base64url')}`;

export async function startMockAdmin(options: {token?: string; now?: () => number} = {}): Promise<MockAdmin> {
	const token = options.token ?? mintAdminToken();
	const now = options.now ?? (() => Date.now());
	const spaces = new Map<string, RawPat[]>();
	const requests: AdminRequest[] = [];
	const queued: AdminBehaviour[] = [];
	const pageBehaviours = new Map<number, AdminBehaviour>();
	let scopes = new Set([READ, WRITE]);
	const timers = new Set<NodeJS.Timeout>();
	/** Cursor → offset; cursors are opaque strings. */
	const cursors = new Map<string, {space: string; offset: number}>();

	const send = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers});
		response.end(text);
	};

	const later = (response: http.ServerResponse, ms: number | undefined, run: () => void) => {
		if (!ms) return run();
		const timer = setTimeout(() => {
			timers.delete(timer);
			if (!response.destroyed) run();
		}, ms);
		timers.add(timer);
		response.on('close', () => {
			clearTimeout(timer);
			timers.delete(timer);
		});
	};

	const list = (space: string, query: URLSearchParams) => {
		const pats = spaces.get(space)!;
		const size = Math.min(100, Number(query.get('page_size') ?? '100') || 100);
		const statuses = [...query.getAll('status[]'), ...query.getAll('status')];
		const creators = [...query.getAll('creator_ids[]'), ...query.getAll('creator_ids')];
		const search = query.get('search')?.toLowerCase();
		const matching = pats.filter(
			pat =>
				(statuses.length === 0 || statuses.includes(pat.status)) &&
				(creators.length === 0 || creators.includes(pat.creator.id)) &&
				(search === undefined || (pat.name ?? '').toLowerCase().includes(search)),
		);
		const cursor = query.get('cursor');
		const offset = cursor === null ? 0 : (cursors.get(cursor)?.offset ?? -1);
		if (offset < 0) return {status: 400, body: errorBody(400, 'type', 'validation_error', 'Invalid cursor.')};
		const results = matching.slice(offset, offset + size);
		const hasMore = offset + size < matching.length;
		const body: Record<string, unknown> = {results, has_more: hasMore};
		if (hasMore) {
			const next = randomUUID();
			cursors.set(next, {space, offset: offset + size});
			body.next_cursor = next;
		}
		return {status: 200, body};
	};

	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const url = request.url ?? '';
			requests.push({method: request.method ?? '', url, headers: request.headers});
			const parsed = new URL(url, 'http://mock');
			const match = /^\/admin\/v1\/spaces\/([^/]+)\/personal_access_tokens(?:\/([^/]+))?$/.exec(parsed.pathname);
			if (!match) return send(response, 404, errorBody(404, 'object', 'object_not_found', `No route ${parsed.pathname}.`));
			const [, space, botId] = match as unknown as [string, string, string | undefined];
			const method = botId === undefined ? 'GET' : 'DELETE';
			if (request.method !== method) return send(response, 404, errorBody(404, 'object', 'object_not_found', 'No such route.'));
			if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, errorBody(401));
			if (request.headers['notion-version'] !== ADMIN_VERSION) {
				return send(response, 400, errorBody(400, 'type', 'validation_error', 'Notion-Version must be 2026-06-01.'));
			}
			const scope = method === 'GET' ? READ : WRITE;
			if (!scopes.has(scope)) return send(response, 403, errorBody(403, 'type', 'missing_scope', `Missing scope ${scope}.`));
			const page = method === 'GET' ? pageNumber(parsed.searchParams.get('cursor')) : 0;
			const behaviour = queued.shift() ?? pageBehaviours.get(page) ?? {};
			later(response, behaviour.delayMs, () => {
				const headers: Record<string, string> = behaviour.retryAfter === undefined ? {} : {'retry-after': behaviour.retryAfter};
				if (behaviour.body !== undefined) return send(response, behaviour.status ?? 200, behaviour.body, headers);
				if (behaviour.status !== undefined && behaviour.status !== 200) {
					return send(response, behaviour.status, errorBody(behaviour.status, behaviour.family, behaviour.code), headers);
				}
				if (!spaces.has(space)) return send(response, 404, errorBody(404));
				if (method === 'GET') {
					const answer = list(space, parsed.searchParams);
					return send(response, answer.status, answer.body);
				}
				const pat = spaces.get(space)!.find(candidate => candidate.id === botId);
				if (!pat) return send(response, 404, errorBody(404));
				if (pat.status !== 'revoked') {
					pat.status = 'revoked';
					pat.revoked_at = now();
					pat.revoked_by = {type: 'organization_bot', id: '00000000-0000-4000-8000-00000000b0b0', name: 'Admin bot'};
				}
				return send(response, 200, {});
			});
		});
	});
	const pageNumber = (cursor: string | null): number => (cursor === null ? 1 : Math.floor((cursors.get(cursor)?.offset ?? 0) / 100) + 1);

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		token,
		requests,
		space(spaceId, pats) {
			if (pats) spaces.set(spaceId, pats);
			return spaces.get(spaceId) ?? [];
		},
		setScopes(list) {
			scopes = new Set(list);
		},
		queue(...behaviours) {
			queued.push(...behaviours);
		},
		clearQueue() {
			queued.length = 0;
		},
		onPage(page, behaviour) {
			pageBehaviours.set(page, behaviour);
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

const DAY = 86_400_000;

/**
 * `count` PATs made up deterministically from `seed`: a few creators, all three statuses, some
 * without name, expiry or last use (the optional fields absent), times around `now`.
 */
export function makePats(count: number, now: number, options: {creators?: number} = {}): RawPat[] {
	const creators = Array.from({length: options.creators ?? 7}, (_, index) => ({
		id: `c0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
		name: `Member ${index}`,
		email: `member${index}@example.com`,
	}));
	const pats: RawPat[] = [];
	for (let index = 0; index < count; index++) {
		const creator = creators[index % creators.length]!;
		const created = now - ((index * 37) % 400) * DAY;
		const status = index % 10 === 9 ? 'revoked' : index % 10 === 8 ? 'expired' : 'active';
		const pat: RawPat = {
			id: `${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`,
			creator: index % 13 === 0 ? {id: creator.id} : {...creator},
			created_at: created,
			status,
		};
		if (index % 11 !== 0) pat.name = `token ${index}`;
		if (index % 17 !== 0) pat.expires_at = status === 'expired' ? now - ((index % 30) + 1) * DAY : now + ((index * 7) % 365) * DAY + DAY / 2;
		if (index % 5 !== 0) pat.last_used_at = now - ((index * 3) % 200) * DAY;
		if (status === 'revoked') {
			pat.revoked_at = now - (index % 20) * DAY;
			pat.revoked_by = {type: 'user', id: creators[0]!.id, name: creators[0]!.name, email: creators[0]!.email};
		}
		pats.push(pat);
	}
	return pats;
}
