/**
 * Stored tokens that Notion refused (401: invalid, revoked or expired) the last time it was asked,
 * found from the facts in our state. A fact applies only while the same token is stored: after
 * `ntn login` again the new token does not inherit it.
 */
import type {CoreContext} from '../context.js';
import {entriesIn} from '../ntn/files.js';
import type {Snapshot} from '../ntn/snapshot.js';
import {tokenIdOf} from '../ntn/token-format.js';
import {checkIsFor, rejectedIn} from '../own/facts.js';
import {Secret} from '../shared/secret.js';
import type {CheckResult, Problem} from '../shared/types.js';
import {parseInstant} from './expiry.js';

export interface RejectedToken {
	environment: string;
	workspaceId: string;
	workspaceName: string;
	check: CheckResult;
}

/** `2026-03-11 12:00 UTC`, or the text as it is when it is not a date. */
const when = (iso: string | null): string => {
	const date = parseInstant(iso);
	return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'when last asked';
};

/** The shell command that signs in to a workspace of an environment again. */
export const loginCommand = (environment: string): string => (environment === 'prod' ? 'ntn login' : `NOTION_ENV=${environment} ntn login`);

/** What to do about a rejected token, in one sentence. */
export const rejectedFix = (rejected: Pick<RejectedToken, 'environment' | 'workspaceName'>): string =>
	`Run \`${loginCommand(rejected.environment)}\` and pick ${rejected.workspaceName} to sign in again.`;

/** One sentence saying that Notion refused a workspace's stored token, and when. */
export const rejectedMessage = (rejected: RejectedToken): string =>
	`Notion rejected the stored token of ${rejected.workspaceName} (${rejected.environment}) on ${when(rejected.check.checkedAt)} ` +
	`(${rejected.check.httpStatus ?? 401}: invalid, revoked or expired)`;

export const rejectedProblem = (rejected: RejectedToken): Problem => ({
	code: 'token-rejected',
	message: rejectedMessage(rejected),
	fix: rejectedFix(rejected),
});

/**
 * The rejected stored tokens of one environment (or all) in the config dir of `snapshot`. Reads
 * the store only for workspaces whose last answer was a 401. Our state unreadable, or a token
 * unreadable: nothing is claimed.
 */
export async function findRejectedTokens(
	ctx: CoreContext,
	snapshot: Snapshot,
	environment: string | undefined,
	state: Promise<Record<string, unknown>> = ctx.state().read(),
): Promise<RejectedToken[]> {
	let candidates: ReturnType<typeof rejectedIn>;
	try {
		candidates = rejectedIn(await state, snapshot.configDir.path, environment);
	} catch {
		return [];
	}
	if (candidates.length === 0) return [];
	const tokens = await snapshot.store.getMany([...new Set(candidates.map(item => item.workspaceId))]);
	const rejected: RejectedToken[] = [];
	for (const item of candidates) {
		const token = tokens.get(item.workspaceId);
		if (!(token instanceof Secret)) continue;
		const entry = entriesIn(snapshot.workspaces, item.environment).find(cached => cached.id === item.workspaceId);
		if (!entry || !checkIsFor(item.facts, token.reveal(), tokenIdOf(token.reveal()))) continue;
		rejected.push({environment: item.environment, workspaceId: item.workspaceId, workspaceName: entry.name, check: item.facts.check});
	}
	return rejected;
}
