import {checkTokenId} from '../../core/index.js';
import {EXIT, type NotionTokensCore, type RevokePlan, type RevokeResult} from '../../core/index.js';
import type {Args} from '../args.js';
import {confirm} from '../confirm.js';
import {print, printJson, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols} from '../../text/index.js';

export interface RevokeCommandJson {
	tokenId: string;
	revoked: true;
	storedFor: RevokeResult['storedFor'];
	/** True when the revoked token is the one ntn uses for a workspace: `ntn login` is needed again. */
	needsLogin: boolean;
}

/** `notion-tokens revoke <token-id>`: asks y/N on a terminal (or takes --yes), then revokes at Notion. */
export async function revokeCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const tokenId = args.positionals[0]!;
	// Refuses a whole token before anything could echo it.
	checkTokenId(tokenId);
	const plan = await core.prepareRevoke(tokenId);
	const question = `Revoke ${labelOf(plan)} at Notion? This cannot be undone.${plan.storedFor ? ` ntn will need \`ntn login\` for ${plan.storedFor.workspaceName} afterwards.` : ''}`;
	if (!(await confirm(io, question, {yes: args.yes, action: `revoking token ${tokenId}`}))) {
		io.stderr.write('Nothing revoked.\n');
		return EXIT.attention;
	}
	const result = await plan.run();
	if (args.json) {
		printJson(io, {tokenId: result.tokenId, revoked: true, storedFor: result.storedFor, needsLogin: result.storedFor !== null} satisfies RevokeCommandJson);
		return EXIT.ok;
	}
	const shown = sanitizeDeep(result);
	print(io, `${io.style.green(symbols.ok)} Revoked token ${shown.tokenId} at Notion.`);
	if (result.storedFor) {
		const {workspaceName, environment} = shown.storedFor!;
		print(
			io,
			`It was the token ntn uses for ${workspaceName} (${environment}): ntn needs \`ntn login\` again ${symbols.dash} pick ${workspaceName} to sign in.`,
		);
	}
	return EXIT.ok;
}

/** Names the token from what is stored and the cached facts (no network), for the question. */
function labelOf(plan: RevokePlan): string {
	if (plan.storedFor) return `token ${plan.tokenId}, the one ntn uses for ${plan.storedFor.workspaceName} (${plan.storedFor.environment})`;
	if (plan.listedIn) return `token ${plan.tokenId}${plan.listedIn.tokenName ? ` ("${plan.listedIn.tokenName}")` : ''} of ${plan.listedIn.workspaceName}`;
	return `token ${plan.tokenId}`;
}
