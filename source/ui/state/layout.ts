import type {AppState} from './app-state.js';
import {contextOf} from './context.js';
import wrapAnsi from 'wrap-ansi';
import {symbols, textWidth} from '../../text/index.js';
import type {Tone} from './notice.js';
import {listProblem} from '../screens/workspaces/in-use.js';
import {attentionCount} from '../screens/expiring/expiring-reducer.js';

/**
 * How the screen's lines are shared out. The views and the reducer both use these functions, so
 * that paging and scrolling match what is drawn. Banners, notices and errors wrap (shown whole);
 * everything else is one line (truncated), which keeps the layout exact in a 60×15 terminal.
 */

export interface BannerLine {
	readonly tone: Tone;
	readonly text: string;
	/** Lines it wraps to (1 when it is cut to make room). */
	readonly lines: number;
}

/** The UI never uses the terminal's last line: Ink would clear the screen on every frame. */
const SPARE = 1;
const TITLE = 1;
const TABS = 1;
const FOOTER = 1;
const DIALOG = 5;
export const DETAIL_HEADER = 7;

/**
 * Lines a text takes when Ink wraps it to `width` (Ink wraps with wrap-ansi, word by word, cutting
 * only words longer than a line): problems and errors are shown whole, so their height is exact.
 */
export function textLines(text: string, width: number): number {
	if (textWidth(text) <= width) return 1;
	return wrapAnsi(text, Math.max(1, width), {trim: false, hard: true}).split('\n').length;
}

const wrapLines = (text: string, columns: number): number => textLines(text, columns);

/** Banners of the Workspaces screen: expiry warning, shell overrides, problems found. */
export function workspaceBanners(state: AppState): BannerLine[] {
	const {columns} = state.size;
	const banners: BannerLine[] = [];
	const count = attentionCount(state.expiring);
	if (count > 0) {
		const days = state.expiring.report?.withinDays ?? state.windowDays ?? 30;
		const text = `⚠ ${count} token${count === 1 ? '' : 's'} expired or expiring within ${days} day${days === 1 ? '' : 's'} · press 3`;
		banners.push({tone: 'warning', text, lines: wrapLines(text, columns)});
	}
	for (const override of state.workspaces.inventory?.overrides ?? []) {
		// NOTION_WORKSPACE_ID has its own line above the list: what ntn uses right now.
		if (override.variable !== 'NOTION_API_TOKEN') continue;
		const text = `⚑ ${override.variable}=${override.value} is set: in this shell ${override.effect}.`;
		banners.push({tone: 'info', text, lines: wrapLines(text, columns)});
	}
	// A problem that keeps the list from being read is shown in its place, not again up here.
	const inPlaceOfList = listProblem(state.workspaces.inventory);
	for (const problem of state.workspaces.inventory?.problems ?? []) {
		if (problem === inPlaceOfList) continue;
		const key = problem.code === 'auth-file-readable' ? ' Press p to fix.' : '';
		const text = `! ${problem.message}. ${problem.fix}${key}`.replace('.. ', '. ');
		banners.push({tone: 'warning', text, lines: wrapLines(text, columns)});
	}
	// Leave the list at least 3 rows: drop the banners that don't fit, and say so.
	const room = Math.max(1, state.size.rows - SPARE - TITLE - TABS - FOOTER - (state.banner ? 1 : 0) - 1 - 3 - bottomLines(state));
	const shown: BannerLine[] = [];
	let used = 0;
	for (const [index, banner] of banners.entries()) {
		const isLast = index === banners.length - 1;
		if (used + banner.lines + (isLast ? 0 : 1) <= room) {
			shown.push(banner);
			used += banner.lines;
			continue;
		}
		if (isLast && used + 1 <= room) {
			shown.push({...banner, lines: 1});
			break;
		}
		const rest = banners.length - index;
		shown.push({
			tone: 'warning',
			text: `${symbols.ellipsis} ${rest} more note${rest === 1 ? '' : 's'}: enlarge the terminal to read ${rest === 1 ? 'it' : 'them'}`,
			lines: 1,
		});
		break;
	}
	return shown;
}

export function bannerHeight(state: AppState): number {
	if (state.screen !== 'workspaces' || state.help.open) return 0;
	return workspaceBanners(state).reduce((sum, banner) => sum + banner.lines, 0);
}

/** Lines under the list: a dialog, the busy line, or the notice (an error notice is a panel). */
export function bottomLines(state: AppState): number {
	// A form: its border, title, fields and hint.
	if (state.dialog) return state.dialog.kind === 'form' ? 4 + state.dialog.fields.length : DIALOG;
	if (state.busy) return 1;
	const {notice} = state;
	if (!notice) return 0;
	const {text, fix} = noticeLines(notice, state.size.columns);
	return notice.tone === 'error' ? 2 + text + fix : text + fix;
}

/** Lines of a notice's text and fix (an error panel has a border and padding: 4 columns less). */
export function noticeLines(notice: {text: string; fix?: string | null; tone: Tone}, columns: number): {text: number; fix: number} {
	if (notice.tone === 'error') {
		return {text: textLines(`✗ Error: ${notice.text}`, columns - 4), fix: notice.fix ? textLines(`Fix: ${notice.fix}`, columns - 4) : 0};
	}
	return {text: textLines(`• ${notice.text}`, columns), fix: notice.fix ? textLines(`  ${notice.fix}`, columns) : 0};
}

/** Lines available to the current screen's body. */
export function bodyHeight(state: AppState): number {
	const chrome = SPARE + TITLE + TABS + FOOTER + (state.banner ? 1 : 0) + bannerHeight(state) + bottomLines(state);
	return Math.max(2, state.size.rows - chrome);
}

/** Rows of the list on the current context's screen. */
export function listHeight(state: AppState): number {
	const body = bodyHeight(state);
	const context = contextOf(state);
	let used: number;
	if (context === 'help') used = 1;
	else if (context === 'detail') used = DETAIL_HEADER;
	else if (state.screen === 'workspaces') used = (state.workspaces.inventory ? 2 : 1) + (state.workspaces.editing || state.workspaces.filter !== '' ? 1 : 0);
	else if (state.screen === 'tokens') used = 2;
	else if (state.screen === 'admin') used = state.admin.phase === 'pick' ? 2 : 3;
	else used = 3;
	return Math.max(1, body - used);
}
