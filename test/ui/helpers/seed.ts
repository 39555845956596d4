import {randomBytes, randomUUID} from 'node:crypto';
import {createCore, fixedClock, type CoreOptions, type NotionTokensCore} from '../../../source/core/index.js';
import {ntnHome, workspacesFile, type NtnHome} from '../../helpers/ntn-home.js';
import {NOW} from './render-app.js';

/** A token in the shape of ntn's (token id in segment 2, space id in segment 3). */
export function ntnToken(spaceId: string, tokenId: string = randomUUID()): string {
	const space = Buffer.from(spaceId.replaceAll('-', ''), 'hex');
	return `ntn.${tokenId}.${Buffer.concat([Buffer.from([0, 0, 0, 1]), space]).toString('base64url')}.${randomBytes(18).toString('base64url')}`;
}

export const uuid = (digit: string): string => {
	const d = digit.repeat(8);
	return `${d}-${d.slice(0, 4)}-4${d.slice(0, 3)}-8${d.slice(0, 3)}-${d}${d.slice(0, 4)}`;
};

export interface UiHome {
	home: NtnHome;
	/** Raw token of each workspace id that has one. */
	tokens: Record<string, string>;
	/** Notion's id of each workspace's token (segment 2 of the token). */
	tokenIds: Record<string, string>;
	core: NotionTokensCore;
	/** A new core over the same files, with more variables or other options (e.g. another clock). */
	makeCore(extraEnv?: Record<string, string>, options?: Omit<CoreOptions, 'env'>): NotionTokensCore;
}

/**
 * A temp ntn home in file mode (NOTION_KEYRING=0), written in ntn's exact formats, with a real
 * core over it and the clock fixed at NOW. Workspaces listed in `withoutToken` get no auth.json entry.
 */
export async function seedUiHome(spec: {
	environments: Record<string, Array<[string, string]>>;
	defaults?: Record<string, string>;
	withoutToken?: string[];
	authMode?: number;
	env?: Record<string, string>;
}): Promise<UiHome> {
	const tokens: Record<string, string> = {};
	const tokenIds: Record<string, string> = {};
	for (const rows of Object.values(spec.environments)) {
		for (const [id] of rows) {
			if (spec.withoutToken?.includes(id) || tokens[id]) continue;
			tokenIds[id] = randomUUID();
			tokens[id] = ntnToken(id, tokenIds[id]);
		}
	}
	const home = await ntnHome({
		config: {version: '1', defaultWorkspaceIds: spec.defaults ?? {}},
		workspaces: workspacesFile(spec.environments),
	});
	await home.write('auth.json', tokens, spec.authMode ?? 0o600);
	const makeCore = (extraEnv: Record<string, string> = {}, options: Omit<CoreOptions, 'env'> = {}) =>
		createCore({clock: fixedClock(NOW.toISOString()), ...options, env: {...home.env, ...spec.env, ...extraEnv}});
	return {home, tokens, tokenIds, core: makeCore(), makeCore};
}
