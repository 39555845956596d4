import {NotionTokensError, EXIT} from '../core/index.js';
import type {CommandIo} from './io.js';

/** Longer input is not a token: reading stops there instead of filling memory. */
const MAX_TOKEN_BYTES = 16 * 1024;

/**
 * Reads a token: on a terminal from a hidden prompt (raw mode: nothing is echoed, a paste arrives
 * whole, Backspace edits, Enter ends, Ctrl+C and Ctrl+D give up and nothing is saved); otherwise
 * all of stdin, surrounding whitespace removed. Never from the command line. `command` is the
 * command line that reads it (`add <label>`, `rotate <label>`), for the hint when none is given.
 */
export async function readToken(io: CommandIo, prompt: string, command: {line: string; rotate: boolean}): Promise<string> {
	const stdin = io.stdin as CommandIo['stdin'] & {setRawMode?: (raw: boolean) => unknown; isRaw?: boolean};
	const token =
		stdin.isTTY && stdin.setRawMode ? await fromTerminal(io, stdin as typeof stdin & {setRawMode: (raw: boolean) => unknown}, prompt) : await fromPipe(io);
	if (token === '') {
		throw new NotionTokensError('empty-token', `No token was given; nothing was ${command.rotate ? 'changed' : 'saved'}`, {
			fix: `Paste the ${command.rotate ? 'new ' : ''}token at the prompt, or pipe it in: \`notion-tokens ${command.line} < token-file\`.`,
			exitCode: EXIT.usage,
		});
	}
	return token;
}

async function fromPipe(io: CommandIo): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of io.stdin) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += bytes.length;
		if (size > MAX_TOKEN_BYTES) throw tooLong();
		chunks.push(bytes);
	}
	return Buffer.concat(chunks).toString('utf8').trim();
}

const tooLong = () =>
	new NotionTokensError('token-too-long', `The input is longer than ${MAX_TOKEN_BYTES / 1024} KiB, which no token is; nothing was saved`, {
		fix: 'Give the token alone, on one line.',
		exitCode: EXIT.usage,
	});

function fromTerminal(io: CommandIo, stdin: NodeJS.ReadableStream & {setRawMode: (raw: boolean) => unknown; isRaw?: boolean}, prompt: string): Promise<string> {
	io.stderr.write(prompt);
	const wasRaw = stdin.isRaw === true;
	stdin.setRawMode(true);
	let value = '';
	return new Promise<string>((resolve, reject) => {
		const finish = (run: () => void) => {
			stdin.removeListener('data', onData);
			stdin.setRawMode(wasRaw);
			stdin.pause();
			io.stderr.write('\n');
			run();
		};
		const onData = (chunk: Buffer | string) => {
			// Bracketed paste markers, should the terminal send them, are not part of the token.
			const text = String(chunk).replaceAll('\x1b[200~', '').replaceAll('\x1b[201~', '');
			for (const char of text) {
				if (char === '\x03') return finish(() => reject(new NotionTokensError('interrupted', 'Interrupted: nothing was saved.', {exitCode: EXIT.interrupted})));
				if (char === '\x04' && value === '') return finish(() => resolve(''));
				if (char === '\r' || char === '\n' || char === '\x04') return finish(() => resolve(value.trim()));
				if (char === '\x7f' || char === '\b') value = value.slice(0, -1);
				else if (char === '\x15') value = '';
				else if (char >= ' ') value += char;
				if (value.length > MAX_TOKEN_BYTES) return finish(() => reject(tooLong()));
			}
		};
		stdin.on('data', onData);
		stdin.resume();
	});
}
