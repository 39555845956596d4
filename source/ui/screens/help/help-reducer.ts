import type {ListMove} from '../../state/list.js';

/** The `?` overlay: open or not, and how far it is scrolled. */
export interface HelpState {
	readonly open: boolean;
	readonly top: number;
}

export type HelpAction = {type: 'toggle'} | {type: 'close'} | {type: 'scroll'; move: ListMove; lineCount: number; height: number};

export const initialHelp: HelpState = {open: false, top: 0};

export function helpReducer(state: HelpState, action: HelpAction): HelpState {
	switch (action.type) {
		case 'toggle':
			return {open: !state.open, top: 0};
		case 'close':
			return {open: false, top: 0};
		case 'scroll': {
			const last = Math.max(0, action.lineCount - action.height);
			const page = Math.max(1, action.height - 1);
			const target = {
				up: state.top - 1,
				down: state.top + 1,
				'page-up': state.top - page,
				'page-down': state.top + page,
				first: 0,
				last,
			}[action.move];
			return {...state, top: Math.min(Math.max(target, 0), last)};
		}
	}
}
