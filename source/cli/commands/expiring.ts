import {parseWindow} from '../../core/index.js';
import {EXIT, type ExpiringReport, type NotionTokensCore, type TokenRow} from '../../core/index.js';
import type {Args} from '../args.js';
import {print, printJson, type CommandIo} from '../io.js';
import {checkedText, colorExpiry, COMPUTED_NOTE, expiryText, nowOf, table, tokenJson, whereText, type TokenJson} from './token-text.js';

export interface ExpiringCommandJson {
	withinDays: number;
	/** When the oldest facts shown were fetched from Notion (null: never). */
	oldestFactsAt: string | null;
	/** Expired, revoked or expiring within the window, soonest first. */
	tokens: TokenJson[];
}

const GROUPS: ReadonlyArray<{title: (days: number) => string; member: (row: TokenRow) => boolean}> = [
	{title: () => 'Expired or revoked', member: row => row.expiry === 'expired' || row.expiry === 'revoked'},
	{title: () => 'Within 7 days', member: row => row.expiry === 'within-7-days'},
	{title: days => `Within ${days} days`, member: row => row.expiry === 'within-window'},
];

/**
 * `notion-tokens expiring [--within 30d]`: from the cached facts alone (works offline). Exit 0 when
 * nothing is expired, revoked or expiring within the window; 1 when something is.
 */
export async function expiringCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const withinDays = args.within === undefined ? undefined : parseWindow(args.within);
	const report = await core.expiring({allEnvironments: args.allEnvs, ...(withinDays === undefined ? {} : {withinDays})});
	if (args.json) {
		printJson(io, {withinDays: report.withinDays, oldestFactsAt: report.oldestFactsAt, tokens: report.rows.map(tokenJson)} satisfies ExpiringCommandJson);
	} else printExpiring(io, report, nowOf(core));
	return report.rows.length > 0 ? EXIT.attention : EXIT.ok;
}

function printExpiring(io: CommandIo, report: ExpiringReport, now: Date) {
	const {style} = io;
	const age = report.oldestFactsAt === null ? null : checkedText(report.oldestFactsAt, now);
	if (report.rows.length === 0) {
		if (age === null) {
			print(io, `Nothing known to expire within ${report.withinDays} days, but no dates from Notion yet: run \`notion-tokens check\` to fetch them.`);
		} else print(io, `${style.green('✔')} Nothing expired or expiring within ${report.withinDays} days (facts ${age}).`);
		return;
	}
	print(io, style.bold(`Tokens expired or expiring within ${report.withinDays} days`) + ` (facts ${age ?? 'never checked'})`);
	for (const group of GROUPS) {
		const members = report.rows.filter(group.member);
		if (members.length === 0) continue;
		print(io);
		print(io, style.bold(`${group.title(report.withinDays)} (${members.length})`));
		const rendered = table(
			members.map(row => [whereText(row), row.environment ?? 'env', row.masked, row.tokenId ?? '?', expiryText(row)]),
			(r, c, cell) => (c === 4 ? colorExpiry(style, members[r]!, cell) : cell),
			[30],
		);
		for (const line of rendered) print(io, `  ${line}`);
	}
	print(io);
	if (report.rows.some(row => row.expiryComputed)) print(io, style.dim(COMPUTED_NOTE));
	print(io, style.dim('Sign in again with `ntn login` (or create a new token) before a token expires.'));
}
