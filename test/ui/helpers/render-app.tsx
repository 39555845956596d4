import {cleanup, render} from 'ink-testing-library';
import {afterEach, vi} from 'vitest';
import type {NotionTokensCore} from '../../../source/core/index.js';
import {App} from '../../../source/ui/app.js';
// Imported first so that its clean-up hook is registered before ours, and runs after it.
import '../../helpers/ntn-home.js';
import type {AppState, Size} from '../../../source/ui/state/app-state.js';

export const NOW = new Date('2026-06-15T12:00:00Z');

/** One macrotask: Ink delivers input and re-subscribes handlers after it (toolchain §1.3). */
export const macrotask = () => new Promise<void>(resolve => setTimeout(resolve, 0));

export type FrameTest = string | RegExp | ((frame: string) => boolean);

const matches = (frame: string, test: FrameTest): boolean =>
	typeof test === 'string' ? frame.includes(test) : test instanceof RegExp ? test.test(frame) : test(frame);

/**
 * Wraps a core so that the test knows when no call is running: files must not be removed while the
 * core is still writing them.
 */
function trackCalls(core: NotionTokensCore): {core: NotionTokensCore; idle: () => Promise<void>} {
	let pending = 0;
	let calls = 0;
	const tracked = new Proxy(core, {
		get(target, property, receiver) {
			const value = Reflect.get(target, property, receiver) as unknown;
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				const result = (value as (...a: unknown[]) => unknown).apply(target, args);
				if (!(result instanceof Promise)) return result;
				pending++;
				calls++;
				return result.finally(() => {
					pending--;
				});
			};
		},
	});
	// A result starts the next call only after React has run its effects, a few macrotasks later:
	// idle means no call running and none started for several macrotasks in a row.
	const idle = async () => {
		for (let quiet = 0; quiet < 5;) {
			const before = calls;
			await vi.waitFor(
				() => {
					if (pending > 0) throw new Error(`${pending} core calls still running`);
				},
				{timeout: 10_000, interval: 5},
			);
			await macrotask();
			quiet = calls === before && pending === 0 ? quiet + 1 : 0;
		}
	};
	return {core: tracked, idle};
}

const rendered: Array<() => Promise<void>> = [];

// Registered after test/helpers/ntn-home.ts's hook, so it runs first: the app stops using the
// temp dirs before they are removed.
afterEach(async () => {
	await Promise.all(rendered.splice(0).map(idle => idle()));
	cleanup();
});

export interface RenderAppOptions {
	size?: Size;
	windowDays?: number;
	noColor?: boolean;
	banner?: string;
	/** The state to start from, as the real UI starts (see preloadedState). */
	initial?: AppState;
}

/**
 * Renders the app over a core with ink-testing-library, with helpers that wait for frames instead
 * of sleeping: `press` writes one key and lets one macrotask pass; `waitFor` polls the last frame.
 */
export function renderApp(realCore: NotionTokensCore, options: RenderAppOptions = {}) {
	let exitCode: number | null = null;
	/** What the app put on the clipboard, in order (instead of OSC 52 on the test runner's terminal). */
	const copied: string[] = [];
	const {core, idle} = trackCalls(realCore);
	rendered.push(idle);
	const instance = render(
		<App
			core={core}
			size={options.size ?? {columns: 80, rows: 24}}
			now={() => NOW}
			windowDays={options.windowDays}
			noColor={options.noColor ?? false}
			banner={options.banner}
			initial={options.initial}
			copy={text => copied.push(text)}
			onExit={code => {
				exitCode = code;
			}}
		/>,
	);
	const frame = () => instance.lastFrame() ?? '';
	const waitFor = async (test: FrameTest, timeout = 5000): Promise<string> => {
		await vi.waitFor(
			() => {
				if (!matches(frame(), test)) throw new Error(`the frame never showed ${String(test)}; last frame:\n${frame()}`);
			},
			{timeout, interval: 5},
		);
		await macrotask();
		return frame();
	};
	const press = async (key: string) => {
		instance.stdin.write(key);
		await macrotask();
	};
	const type = async (text: string) => {
		for (const character of text) await press(character);
	};
	/** Every frame ever written, for checks like "no frame showed the token". */
	const allFrames = () => instance.frames.join('\n');
	/** Waits until the app asked to exit, and returns the exit code. */
	const waitForExit = async (): Promise<number> => {
		await vi.waitFor(
			() => {
				if (exitCode === null) throw new Error(`the app did not exit; last frame:\n${frame()}`);
			},
			{timeout: 5000, interval: 5},
		);
		return exitCode!;
	};
	return {...instance, frame, waitFor, press, type, allFrames, idle, waitForExit, exitCode: () => exitCode, copied};
}

export type RenderedApp = ReturnType<typeof renderApp>;
