import {inSymbols, sanitize, terminalSafeJson} from '../text/index.js';
import type {Style} from './style.js';

/** What a command needs from the outside world; tests pass their own streams. */
export interface CommandIo {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream;
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
	style: Style;
	env: Record<string, string | undefined>;
}

/** One line of text output (the symbols in ASCII where the locale needs it). Untrusted parts are sanitised before. */
export const print = (io: CommandIo, text = '') => io.stdout.write(`${inSymbols(text)}\n`);
/** Exact JSON, with the controls JSON would leave raw (C1, bidi) escaped too. */
export const printJson = (io: CommandIo, value: unknown) => io.stdout.write(`${terminalSafeJson(JSON.stringify(value, null, 2))}\n`);

export const warn = (io: CommandIo, text: string) => io.stderr.write(`${io.style.yellow('warning:')} ${inSymbols(sanitize(text))}\n`);
