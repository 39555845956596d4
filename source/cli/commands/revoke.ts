import {checkTokenId} from '../../core/index.js';
import {EXIT, type NotionTokensCore, type RevokeResult} from '../../core/index.js';
import {expectPositionals, type Args} from '../args.js';
import {confirm} from '../confirm.js';
import {print, printJson, type CommandIo} from '../io.js';

export interface RevokeCommandJson {
	tokenId: string;
	revoked: true;
	storedFor: RevokeResult['storedFor'];
	/** True when the revoked token is the one ntn uses for a workspace: `ntn login` is needed again. */
	needsLogin: boolean;
}

/** `notion-tokens revoke <token-id>`: asks y/N on a terminal (or takes --yes), then revokes at Notion. */
export async function revokeCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	expectPositionals(args, 1, 1, '<token-id> [--yes] [--json]');
	const tokenId = args.positionals[0]!;
	// Refuses a whole token before anything could echo it.
	checkTokenId(tokenId);
	const what = await describe(core, tokenId);
	const question = `Revoke ${what.label} at Notion? This cannot be undone.${what.storedFor ? ` ntn will need \`ntn login\` for ${what.storedFor} afterwards.` : ''}`;
	if (!(await confirm(io, question, {yes: args.yes, action: `revoking token ${tokenId}`}))) {
		io.stderr.write('Nothing revoked.\n');
		return EXIT.attention;
	}
	const result = await core.revoke(tokenId);
	if (args.json) {
		printJson(io, {tokenId: result.tokenId, revoked: true, storedFor: result.storedFor, needsLogin: result.storedFor !== null} satisfies RevokeCommandJson);
		return EXIT.ok;
	}
	print(io, `${io.style.green('✔')} Revoked token ${result.tokenId} at Notion.`);
	if (result.storedFor) {
		const {workspaceName, environment} = result.storedFor;
		print(io, `It was the token ntn uses for ${workspaceName} (${environment}): ntn needs \`ntn login\` again — pick ${workspaceName} to sign in.`);
	}
	return EXIT.ok;
}

/** Names the token from the cached facts (no network), for the question. */
async function describe(core: NotionTokensCore, tokenId: string): Promise<{label: string; storedFor: string | null}> {
	const rows = await core.tokens();
	const own = rows.find(row => row.source === 'stored' && row.tokenId === tokenId);
	if (own) return {label: `token ${tokenId}, the one ntn uses for ${own.workspaceName} (${own.environment})`, storedFor: own.workspaceName};
	for (const row of rows) {
		const fact = row.otherTokens.find(candidate => candidate.id === tokenId);
		if (fact) return {label: `token ${tokenId}${fact.name ? ` ("${fact.name}")` : ''} of ${row.workspaceName ?? row.workspaceId}`, storedFor: null};
	}
	return {label: `token ${tokenId}`, storedFor: null};
}
