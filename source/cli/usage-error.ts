import {EXIT, looksLikeToken, NotionTokensError} from '../core/index.js';

/**
 * A usage error (exit 2) whose hint points at the help of the command, or at the list of commands.
 * A word of the message that looks like a token (a token pasted as a flag) is never repeated.
 */
export const usageError = (message: string, command?: string): NotionTokensError =>
	new NotionTokensError(
		'usage',
		message.replace(/[^\s'"]+/g, word => (looksLikeToken(word.replace(/^-+/, '')) ? '<token?>' : word)),
		{
			fix: command ? `Run \`notion-tokens ${command} --help\` for its arguments and options.` : 'Run `notion-tokens --help` for the commands and options.',
			exitCode: EXIT.usage,
		},
	);
