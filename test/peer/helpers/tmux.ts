import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {afterEach} from 'vitest';

/**
 * A real terminal: one tmux server on a private socket per session, so a user's tmux is never
 * touched. Waits poll the screen for text; there are no fixed sleeps.
 */
export interface TmuxSession {
	/** The visible screen, lines joined with `\n`, trailing blanks trimmed. */
	screen(): string;
	/** Polls the screen until `pattern` shows; throws with the screen when it does not in time. */
	waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
	/** Types text literally (no key names). */
	type(text: string): void;
	/** Sends tmux key names, e.g. `Enter`, `C-c`. */
	keys(...names: string[]): void;
	kill(): void;
}

const open: TmuxSession[] = [];
afterEach(() => {
	for (const session of open.splice(0)) session.kill();
});

const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** Starts `command` in a detached 100×30 terminal with exactly `env`; prints `EXIT=<code>` when done. */
export function startTmux(command: string[], env: Record<string, string | undefined>): TmuxSession {
	const socket = `nt-${process.pid}-${randomBytes(4).toString('hex')}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const exports = Object.entries(env)
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `${name}=${shellQuote(value!)}`)
		.join(' ');
	const line = `env -i PATH=${shellQuote(process.env['PATH'] ?? '')} TERM=xterm-256color ${exports} ${command.map(shellQuote).join(' ')}; echo EXIT=$?; sleep 60`;
	tmux('new-session', '-d', '-s', 'main', '-x', '100', '-y', '30', line);
	const session: TmuxSession = {
		screen: () => tmux('capture-pane', '-p', '-t', 'main').replace(/\s+$/, ''),
		async waitFor(pattern, timeoutMs = 8000) {
			const deadline = performance.now() + timeoutMs;
			const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
			for (;;) {
				const text = session.screen();
				if (matches(text)) return text;
				if (performance.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${text}`);
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
		type: text => void tmux('send-keys', '-t', 'main', '-l', text),
		keys: (...names) => void tmux('send-keys', '-t', 'main', ...names),
		kill: () => {
			try {
				tmux('kill-server');
			} catch {}
		},
	};
	open.push(session);
	return session;
}
