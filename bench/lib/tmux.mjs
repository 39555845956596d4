// A real terminal for the UI figures: one tmux server on a private socket, driven through a tmux
// control-mode client. tmux streams every byte a pane writes as `%output` lines, so the bench
// sees a frame the moment tmux receives it, with no polling of capture-pane.
//
// Frames: on a terminal Ink wraps every frame in "synchronized update" marks (BSU `ESC[?2026h`
// … ESU `ESC[?2026l`), so an ESU ends a complete frame. Ink leaves them out when it believes
// it runs in CI (is-in-ci), and then draws nothing until exit: the pane therefore gets an
// environment without CI variables, as a user's terminal has.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';

const ESU = '\u001B[?2026l';
// CSI and OSC sequences, and the lone ESC-letter forms Ink and ansi-escapes use.
const ANSI = /\u001B(?:\[[0-9;?<=>]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

/** Text of a frame without escape sequences. */
export const stripAnsi = text => text.replace(ANSI, '');

/** Quotes one argument for tmux's command parser (single quotes, as in sh). */
const quote = arg => (/^[\w\-./=:%@,+]+$/.test(arg) ? arg : `'${String(arg).replaceAll("'", `'\\''`)}'`);

/** Decodes the payload of a control-mode `%output` line (octal escapes for bytes < 0x20 and `\`). */
function decodeOutput(line) {
	const bytes = [];
	for (let i = 0; i < line.length; i++) {
		const byte = line[i];
		if (byte === 0x5c) {
			bytes.push(Number.parseInt(line.subarray(i + 1, i + 4).toString('latin1'), 8));
			i += 3;
		} else bytes.push(byte);
	}
	return Buffer.from(bytes);
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

export class Terminal {
	#client;
	#pending = [];
	#current;
	#lineBuffer = Buffer.alloc(0);
	#decoder = new StringDecoder('utf8');
	#frame = '';
	#waiter;
	#exited;
	/** Every complete frame since the last `spawn`, with the time its end arrived. */
	frames = [];

	/** Starts a private tmux server with one `columns`×`rows` pane. */
	static async start({socket, columns, rows, env}) {
		const terminal = new Terminal();
		terminal.socket = socket;
		terminal.#client = spawn('tmux', ['-L', socket, '-f', '/dev/null', '-C', 'new-session', '-x', String(columns), '-y', String(rows), '-s', 'bench', 'cat'], {
			env,
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		terminal.#exited = new Promise(resolve => terminal.#client.once('exit', resolve));
		terminal.#client.stdout.on('data', chunk => terminal.#onData(chunk));
		await terminal.command('set-option -g remain-on-exit on');
		await terminal.command(`set-option -g status off`);
		await terminal.command(`resize-window -t bench -x ${columns} -y ${rows}`);
		terminal.pane = (await terminal.command(`display-message -p -t bench '#{pane_id}'`))[0];
		return terminal;
	}

	#onData(chunk) {
		const at = now();
		this.#lineBuffer = Buffer.concat([this.#lineBuffer, chunk]);
		let newline;
		while ((newline = this.#lineBuffer.indexOf(0x0a)) !== -1) {
			const line = this.#lineBuffer.subarray(0, newline);
			this.#lineBuffer = this.#lineBuffer.subarray(newline + 1);
			this.#onLine(line, at);
		}
	}

	#onLine(line, at) {
		const text = line.toString('latin1');
		if (this.#current) {
			if (text.startsWith('%end ') || text.startsWith('%error ')) {
				const {resolve, reject, lines} = this.#current;
				this.#current = undefined;
				if (text.startsWith('%error ')) reject(new Error(`tmux: ${lines.join('\n')}`));
				else resolve(lines);
			} else this.#current.lines.push(line.toString('utf8'));
			return;
		}
		if (text.startsWith('%begin ')) {
			// The last field is 1 for the replies to this client's commands; the session's own
			// start produces a block with 0 that nobody asked for.
			const ours = text.trimEnd().endsWith(' 1');
			const next = ours ? this.#pending.shift() : undefined;
			this.#current = next ? {...next, lines: []} : {resolve() {}, reject() {}, lines: []};
			return;
		}
		const prefix = `%output ${this.pane} `;
		if (this.pane && text.startsWith(prefix)) this.#onOutput(decodeOutput(line.subarray(prefix.length)), at);
	}

	#onOutput(bytes, at) {
		this.#frame += this.#decoder.write(bytes);
		let end;
		while ((end = this.#frame.indexOf(ESU)) !== -1) {
			const frame = {at, raw: this.#frame.slice(0, end)};
			this.#frame = this.#frame.slice(end + ESU.length);
			frame.text = stripAnsi(frame.raw);
			this.frames.push(frame);
			if (this.#waiter?.match(frame)) {
				const {resolve, timer} = this.#waiter;
				this.#waiter = undefined;
				clearTimeout(timer);
				resolve(frame);
			}
		}
	}

	/** Runs a tmux command; resolves with its output lines. */
	command(line) {
		return new Promise((resolve, reject) => {
			this.#pending.push({resolve, reject});
			this.#client.stdin.write(`${line}\n`);
		});
	}

	/** Starts `argv` in the pane (killing what ran there); returns the time the request was sent. */
	spawn(argv, {env = {}, cwd} = {}) {
		this.frames = [];
		this.#frame = '';
		const vars = Object.entries(env).map(([name, value]) => `-e ${quote(`${name}=${value}`)}`);
		const line = ['respawn-pane', '-k', '-t', this.pane, ...(cwd ? ['-c', quote(cwd)] : []), ...vars, ...argv.map(quote)].join(' ');
		const sent = now();
		this.command(line).catch(error => this.#waiter?.reject(error));
		return sent;
	}

	/** Sends keys by tmux name (e.g. `Down`); returns the time they were sent. */
	sendKeys(...keys) {
		const sent = now();
		this.command(`send-keys -t ${this.pane} ${keys.map(quote).join(' ')}`).catch(error => this.#waiter?.reject(error));
		return sent;
	}

	/**
	 * Resolves with the first complete frame, from now on, for which `match(frame)` holds
	 * (`frame.text` is without escapes, `frame.at` the time its end arrived).
	 */
	waitFrame(match, timeoutMs, what = 'a frame') {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiter = undefined;
				const last = this.frames.at(-1);
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frame:\n${last ? last.text : '(none)'}`));
			}, timeoutMs);
			this.#waiter = {match, resolve, reject, timer};
		});
	}

	/** The pid of the process in the pane. */
	async panePid() {
		const [pid] = await this.command(`display-message -p -t ${this.pane} '#{pane_pid}'`);
		return Number(pid);
	}

	/** What the pane shows now, without escapes. */
	async screen() {
		return (await this.command(`capture-pane -p -t ${this.pane}`)).join('\n');
	}

	async stop() {
		this.#client.stdin.write('kill-server\n');
		await this.#exited;
	}
}

/** Peak resident memory (VmHWM) of a process in bytes, or null when it is gone. */
export function peakRss(pid) {
	try {
		const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/** Resolves once process `pid` has exited (polls /proc every 2 ms). */
export async function waitGone(pid, timeoutMs = 5000) {
	const start = now();
	for (;;) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			if (/^\d+ \(.*\) Z/.test(stat)) return;
		} catch {
			return;
		}
		if (now() - start > timeoutMs) throw new Error(`process ${pid} did not exit within ${timeoutMs} ms`);
		await new Promise(resolve => setTimeout(resolve, 2));
	}
}
