// Seeds throw-away ntn homes in ntn's own formats (ntn-compat §3): workspaces.json, config.json
// and auth.json (file store), plus an empty state dir for notion-tokens.
import {randomBytes} from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** ntn's serialisation: 2-space JSON, no trailing newline. */
const ntnJson = value => JSON.stringify(value, null, 2);

/** A stable, v4-shaped UUID for row `index` of a seed; `tag` (4 hex digits) keeps seeds apart. */
export function seedId(tag, index) {
	const hex = ((index * 2_654_435_761) >>> 0).toString(16).padStart(8, '0');
	return `${hex}-${tag}-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** A token in the shape ntn's tokens have: `<prefix>.<tokenId>.<b64url(4 bytes ‖ space id ‖ …)>.<secret>`. */
export function seedToken(workspaceId, index) {
	const space = Buffer.from(workspaceId.replaceAll('-', ''), 'hex');
	const segment = Buffer.concat([Buffer.from([0, 0, 0, 1]), space]).toString('base64url');
	return `ntn.${seedId('70c0', index)}.${segment}.${randomBytes(18).toString('base64url')}`;
}

const NAMES = ['Acme', 'Design', 'Engineering', 'Marketing', 'Personal', 'Sandbox', 'Staging', 'Research', 'Sales', 'Support'];

/** Workspace names that sort in an order other than the ids, like real ones. */
const nameOf = index => `${NAMES[index % NAMES.length]} ${String((index * 7919) % 100_003).padStart(6, '0')}`;

const DAY = 86_400_000;

/**
 * notion-tokens' own state (compact JSON, as it writes it) with what Notion said about every token (its facts cache, key
 * `tokenFacts`, version 1: see source/core/facts-cache.ts): id, name, issue and expiry dates and
 * a valid check, as after `notion-tokens check`. Issue dates spread over 400 days, so some tokens
 * have expired and some expire soon.
 */
function factsState(configDir, ids, now) {
	const workspaces = {};
	ids.forEach((id, index) => {
		const issued = new Date(now - ((index * 37) % 400) * DAY);
		workspaces[id] = {
			fetchedAt: new Date(now - DAY).toISOString(),
			storedTokenId: seedId('70c0', index),
			tokens: [
				{
					id: seedId('70c0', index),
					name: `ntn CLI ${index}`,
					issuedAt: issued.toISOString(),
					expiresAt: new Date(issued.getTime() + 365 * DAY).toISOString(),
					revokedAt: null,
				},
			],
			check: {outcome: 'valid', checkedAt: new Date(now - DAY).toISOString(), httpStatus: 200},
			revoked: {},
		};
	});
	return {tokenFacts: {version: 1, workspaces: {[configDir]: {prod: workspaces}}, overrides: {}}};
}

/**
 * Writes a home with `count` workspaces in `prod` (the first is the default), one token per
 * workspace in auth.json (file store; the keychain's are seeded by the caller) and, with `facts`,
 * the facts notion-tokens keeps about each token. Returns the variables that point the CLI at it.
 */
export async function seedHome({count, tag = 'b3c4', store = 'file', facts = store === 'file', root}) {
	const base = root ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'notion-tokens-bench-')));
	const dir = path.join(base, `home-${store}-${count}`);
	const home = path.join(dir, 'notion');
	const state = path.join(dir, 'state');
	await fs.mkdir(home, {recursive: true, mode: 0o700});
	await fs.mkdir(state, {recursive: true, mode: 0o700});
	const entries = {};
	const auth = {};
	const ids = [];
	for (let index = 0; index < count; index++) {
		const id = seedId(tag, index);
		ids.push(id);
		entries[id] = {id, name: nameOf(index)};
		auth[id] = seedToken(id, index);
	}
	await fs.writeFile(path.join(home, 'workspaces.json'), ntnJson({version: '1', environments: {prod: entries}}));
	await fs.writeFile(path.join(home, 'config.json'), ntnJson({version: '1', defaultWorkspaceIds: count > 0 ? {prod: ids[0]} : {}}));
	if (store === 'file') await fs.writeFile(path.join(home, 'auth.json'), ntnJson(auth), {mode: 0o600});
	if (facts) {
		await fs.writeFile(path.join(state, 'state.json'), `${JSON.stringify(factsState(home, ids, Date.now()))}\n`, {mode: 0o600});
	}
	const env = {
		HOME: dir,
		NOTION_HOME: home,
		NOTION_TOKENS_HOME: state,
		...(store === 'file' ? {NOTION_KEYRING: '0'} : {}),
	};
	return {dir, env, ids, tokens: auth, names: ids.map((_, index) => nameOf(index)), cleanup: () => fs.rm(root ? dir : base, {recursive: true, force: true})};
}
