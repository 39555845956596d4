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

export const warn = (io: CommandIo, text: string) => io.stderr.write(`${io.style.yellow('warning:')} ${text}\n`);
