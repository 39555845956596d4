/** Labels of saved tokens, and telling a label from a token pasted where a label belongs. */
import {EXIT, NotionTokensError} from '../shared/errors.js';

export const LABEL = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * A value that is probably a token: Notion's prefixes, or a long run of token characters. Such a
 * value is refused before anything could echo it.
 */
export function looksLikeToken(value: string): boolean {
	const text = value.trim();
	return /^(ntn_|secret_|mock\.)/i.test(text) || (text.length > 40 && /^[A-Za-z0-9._~+/=-]+$/.test(text));
}

export const TOKEN_ON_COMMAND_LINE = (command: string) =>
	new NotionTokensError(
		'token-on-command-line',
		'That looks like a token: a token is never taken from the command line, where other programs and the shell history can see it; nothing was saved',
		{
			fix: `Run \`notion-tokens ${command} <label>\` and paste the token at the hidden prompt, or pipe it in: \`notion-tokens ${command} <label> < token-file\`.`,
			exitCode: EXIT.usage,
		},
	);

/** Refuses a label that is not `[A-Za-z0-9._-]`, 1 to 40 characters (and one that looks like a token). */
export function checkLabel(label: string, command = 'add'): void {
	if (looksLikeToken(label)) throw TOKEN_ON_COMMAND_LINE(command);
	if (!LABEL.test(label)) {
		throw new NotionTokensError('bad-label', `invalid label '${label.replace(/[^\x20-\x7e]/g, '?').slice(0, 60)}': use 1 to 40 of A-Z a-z 0-9 . _ -`, {
			fix: 'Pick a label like github-sync or prod.reports.',
			exitCode: EXIT.usage,
		});
	}
}
