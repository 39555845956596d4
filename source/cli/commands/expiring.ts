import {parseWindow} from '../../core/index.js';
import {EXIT, isGone, type ExpiringReport, type NotionTokensCore, type TokenRow} from '../../core/index.js';
import type {Args} from '../args.js';
import {optionFlag} from '../options.js';
import {print, printJson, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols} from '../../text/index.js';
import {table, tableWidth} from '../table.js';
import {
	attemptSentence,
	attentionText,
	checkedText,
	colorExpiry,
	COMPUTED_NOTE,
	maskedText,
	nowOf,
	tokenJson,
	whereText,
	type TokenJson,
} from './token-text.js';

export interface ExpiringCommandJson {
	withinDays: number;
	/** When the oldest facts shown were fetched from Notion (null: never). */
	oldestFactsAt: string | null;
	/** When Notion was asked during this run (null: the answer is from memory alone). */
	askedAt: string | null;
	/** Rejected by Notion (401), revoked, expired or expiring within the window, soonest first. */
	tokens: TokenJson[];
	/**
	 * Tokens whose expiry is not known (Notion unreachable, no access, or no dates given); never a
	 * token that does not expire (an internal connection's or an Admin API token without a date).
	 */
	unknown: TokenJson[];
}

/** Facts older than this are asked for again before answering (unless --offline). */
export const FRESH_FOR_MS = 24 * 3_600_000;

const GROUPS: ReadonlyArray<{title: (days: number) => string; member: (row: TokenRow) => boolean}> = [
	{title: () => 'Expired or revoked', member: isGone},
	{title: () => 'Within 7 days', member: row => !isGone(row) && row.expiry === 'within-7-days'},
	{title: days => `Within ${days} days`, member: row => !isGone(row) && row.expiry === 'within-window'},
];

/** The expiry of these could not be learnt because Notion did not answer when asked just now. */
const unreachable = (report: ExpiringReport): TokenRow[] => (report.askedAt === null ? [] : report.unknown.filter(row => row.lastAttempt !== null));

/**
 * `notion-tokens expiring [--within 30d] [--offline]`: every environment unless `--env` names one,
 * as the UI's Expiring screen. Facts older than a day (or none) are asked for first, unless
 * `--offline`. Exit 0 when nothing needs attention and every expiry is known; 1 when a token is
 * rejected, revoked, expired, expiring within the window, or its expiry is not known; 3 when Notion
 * could not be reached to learn an expiry.
 */
export async function expiringCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const offline = optionFlag(args, 'offline');
	const withinDays = args.within === undefined ? undefined : parseWindow(args.within);
	const report = await core.expiring({
		allEnvironments: args.env === undefined,
		...(withinDays === undefined ? {} : {withinDays}),
		...(offline ? {} : {refreshOlderThanMs: FRESH_FOR_MS}),
	});
	if (args.json) {
		printJson(io, {
			withinDays: report.withinDays,
			oldestFactsAt: report.oldestFactsAt,
			askedAt: report.askedAt,
			tokens: report.rows.map(tokenJson),
			unknown: report.unknown.map(tokenJson),
		} satisfies ExpiringCommandJson);
	} else printExpiring(io, sanitizeDeep(report), nowOf(core), offline);
	if (unreachable(report).length > 0) return EXIT.failure;
	return report.rows.length > 0 || report.unknown.length > 0 ? EXIT.attention : EXIT.ok;
}

function factsAge(report: ExpiringReport, now: Date, offline: boolean): string {
	if (report.oldestFactsAt === null) return offline ? 'from memory: no dates from Notion yet' : 'no dates from Notion';
	const age = `facts ${checkedText(report.oldestFactsAt, now)}`;
	return offline ? `from memory, ${age}` : age;
}

function printExpiring(io: CommandIo, report: ExpiringReport, now: Date, offline: boolean) {
	const {style} = io;
	const age = factsAge(report, now, offline);
	const days = `${report.withinDays} day${report.withinDays === 1 ? '' : 's'}`;
	if (report.rows.length === 0 && report.unknown.length === 0) {
		print(io, `${style.green(symbols.ok)} Nothing rejected, expired or expiring within ${days} (${age}).`);
		return;
	}
	if (report.rows.length === 0) print(io, `Nothing known to be rejected, expired or expiring within ${days} (${age}).`);
	else print(io, style.bold(`Tokens that need attention within ${days}`) + ` (${age})`);
	for (const group of GROUPS) {
		const members = report.rows.filter(group.member);
		if (members.length === 0) continue;
		print(io);
		print(io, style.bold(`${group.title(report.withinDays)} (${members.length})`));
		const rendered = table(
			members.map(row => [
				whereText(row),
				row.environment ?? 'env',
				row.source === 'listed' ? 'listed' : maskedText(row.masked),
				row.tokenId ?? '?',
				attentionText(row),
			]),
			(r, c, cell) => (c === 4 ? colorExpiry(style, members[r]!, cell) : cell),
			{
				maxWidths: [30],
				width: tableWidth(io) - 2,
				shrink: [
					{column: 0, min: 10},
					{column: 3, min: 12},
				],
			},
		);
		for (const line of rendered) print(io, `  ${line}`);
	}
	if (report.unknown.length > 0) {
		print(io);
		print(io, style.bold(`Expiry not known (${report.unknown.length})`));
		const rendered = table(
			report.unknown.map(row => [whereText(row), row.environment ?? 'env', maskedText(row.masked), row.tokenId ?? '?', unknownReason(row, now)]),
			(_r, c, cell) => (c === 4 ? style.yellow(cell) : cell),
			{
				maxWidths: [30],
				width: tableWidth(io) - 2,
				shrink: [
					{column: 0, min: 10},
					{column: 3, min: 12},
				],
			},
		);
		for (const line of rendered) print(io, `  ${line}`);
	}
	print(io);
	if (report.rows.some(row => row.expiryComputed)) print(io, style.dim(COMPUTED_NOTE));
	const failed = unreachable(report);
	if (failed.length > 0) {
		print(io, style.yellow(`Notion could not be reached, so the expiry of ${failed.map(whereText).join(', ')} is not known.`));
		print(io, style.dim('Try again later, or `notion-tokens expiring --offline` for what is remembered.'));
	} else if (offline && report.unknown.length > 0) {
		print(io, style.dim('Run `notion-tokens expiring` without --offline to ask Notion for the missing dates.'));
	}
	for (const line of whatToDo(report.rows)) print(io, style.dim(line));
}

/** Why a token's expiry is not known. */
function unknownReason(row: TokenRow, now: Date): string {
	const attempt = attemptSentence(row, now);
	if (attempt) return attempt;
	if (row.check.outcome === 'forbidden') return `no access (${row.check.httpStatus ?? 403}): Notion gives no dates`;
	if (row.check.outcome === 'unchecked') return 'never checked';
	return `Notion gave no dates for it (${checkedText(row.check.checkedAt, now)})`;
}

/** What to do, once for each kind of token in the report. */
export function whatToDo(rows: readonly TokenRow[]): string[] {
	const lines: string[] = [];
	const has = (test: (row: TokenRow) => boolean) => rows.some(test);
	if (has(row => row.source === 'stored')) lines.push('Stored (ntn login): sign in again with `ntn login` before the token expires.');
	if (has(row => row.source === 'listed')) {
		lines.push(
			'Listed by Notion: create a replacement (`ntn tokens create`) where it is used, then revoke the old one with `notion-tokens revoke <token-id>`.',
		);
	}
	if (has(row => row.source === 'saved' && row.saved?.kind !== 'connection')) {
		lines.push('Saved: create a new token in the Developer portal (https://www.notion.so/developers/tokens), then `notion-tokens rotate <label>`.');
	}
	if (has(row => row.source === 'saved' && row.saved?.kind === 'connection')) {
		lines.push("Saved internal connection: refresh its token on the connection's Configuration tab, then `notion-tokens rotate <label>`.");
	}
	if (has(row => row.source === 'override'))
		lines.push('NOTION_API_TOKEN: replace it where it is set (or save it with `notion-tokens add` and use `notion-tokens exec`).');
	return lines;
}
