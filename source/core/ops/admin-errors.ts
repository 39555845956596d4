import {EXIT, NotionTokensError} from '../shared/errors.js';
import type {AdminFailure} from '../notion/admin-api.js';
import {LABEL} from '../own/saved-label.js';
import type {AdminToken} from './admin-token.js';

export const READ_SCOPE = 'personal-access-token:read';
export const REVOKE_SCOPE = 'personal-access-token:write-high-impact';

const TOKEN_PLACE = 'Manage organization → General → Manage organization-level admin API tokens';

/** How to provide an admin token: the words of `admin pats` without one, and of the UI's Admin hint. */
export const ADMIN_TOKEN_FIX = `Save one with \`notion-tokens add <label> --admin\`, or set NOTION_ADMIN_TOKEN to a token from ${TOKEN_PLACE} (organization owners only).`;

/** A saved token's label as it can be typed back: a label that is not one shows its odd characters as `?`. */
const typedLabel = (label: string): string => (LABEL.test(label) ? label : label.replace(/[^\x21-\x7e]/g, '?').slice(0, 40));

/** What to do when Notion refuses the admin token: replace it where it came from. */
function refused(token: Pick<AdminToken, 'label'>, notion: string): {message: string; fix: string} {
	const why = `${notion}: it is not an organization bot token, or it was revoked.`;
	const create = `Create or copy an organization bot token in ${TOKEN_PLACE}`;
	if (token.label === null) return {message: `Notion refused the admin token in NOTION_ADMIN_TOKEN${why}`, fix: `${create}, and set NOTION_ADMIN_TOKEN to it.`};
	const label = typedLabel(token.label);
	return {
		message: `Notion refused the admin token saved as "${label}"${why}`,
		fix: `${create}, then replace the saved one with \`notion-tokens rotate ${label}\` (NOTION_ADMIN_TOKEN, when set, is used instead).`,
	};
}

/** What a failed Admin API call made with `token` means for people, and what fixes it. */
export function describeAdminFailure(
	failure: AdminFailure,
	action: 'list' | 'revoke',
	host: string,
	token: Pick<AdminToken, 'label'>,
): {message: string; fix: string} {
	const notion = failure.code
		? ` (${failure.httpStatus ?? ''} ${failure.code}: ${failure.detail})`
		: failure.httpStatus
			? ` (HTTP ${failure.httpStatus}: ${failure.detail})`
			: '';
	const scope = action === 'list' ? READ_SCOPE : REVOKE_SCOPE;
	switch (failure.kind) {
		case 'unauthorized':
			return refused(token, notion);
		case 'missing-scope':
			return {
				message: `The admin token lacks the scope ${scope}${notion}.`,
				fix: `Give the connection the ${scope} scope in ${TOKEN_PLACE}.`,
			};
		case 'forbidden':
			return {
				message: `Notion refused access${notion}.`,
				fix: `The Admin API needs an organization on the Enterprise plan, and a token with the ${scope} scope; the workspace must belong to the token's organization.`,
			};
		case 'not-found':
			return action === 'list'
				? {
						message: `Workspace not found in this organization${notion}.`,
						fix: "Check the workspace id (`notion-tokens workspaces` lists ntn's), and that the workspace belongs to the token's organization.",
					}
				: {
						message: 'Not found in this workspace, or outside the organization.',
						fix: 'Check the PAT id (`notion-tokens admin pats <workspace>` lists them) and the workspace.',
					};
		case 'bad-request':
			return {message: `Notion rejected the request${notion}.`, fix: 'Check the workspace id (a UUID) and the filters.'};
		case 'rate-limited':
			return {
				message: `Notion is rate-limiting the admin token${failure.retryAfterSeconds === undefined ? '' : `; it asks to wait ${failure.retryAfterSeconds} s`}${notion}.`,
				fix: 'Wait a little and try again.',
			};
		case 'server-error':
			return {message: `Notion's Admin API failed${notion}, and kept failing when asked again.`, fix: 'Try again in a few minutes.'};
		case 'offline':
		case 'timeout':
			return {
				message: `${failure.detail}`,
				fix: `Check the network connection${host === 'api.notion.com' ? '' : ` and NOTION_PUBLIC_API_BASE_URL (${host})`}.`,
			};
		case 'malformed':
			return {
				message: `Unexpected answer from the Admin API at ${host}: ${failure.detail}`,
				fix: 'Check that NOTION_PUBLIC_API_BASE_URL, if set, points to Notion.',
			};
		case 'interrupted':
			return {message: 'Interrupted.', fix: ''};
	}
}

export function adminFailureError(failure: AdminFailure, action: 'list' | 'revoke', host: string, token: Pick<AdminToken, 'label'>): NotionTokensError {
	if (failure.kind === 'interrupted') return new NotionTokensError('interrupted', 'Interrupted.', {exitCode: EXIT.interrupted});
	const {message, fix} = describeAdminFailure(failure, action, host, token);
	return new NotionTokensError(`admin-${failure.kind}`, message, {fix, exitCode: EXIT.failure});
}
