import {createContext, useContext, type ReactNode} from 'react';
import {colorEnabled} from '../text/index.js';
import type {Tone} from './state/notice.js';

/** Semantic colours. With NO_COLOR every colour is dropped; symbols and words carry the meaning. */
export type ThemeTone = Tone | 'muted' | 'accent';

const COLORS: Record<ThemeTone, string> = {
	success: 'green',
	info: 'cyan',
	warning: 'yellow',
	error: 'red',
	muted: 'gray',
	accent: 'cyan',
};

export interface Theme {
	readonly noColor: boolean;
	/** An Ink colour name, or undefined when colours are off. */
	color(tone: ThemeTone): string | undefined;
}

const THEMES: Record<'color' | 'plain', Theme> = {
	color: {noColor: false, color: tone => COLORS[tone]},
	plain: {noColor: true, color: () => undefined},
};

/** The theme (one object per setting: a new one would redraw every row that uses it). */
export function createTheme(noColor: boolean): Theme {
	return THEMES[noColor ? 'plain' : 'color'];
}

/** Colours off as the CLI decides it on a terminal: NO_COLOR (https://no-color.org), FORCE_COLOR=0. */
export const noColorRequested = (env: Readonly<Record<string, string | undefined>>): boolean => !colorEnabled(env, true);

const ThemeContext = createContext<Theme>(createTheme(false));

export function ThemeProvider({theme, children}: {readonly theme: Theme; readonly children: ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export const useTheme = (): Theme => useContext(ThemeContext);
