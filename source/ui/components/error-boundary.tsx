import {Component, type ReactNode} from 'react';
import {ErrorPanel} from './error-panel.js';

interface State {
	readonly message: string | null;
}

/**
 * Keeps a failure while drawing one screen inside that screen: a panel instead of a stack trace,
 * while the keys (other screens, q, Ctrl+C) keep working. `resetKey` clears it on a screen change.
 */
export class ScreenErrorBoundary extends Component<{readonly children: ReactNode; readonly resetKey: string}, State & {readonly key: string}> {
	override state = {message: null, key: this.props.resetKey};

	static getDerivedStateFromError(error: unknown): Partial<State> {
		return {message: error instanceof Error ? error.message.split('\n')[0]! : String(error)};
	}

	static getDerivedStateFromProps(props: {resetKey: string}, state: State & {key: string}): Partial<State & {key: string}> | null {
		return props.resetKey === state.key ? null : {message: null, key: props.resetKey};
	}

	override render() {
		if (this.state.message !== null) {
			return (
				<ErrorPanel
					message={`This screen could not be drawn: ${this.state.message}`}
					fix="This is a bug in notion-tokens; the other screens still work (1–3), q quits."
				/>
			);
		}
		return this.props.children;
	}
}
