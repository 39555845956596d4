import {createInterface} from 'node:readline/promises';
import {NotionTokensError, EXIT} from '../core/index.js';
import type {CommandIo} from './io.js';

/**
 * Asks y/N on a terminal. Off a terminal it never reads stdin: without `--yes` it refuses with a
 * usage error that names the flag.
 */
export async function confirm(io: CommandIo, question: string, options: {yes: boolean; action: string}): Promise<boolean> {
	if (options.yes) return true;
	if (!io.stdin.isTTY) {
		throw new NotionTokensError('needs-confirmation', `Cannot confirm ${options.action} in a non-interactive environment.`, {
			fix: 'Use --yes to skip the confirmation prompt.',
			exitCode: EXIT.usage,
		});
	}
	const rl = createInterface({input: io.stdin, output: io.stderr});
	try {
		const answer = await rl.question(`${question} [y/N] `);
		return /^y(es)?$/i.test(answer.trim());
	} finally {
		rl.close();
	}
}
