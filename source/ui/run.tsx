import {render} from 'ink';
import type {NotionTokensCore} from '../core/index.js';
import {App} from './app.js';
import {terminalSize} from './hooks/use-terminal-size.js';
import {preloadedState} from './state/preload.js';
import {noColorRequested} from './theme.js';

export interface RunUiOptions {
	/** Expiry window in days; default: the saved preference. */
	windowDays?: number;
	/** A line shown under the title on every screen. */
	banner?: string;
}

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

/**
 * Runs the terminal UI on the process's terminal until the user quits. It draws on the alternate
 * screen (like less or htop) and restores the terminal however it ends. Resolves with the exit
 * code: 0 after q or Esc, 130 after Ctrl+C.
 */
export async function runUi(core: NotionTokensCore, options: RunUiOptions = {}): Promise<number> {
	const {stdout} = process;
	let exitCode = 0;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
	};
	process.once('exit', restore);
	stdout.write(ENTER_ALTERNATE_SCREEN);
	// Anything logged while the UI owns the screen would tear it (React reports errors a screen's
	// boundary caught this way); such messages are shown in the UI's own panels instead.
	const {error: consoleError, warn: consoleWarn} = console;
	console.error = () => {};
	console.warn = () => {};
	try {
		// The first frame shows the workspaces: they are read before anything is drawn.
		const initial = await preloadedState(core, {
			environment: core.environment,
			size: terminalSize(stdout),
			windowDays: options.windowDays,
			banner: options.banner,
		});
		const instance = render(
			<App
				core={core}
				initial={initial}
				windowDays={options.windowDays}
				banner={options.banner}
				noColor={noColorRequested(process.env)}
				onExit={code => {
					exitCode = code;
				}}
			/>,
			{exitOnCtrlC: false, patchConsole: false, maxFps: 60},
		);
		await instance.waitUntilExit();
	} finally {
		console.error = consoleError;
		console.warn = consoleWarn;
		restore();
		process.removeListener('exit', restore);
	}
	return exitCode;
}
