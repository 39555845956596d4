import {Box, useApp, useInput, useStdin, type Key} from 'ink';
import {useCallback, useEffect, useReducer, useRef} from 'react';
import type {NotionTokensCore} from '../core/index.js';
import {copyWithOsc52} from './clipboard.js';
import {Footer} from './components/footer.js';
import {NoticeLine} from './components/notice-line.js';
import {TabBar} from './components/tab-bar.js';
import {TitleBar} from './components/title-bar.js';
import {Banners} from './components/banners.js';
import {ScreenErrorBoundary} from './components/error-boundary.js';
import {useFilesWatch} from './hooks/use-files-watch.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {keyNames} from './input/key-names.js';
import {AdminScreen} from './screens/admin/admin-screen.js';
import {runAdminFetch} from './screens/admin/admin-fetch.js';
import {ExpiringScreen} from './screens/expiring/expiring-screen.js';
import {attentionCount} from './screens/expiring/expiring-reducer.js';
import {HelpOverlay} from './screens/help/help-overlay.js';
import {DialogPanel} from './screens/logout/dialog-panel.js';
import {TokenDetail} from './screens/tokens/token-detail.js';
import {TokensScreen} from './screens/tokens/tokens-screen.js';
import {WorkspaceDetail} from './screens/workspaces/workspace-detail.js';
import {selectedWorkspace} from './screens/workspaces/workspaces-reducer.js';
import {WorkspacesScreen} from './screens/workspaces/workspaces-screen.js';
import {appReducer} from './state/app-reducer.js';
import {initialState, type AppState, type Size} from './state/app-state.js';
import {contextOf} from './state/context.js';
import {positionOf} from './state/position.js';
import {bodyHeight, listHeight, workspaceBanners} from './state/layout.js';
import {runEffect} from './state/run-effect.js';
import {ThemeProvider, createTheme} from './theme.js';

export interface AppProps {
	readonly core: NotionTokensCore;
	/** Expiry window in days; default: the saved preference (30 unless changed). */
	readonly windowDays?: number | undefined;
	/** A line to show under the title. */
	readonly banner?: string | undefined;
	readonly noColor?: boolean;
	/** A fixed terminal size (tests); default: the real one, following resizes. */
	readonly size?: Size;
	/** The time used for "fetched 2 h ago"; default: the system clock. */
	readonly now?: () => Date;
	/** Called once with the exit code (0: q or Esc, 130: Ctrl+C) before the app unmounts. */
	readonly onExit?: (code: number) => void;
	/** The state to start from (e.g. with the workspaces already read); default: nothing read yet. */
	readonly initial?: AppState;
	/** Puts text on the clipboard; default: OSC 52 on the process's terminal. */
	readonly copy?: (text: string) => void;
}

const systemNow = () => new Date();

/** The whole terminal UI. It talks to nothing but `core`. */
export function App({core, windowDays, banner, noColor = false, size: fixedSize, now = systemNow, onExit, initial, copy = copyWithOsc52}: AppProps) {
	const size = useTerminalSize(fixedSize);
	const [state, dispatch] = useReducer(appReducer, initial, given => given ?? initialState({environment: core.environment, size, windowDays, banner}));
	const {exit} = useApp();
	const {isRawModeSupported} = useStdin();

	// Keys only dispatch: every decision is made by the reducer from its own state.
	const onInput = useCallback((input: string, key: Key) => {
		for (const name of keyNames(input, key)) dispatch({type: 'key', name});
	}, []);
	useInput(onInput, {isActive: Boolean(isRawModeSupported)});

	useEffect(() => {
		dispatch({type: 'resize', size});
	}, [size.columns, size.rows]);

	const fetching = useRef<AbortController | null>(null);
	const refreshing = useRef<AbortController | null>(null);
	useEffect(
		() => () => {
			fetching.current?.abort();
			refreshing.current?.abort();
		},
		[],
	);

	// Every screen follows ntn's files as they change on disk (ntn login, another shell, an editor).
	const onFilesChanged = useCallback(() => dispatch({type: 'files-changed'}), []);
	useFilesWatch(state.workspaces.inventory?.configDir?.path ?? null, onFilesChanged);

	// Core calls run one at a time, in order: a reload never overtakes a write.
	const started = useRef(0);
	const chain = useRef<Promise<unknown>>(Promise.resolve());
	useEffect(() => {
		const fresh = state.queue.filter(effect => effect.seq > started.current);
		if (fresh.length === 0) return;
		started.current = fresh.at(-1)!.seq;
		dispatch({type: 'dequeue', upTo: started.current});
		for (const effect of fresh) {
			if (effect.kind === 'admin-fetch') {
				// A fetch of many pages runs beside the queue; a newer one (or leaving) stops the older.
				fetching.current?.abort();
				const controller = new AbortController();
				fetching.current = controller;
				void runAdminFetch(core, effect.workspace, effect.generation, dispatch, controller.signal);
				continue;
			}
			if (effect.kind === 'refresh-cancel') {
				refreshing.current?.abort();
				continue;
			}
			if (effect.kind === 'refresh') {
				// Made now, not when it starts: Esc stops it even while it waits its turn.
				const controller = new AbortController();
				refreshing.current = controller;
				const onProgress = (done: number, total: number) => dispatch({type: 'refresh-progress', done, total});
				chain.current = chain.current.then(() => runEffect(core, effect, copy, {signal: controller.signal, onProgress}).then(dispatch));
				continue;
			}
			chain.current = chain.current.then(() => runEffect(core, effect, copy).then(dispatch));
		}
	}, [state.queue, core, copy]);

	useEffect(() => {
		if (state.exitCode === null) return;
		onExit?.(state.exitCode);
		exit();
	}, [state.exitCode]);

	const theme = createTheme(noColor);
	const context = contextOf(state);
	const height = listHeight(state);
	const problems = (state.workspaces.inventory?.problems ?? []).map(problem => problem.code);
	const time = now();

	let body;
	if (state.help.open) body = <HelpOverlay state={state.help} height={height} />;
	else if (context === 'workspace')
		body = (
			<WorkspaceDetail
				state={state.workspaces}
				token={state.tokens.rows.find(
					row => row.source === 'stored' && row.environment === state.environment && row.workspaceId === selectedWorkspace(state.workspaces)?.id,
				)}
			/>
		);
	else if (state.screen === 'workspaces')
		body = <WorkspacesScreen state={state.workspaces} tokens={state.tokens.rows} height={height} columns={size.columns} />;
	else if (contextOf(state) === 'detail') body = <TokenDetail state={state.tokens} height={height} now={time} />;
	else if (state.screen === 'tokens') body = <TokensScreen state={state.tokens} height={height} columns={size.columns} now={time} />;
	else if (state.screen === 'admin') body = <AdminScreen state={state.admin} height={height} columns={size.columns} now={time} />;
	else body = <ExpiringScreen state={state.expiring} height={height} columns={size.columns} now={time} windowDays={state.windowDays ?? 30} />;

	return (
		<ThemeProvider theme={theme}>
			<Box flexDirection="column" width={size.columns} height={Math.max(1, size.rows - 1)}>
				<TitleBar environment={state.environment} inventory={state.workspaces.inventory} banner={state.banner} columns={size.columns} />
				<TabBar
					screen={state.screen}
					expiringCount={state.expiring.status === 'ready' ? attentionCount(state.expiring) : null}
					position={positionOf(state)}
					adminAvailable={state.admin.available === true}
				/>
				{state.screen === 'workspaces' && !state.help.open ? <Banners banners={workspaceBanners(state)} /> : null}
				<Box flexDirection="column" height={bodyHeight(state)} overflowY="hidden">
					<ScreenErrorBoundary resetKey={`${state.screen}:${context}`}>{body}</ScreenErrorBoundary>
				</Box>
				{state.dialog ? <DialogPanel dialog={state.dialog} /> : <NoticeLine notice={state.notice} busy={state.busy} columns={size.columns} />}
				<Footer context={context} columns={size.columns} problems={problems} />
			</Box>
		</ThemeProvider>
	);
}
