import type {Style} from './style.js';

/** What a command needs from the outside world; tests pass their own streams. */
export interface CommandIo {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream;
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	style: Style;
	env: Record<string, string | undefined>;
}

export const print = (io: CommandIo, text = '') => io.stdout.write(`${text}\n`);
export const printJson = (io: CommandIo, value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const ROWS_PER_WRITE = 500;

/**
 * Prints a JSON array exactly as printJson does, in pieces of a few hundred items: a long list
 * (10,000 workspaces are 2.7 MB) is never one string in memory, and a reader starts on it sooner.
 */
export function printJsonArray<T>(io: CommandIo, items: readonly T[], toJson: (item: T) => unknown): void {
	if (items.length <= ROWS_PER_WRITE) {
		printJson(io, items.map(toJson));
		return;
	}
	for (let start = 0; start < items.length; start += ROWS_PER_WRITE) {
		const piece = JSON.stringify(items.slice(start, start + ROWS_PER_WRITE).map(toJson), null, 2);
		// `[\n  {…},\n  {…}\n]` without its brackets is the same items as they appear inside the whole array.
		const inner = piece.slice(2, -2);
		io.stdout.write(start === 0 ? `[\n${inner}` : `,\n${inner}`);
	}
	io.stdout.write('\n]\n');
}
export const warn = (io: CommandIo, text: string) => io.stderr.write(`${io.style.yellow('warning:')} ${text}\n`);
