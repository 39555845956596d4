/**
 * Fixtures for the token tests: an ntn home (file storage) with minted tokens, pointed at the mock
 * Notion server, plus a closed port for "network unplugged" and a leak check for outputs.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import fs from 'node:fs/promises';
import path from 'node:path';
import {expect} from 'vitest';
import type {TokenFact} from '../../source/core/shared/types.js';
import {mintToken, type MockNotion} from './mock-notion.js';
import {ntnHome, workspacesFile, type NtnHome} from './ntn-home.js';

export interface WorkspaceSpec {
	id: string;
	name: string;
	/** Default `prod`. */
	env?: string;
	/** The stored token's id; null: no stored token. Default `tok-<name>`. */
	tokenId?: string | null;
}

export interface TokenWorld {
	home: NtnHome;
	env: Record<string, string>;
	/** Minted tokens by workspace name. */
	tokens: Record<string, string>;
	/** Every token minted, for the leak check. */
	all: string[];
	stateFile: string;
}

/**
 * Writes workspaces.json, config.json (defaults: the first workspace of each environment) and
 * auth.json. With `baseUrl`, both API families point there.
 */
export async function tokenWorld(specs: WorkspaceSpec[], options: {baseUrl?: string; defaults?: Record<string, string>} = {}): Promise<TokenWorld> {
	const environments: Record<string, Array<[string, string]>> = {};
	const auth: Record<string, string> = {};
	const tokens: Record<string, string> = {};
	const defaults: Record<string, string> = {};
	for (const spec of specs) {
		const env = spec.env ?? 'prod';
		(environments[env] ??= []).push([spec.id, spec.name]);
		defaults[env] ??= spec.id;
		const tokenId = spec.tokenId === undefined ? `tok-${spec.name.toLowerCase().replaceAll(' ', '-')}` : spec.tokenId;
		if (tokenId === null) continue;
		auth[spec.id] ??= mintToken({tokenId, spaceId: spec.id});
		tokens[spec.name] = auth[spec.id]!;
	}
	const home = await ntnHome({
		workspaces: workspacesFile(environments),
		config: {version: '1', defaultWorkspaceIds: options.defaults ?? defaults},
		auth,
	});
	const env = {...home.env, ...(options.baseUrl ? {NOTION_API_BASE_URL: options.baseUrl, NOTION_PUBLIC_API_BASE_URL: options.baseUrl} : {})};
	return {home, env, tokens, all: Object.values(tokens), stateFile: path.join(home.stateDir, 'state.json')};
}

/** A token fact as Notion lists it. */
export const fact = (id: string, name: string, issuedAt: string, expiresAt: string, revokedAt: string | null = null): TokenFact => ({
	id,
	name,
	issuedAt,
	expiresAt,
	revokedAt,
});

/** Scripts the mock so that each workspace's token lists `facts` (its own entry first). */
export function serve(server: MockNotion, token: string, facts: TokenFact[]): void {
	server.setToken(token, {tokens: facts});
}

/** `http://127.0.0.1:<port>` where nothing listens: the network "unplugged". */
export async function closedPortUrl(): Promise<string> {
	const server = http.createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

/**
 * Asserts that `text` holds no token and no 12-character piece of one. The token id (segment 2,
 * which `ntn debug` prints too) is public by design; pieces lying wholly inside it are allowed.
 */
export function expectNoLeak(text: string, tokens: readonly string[]): void {
	for (const token of tokens) {
		const id = token.split('.')[1] ?? '';
		for (let start = 0; start + 12 <= token.length; start++) {
			const piece = token.slice(start, start + 12);
			if (id.includes(piece)) continue;
			if (text.includes(piece)) expect.fail(`output contains "${piece}", a piece of a token`);
		}
	}
}

export const readState = async (world: TokenWorld): Promise<string> => fs.readFile(world.stateFile, 'utf8');
