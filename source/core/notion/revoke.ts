/**
 * Revokes a token at Notion (POST /api/v3/workersRevokeToken `{"tokenId"}`, ntn-compat §9) with a
 * stored token that is allowed to, and remembers the revocation in the facts cache. Like ntn, it
 * does not touch ntn's files: a revoked stored token stays stored until `ntn login` replaces it.
 */
import type {CoreContext} from '../context.js';
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {ensureWorkspaceFacts, fingerprintOf, readFacts, recordCheck, updateFacts, workspaceFacts} from '../own/facts.js';
import {internalBaseUrl, type ApiFailure, type NotionApi} from './api.js';
import type {Secret} from '../shared/secret.js';
import {entriesOf, readSnapshot} from '../ntn/snapshot.js';
import {tokenIdOf} from '../ntn/token-format.js';
import type {Environment, RevokePlan, RevokeResult} from '../shared/types.js';
import {sortLikeNtn} from '../ops/workspace-rows.js';

interface Candidate {
	workspaceId: string;
	workspaceName: string;
	token: Secret;
	tokenId: string | null;
}

/**
 * Reads what a revocation needs — the environment's stored tokens and the cached facts — once, and
 * says which token it is (for a question) before anything is sent. `run()` revokes it.
 */
export async function prepareRevoke(ctx: CoreContext, tokenId: string, environment: Environment, api: NotionApi): Promise<RevokePlan> {
	checkTokenId(tokenId);
	const snapshot = await readSnapshot(ctx);
	if (snapshot.workspacesError) throw snapshot.workspacesError;
	const entries = sortLikeNtn(entriesOf(snapshot, environment).map(row => ({environment: row.environment, id: row.entry.id, name: row.entry.name})));
	const tokens = await snapshot.store.getMany(entries.map(row => row.id));
	const candidates: Candidate[] = [];
	let readError: NotionTokensError | undefined;
	for (const row of entries) {
		const token = tokens.get(row.id);
		if (token instanceof NotionTokensError) readError ??= token;
		else if (token) candidates.push({workspaceId: row.id, workspaceName: row.name, token, tokenId: tokenIdOf(token.reveal())});
	}
	const configDir = snapshot.configDir.path;
	const cache = await readFacts(ctx.state());
	const defaultId = snapshot.config?.defaultWorkspaceIds?.[environment];
	// The token itself, else a token of the workspace whose list shows it, else the default's token.
	const storedFor = candidates.find(candidate => candidate.tokenId === tokenId);
	const revoker =
		storedFor ??
		candidates.find(candidate => workspaceFacts(cache, configDir, environment, candidate.workspaceId)?.tokens.some(fact => fact.id === tokenId)) ??
		candidates.find(candidate => candidate.workspaceId === defaultId);
	let listedIn: RevokePlan['listedIn'] = null;
	for (const candidate of candidates) {
		const fact = workspaceFacts(cache, configDir, environment, candidate.workspaceId)?.tokens.find(listed => listed.id === tokenId);
		if (fact && candidate.tokenId !== tokenId) {
			listedIn = {workspaceName: candidate.workspaceName, tokenName: fact.name};
			break;
		}
	}
	return {
		tokenId,
		storedFor: storedFor ? {environment, workspaceId: storedFor.workspaceId, workspaceName: storedFor.workspaceName} : null,
		listedIn,
		run: () => revoke(ctx, {tokenId, environment, api, candidates, revoker, readError, storedFor, configDir}),
	};
}

async function revoke(
	ctx: CoreContext,
	plan: {
		tokenId: string;
		environment: Environment;
		api: NotionApi;
		candidates: Candidate[];
		revoker: Candidate | undefined;
		readError: NotionTokensError | undefined;
		storedFor: Candidate | undefined;
		configDir: string;
	},
): Promise<RevokeResult> {
	const {tokenId, environment, api, candidates, revoker, readError, storedFor, configDir} = plan;
	if (!revoker) {
		if (readError) throw readError;
		throw new NotionTokensError(
			'no-revoking-token',
			`No stored token in ${environment} can revoke token ${tokenId}: it is not a stored token, no cached token list of ${environment} shows it, and ${environment} has no default workspace with a token`,
			{
				fix: `Run \`notion-tokens check\` to fetch the token lists, pass --env for another environment, or run \`ntn login\` for the token's workspace.`,
				exitCode: EXIT.failure,
			},
		);
	}

	const answer = await api.revokeToken(internalBaseUrl(environment, ctx.env), revoker.token, tokenId);
	if (answer.outcome !== 'valid') throw revokeFailed(answer, tokenId, revoker);

	const revokedAt = ctx.clock.now().toISOString();
	await updateFacts(ctx.state(), cache => {
		for (const candidate of candidates) {
			const listed = workspaceFacts(cache, configDir, environment, candidate.workspaceId)?.tokens.some(fact => fact.id === tokenId);
			const isRevoker = candidate === revoker;
			const isOwn = candidate.tokenId === tokenId;
			if (!listed && !isRevoker && !isOwn) continue;
			const entry = ensureWorkspaceFacts(cache, configDir, environment, candidate.workspaceId);
			entry.revoked[tokenId] = revokedAt;
			if (isOwn) {
				entry.storedTokenId = tokenId;
				entry.storedTokenFingerprint = fingerprintOf(candidate.token.reveal());
				recordCheck(entry, {outcome: 'invalid', checkedAt: revokedAt, detail: 'Revoked with notion-tokens: ntn needs `ntn login` again.'});
			}
		}
	});
	return {
		tokenId,
		storedFor: storedFor ? {environment, workspaceId: storedFor.workspaceId, workspaceName: storedFor.workspaceName} : null,
	};
}

/** Token ids have no dots; a value with the shape of a whole token is refused without echoing it. */
export function checkTokenId(tokenId: string): void {
	if (tokenId.trim() === '') {
		throw new NotionTokensError('bad-token-id', 'No token id given', {
			fix: 'Give the id of the token to revoke (see `notion-tokens tokens`).',
			exitCode: EXIT.usage,
		});
	}
	if (tokenIdOf(tokenId) !== null || /\s/.test(tokenId)) {
		throw new NotionTokensError('bad-token-id', 'That looks like a token, not a token id; it was not sent anywhere', {
			fix: 'Give the token id shown by `notion-tokens tokens` (never the token itself).',
			exitCode: EXIT.usage,
		});
	}
}

function revokeFailed(failure: ApiFailure, tokenId: string, revoker: Candidate): NotionTokensError {
	switch (failure.outcome) {
		case 'invalid':
			return new NotionTokensError(
				'revoke-failed',
				`Notion refused the token of ${revoker.workspaceName} (401: invalid or revoked), so it could not revoke token ${tokenId}`,
				{
					fix: `Run \`ntn login\` and pick ${revoker.workspaceName}, then try again.`,
				},
			);
		case 'forbidden':
			return new NotionTokensError('revoke-failed', `The token of ${revoker.workspaceName} may not revoke token ${tokenId} (403: no access)`, {
				fix: "Revoke it at notion.so, or sign in with `ntn login` as the token's owner.",
			});
		case 'rate-limited':
			return new NotionTokensError('revoke-failed', `Notion is rate-limiting requests; token ${tokenId} was not revoked: ${failure.detail}`, {
				fix: failure.retryAfterSeconds === undefined ? 'Wait a minute and try again.' : `Wait ${failure.retryAfterSeconds} s and try again.`,
			});
		case 'offline':
		case 'timeout':
			return new NotionTokensError('revoke-failed', `Could not reach Notion to revoke token ${tokenId}: ${failure.detail}`, {
				fix: 'Check the network connection (and NOTION_API_BASE_URL, if set), then try again.',
			});
		default:
			return new NotionTokensError('revoke-failed', `Notion did not revoke token ${tokenId}: ${failure.detail}`, {
				fix: failure.httpStatus === 404 ? 'Check the id with `notion-tokens check` and `notion-tokens tokens`.' : 'Try again later.',
			});
	}
}
