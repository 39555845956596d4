import {NotionTokensError, EXIT} from '../core/index.js';
import {sanitize} from '../text/index.js';
import type {CommandIo} from './io.js';

/**
 * Asks y/N on a terminal. Off a terminal it never reads stdin: without `--yes` it refuses with a
 * usage error that names the flag. On the terminal, end of input (Ctrl+D) is "no", and Ctrl+C
 * stops the command (exit 130); neither changes anything.
 */
export async function confirm(io: CommandIo, question: string, options: {yes: boolean; action: string}): Promise<boolean> {
	if (options.yes) return true;
	if (!io.stdin.isTTY) {
		throw new NotionTokensError('needs-confirmation', `Cannot confirm ${options.action} in a non-interactive environment.`, {
			fix: 'Use --yes to skip the confirmation prompt.',
			exitCode: EXIT.usage,
		});
	}
	// Loaded here, not at start-up: only a question on a terminal needs readline.
	const {createInterface} = await import('node:readline/promises');
	const rl = createInterface({input: io.stdin, output: io.stderr});
	try {
		let settled = false;
		const answer = await new Promise<string | null>((resolve, reject) => {
			const settle = (run: () => void) => {
				if (settled) return;
				settled = true;
				run();
			};
			rl.once('SIGINT', () =>
				settle(() => {
					io.stderr.write('\n');
					reject(new NotionTokensError('interrupted', 'Interrupted: nothing was changed.', {exitCode: EXIT.interrupted}));
				}),
			);
			rl.once('close', () =>
				settle(() => {
					io.stderr.write('\n');
					resolve(null);
				}),
			);
			rl.question(`${sanitize(question)} [y/N] `).then(
				text => settle(() => resolve(text)),
				() =>
					settle(() => {
						io.stderr.write('\n');
						resolve(null);
					}),
			);
		});
		return answer !== null && /^y(es)?$/i.test(answer.trim());
	} finally {
		rl.close();
	}
}
