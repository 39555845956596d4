import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * A real terminal: one tmux session on a private server (`-L`), so a user's own tmux is never
 * touched. The screen is polled with capture-pane; nothing waits for a fixed time.
 */
export interface Terminal {
	/** The screen as text (with `escapes`, including colour and style sequences). */
	capture(options?: {escapes?: boolean}): Promise<string>;
	/** Polls the screen every 20 ms until it matches; fails with the last screen after `timeoutMs`. */
	waitFor(test: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	/** tmux key names: `Down`, `Enter`, `Escape`, `C-c`, `Tab`. */
	keys(...names: string[]): Promise<void>;
	/** Types text literally, one key at a time. */
	type(text: string): Promise<void>;
	/** The pid of the pane's shell, which runs the program (its one child) and then prints EXIT=. */
	panePid(): Promise<number>;
	/** The latest tmux paste buffer: what the program put on the clipboard with OSC 52. */
	clipboard(): Promise<string>;
	/** The pane's title, which a program can set with OSC 0 or 2. */
	title(): Promise<string>;
	/** Appends every byte the program writes from now on to `file`. */
	record(file: string): Promise<void>;
	close(): Promise<void>;
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * Starts `argv` with exactly `env` (nothing inherited but PATH) in a `columns`×`rows` terminal.
 * When it ends, the pane prints `EXIT=<code>` and stays open.
 */
export async function startTerminal(argv: string[], env: Record<string, string>, size = {columns: 80, rows: 24}): Promise<Terminal> {
	const socket = `nt-e2e-${randomBytes(4).toString('hex')}`;
	const tmux = (...args: string[]) => run('tmux', ['-L', socket, ...args]);
	const variables = Object.entries({PATH: process.env['PATH'] ?? '/usr/bin:/bin', TERM: 'xterm-256color', ...env}).map(
		([key, value]) => `${key}=${quote(value)}`,
	);
	const command = `env -i ${variables.join(' ')} ${argv.map(quote).join(' ')}; echo EXIT=$?; sleep 600`;
	await tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'app', '-x', String(size.columns), '-y', String(size.rows), command);
	await tmux('set-option', '-t', 'app', 'escape-time', '0');
	// OSC 52 from the program becomes a paste buffer.
	await tmux('set-option', '-s', 'set-clipboard', 'on');

	const capture: Terminal['capture'] = async (options = {}) => (await tmux('capture-pane', '-p', ...(options.escapes ? ['-e'] : []), '-t', 'app')).stdout;

	const matches = (screen: string, test: string | RegExp | ((screen: string) => boolean)) =>
		typeof test === 'string' ? screen.includes(test) : test instanceof RegExp ? test.test(screen) : test(screen);

	return {
		capture,
		async waitFor(test, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			let screen = '';
			for (;;) {
				screen = await capture();
				if (matches(screen, test)) return screen;
				if (Date.now() > deadline) throw new Error(`the terminal never showed ${String(test)}; screen:\n${screen}`);
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
		async keys(...names) {
			for (const name of names) await tmux('send-keys', '-t', 'app', name);
		},
		async type(text) {
			for (const character of text) await tmux('send-keys', '-t', 'app', '-l', character);
		},
		async panePid() {
			return Number((await tmux('display-message', '-p', '-t', 'app', '#{pane_pid}')).stdout.trim());
		},
		async clipboard() {
			return (await tmux('show-buffer').catch(() => ({stdout: ''}))).stdout;
		},
		async title() {
			return (await tmux('display-message', '-p', '-t', 'app', '#{pane_title}')).stdout.trimEnd();
		},
		async record(file) {
			await tmux('pipe-pane', '-o', '-t', 'app', `cat >> ${quote(file)}`);
		},
		async close() {
			await tmux('kill-server').catch(() => undefined);
		},
	};
}
