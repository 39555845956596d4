/** The one-line (or error-panel) message under the list: results of actions, busy state, errors. */
export type Tone = 'success' | 'info' | 'warning' | 'error';

export interface Notice {
	readonly tone: Tone;
	readonly text: string;
	readonly fix?: string | null;
}
