import {crypto} from '../shared/lazy-crypto.js';
import {rmSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {seedFacts, type SeedFact} from '../own/facts.js';
import {serialize} from '../ntn/write-json.js';

/** A demo workspace: name, environment, and how many days ago its token was issued. */
const DEMO: Array<{name: string; environment: string; issuedDaysAgo: number | null}> = [
	{name: 'Acme Corp', environment: 'prod', issuedDaysAgo: 30},
	{name: 'Design Studio', environment: 'prod', issuedDaysAgo: 361},
	{name: 'Engineering Wiki', environment: 'prod', issuedDaysAgo: 340},
	{name: 'Marketing', environment: 'prod', issuedDaysAgo: 400},
	{name: 'Personal Notes', environment: 'prod', issuedDaysAgo: null},
	{name: 'Sandbox', environment: 'dev', issuedDaysAgo: 200},
	{name: 'Staging Mirror', environment: 'dev', issuedDaysAgo: 358},
];

/** Signals that end the demo from outside (Ctrl+C inside the UI is a key, not a signal). */
const SIGNALS = ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'] as const;

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** A token in the shape ntn's tokens have: `<prefix>.<tokenId>.<b64url(4 bytes ‖ space id ‖ …)>.<secret>`. */
export function demoToken(tokenId: string, spaceId: string): string {
	const space = Buffer.from(spaceId.replaceAll('-', ''), 'hex');
	return `demo.${tokenId}.${b64url(Buffer.concat([Buffer.from([0, 0, 0, 1]), space]))}.${b64url(crypto().randomBytes(18))}`;
}

export interface DemoSeed {
	workspaceId: string;
	name: string;
	environment: string;
	tokenId: string;
	issuedAt: string | null;
	expiresAt: string | null;
}

/**
 * Writes a throw-away ntn config dir (file storage) with workspaces in two environments and
 * tokens expired, expiring soon and fine, and returns the variables that point notion-tokens at
 * it. `cleanup()` removes it.
 */
export async function createDemoHome(now: Date = new Date()): Promise<{env: Record<string, string>; cleanup: () => Promise<void>; seeds: DemoSeed[]}> {
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'notion-tokens-demo-'));
	const home = path.join(root, 'notion');
	const state = path.join(root, 'state');
	// A closed terminal, a kill or any other way out must not leave the demo behind either.
	const remove = () => rmSync(root, {recursive: true, force: true});
	const onSignal = (signal: NodeJS.Signals) => {
		remove();
		process.exit(128 + os.constants.signals[signal]);
	};
	for (const signal of SIGNALS) process.once(signal, onSignal);
	process.once('exit', remove);
	await fs.mkdir(home, {mode: 0o700});
	await fs.mkdir(state, {mode: 0o700});
	const environments: Record<string, Record<string, {id: string; name: string}>> = {};
	const auth: Record<string, string> = {};
	const seeds: DemoSeed[] = [];
	for (const workspace of DEMO) {
		const id = crypto().randomUUID();
		const tokenId = crypto().randomUUID();
		(environments[workspace.environment] ??= {})[id] = {id, name: workspace.name};
		auth[id] = demoToken(tokenId, id);
		const issued = workspace.issuedDaysAgo === null ? null : new Date(now.getTime() - workspace.issuedDaysAgo * 86_400_000);
		const expires = issued ? new Date(issued.getTime() + 365 * 86_400_000) : null;
		seeds.push({
			workspaceId: id,
			name: workspace.name,
			environment: workspace.environment,
			tokenId,
			issuedAt: issued?.toISOString() ?? null,
			expiresAt: expires?.toISOString() ?? null,
		});
	}
	const defaultOf = (environment: string) => seeds.find(seed => seed.environment === environment)!.workspaceId;
	await fs.writeFile(path.join(home, 'workspaces.json'), serialize({version: '1', environments}));
	await fs.writeFile(path.join(home, 'config.json'), serialize({version: '1', defaultWorkspaceIds: {prod: defaultOf('prod'), dev: defaultOf('dev')}}));
	await fs.writeFile(path.join(home, 'auth.json'), serialize(auth), {mode: 0o600});
	await seedFacts(state, home, demoFacts(seeds, now));
	return {
		env: {
			NOTION_HOME: home,
			NOTION_KEYRING: '0',
			NOTION_TOKENS_HOME: state,
			NOTION_TOKENS_DEMO: '1',
			// The demo's tokens are made up: checks go to a closed local port and show as offline.
			NOTION_API_BASE_URL: 'http://127.0.0.1:9',
			NOTION_PUBLIC_API_BASE_URL: 'http://127.0.0.1:9',
		},
		cleanup: async () => {
			for (const signal of SIGNALS) process.off(signal, onSignal);
			process.off('exit', remove);
			// A last write of the UI may still land while the dir is removed (ENOTEMPTY): try again.
			await fs.rm(root, {recursive: true, force: true, maxRetries: 5, retryDelay: 20});
		},
		seeds,
	};
}

/** How long before the demo starts its facts were (as if) fetched from Notion. */
const DEMO_FACTS_AGE_MS = 3 * 3_600_000;

/**
 * The facts the demo opens with, as if fetched from Notion 3 hours earlier: every token with a
 * date is listed (Sandbox's without an expiry date, so that it is computed from its creation);
 * Marketing's expired token fails its check; Personal Notes was never checked; Acme Corp has a
 * second token.
 */
function demoFacts(seeds: readonly DemoSeed[], now: Date): SeedFact[] {
	const fetchedAt = new Date(now.getTime() - DEMO_FACTS_AGE_MS).toISOString();
	const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
	return seeds.flatMap((seed): SeedFact[] => {
		if (seed.issuedAt === null) return [];
		const own = {
			id: seed.tokenId,
			name: `${seed.name} CLI login`,
			issuedAt: seed.issuedAt,
			expiresAt: seed.name === 'Sandbox' ? null : seed.expiresAt,
			revokedAt: null,
		};
		const expired = seed.expiresAt !== null && Date.parse(seed.expiresAt) <= now.getTime();
		const others =
			seed.name === 'Acme Corp'
				? [{id: crypto().randomUUID(), name: 'CI deploys', issuedAt: daysAgo(100), expiresAt: daysAgo(100 - 365), revokedAt: null}]
				: [];
		return [
			{
				workspaceId: seed.workspaceId,
				environment: seed.environment,
				tokenId: seed.tokenId,
				fetchedAt,
				tokens: [own, ...others],
				check: expired
					? {outcome: 'invalid', checkedAt: fetchedAt, httpStatus: 401, detail: '401 unauthorized: API token is invalid.'}
					: {outcome: 'valid', checkedAt: fetchedAt, httpStatus: 200},
			},
		];
	});
}
