import {parseWindow} from '../../core/index.js';
import {EXIT, type CheckOutcome, type NotionTokensCore, type TokenRow} from '../../core/index.js';
import type {Args} from '../args.js';
import {print, printJson, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols, wrap} from '../../text/index.js';
import {table, tableWidth} from '../table.js';
import {
	attemptSentence,
	colorExpiry,
	colorOutcome,
	expiryText,
	identityText,
	latestCheck,
	maskedText,
	nowOf,
	outcomeText,
	tokenJson,
	whereText,
	type TokenJson,
} from './token-text.js';

export interface CheckCommandJson {
	tokens: TokenJson[];
	/** How many tokens had each outcome (every outcome is present, 0 when none). */
	counts: Record<CheckOutcome, number>;
}

const ORDER: readonly CheckOutcome[] = ['valid', 'invalid', 'forbidden', 'rate-limited', 'server-error', 'malformed', 'offline', 'timeout', 'unchecked'];
const UNREACHED: readonly CheckOutcome[] = ['offline', 'timeout', 'unchecked'];

/**
 * `notion-tokens check [<id|name>]`: asks Notion about each token. Exit 0 when every token checked is
 * valid; 3 when Notion could be reached for none; 1 otherwise (refused, no access, rate-limited…).
 */
export async function checkCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const withinDays = args.within === undefined ? undefined : parseWindow(args.within);
	const query = args.positionals[0];
	const all = await core.refresh({
		allEnvironments: args.allEnvs,
		...(query === undefined ? {} : {query}),
		...(withinDays === undefined ? {} : {withinDays}),
	});
	// Tokens Notion only lists are not held here, so there is nothing to check them with.
	const rows = all.filter(row => row.source !== 'listed');
	const counts = Object.fromEntries(ORDER.map(outcome => [outcome, rows.filter(row => latestCheck(row).outcome === outcome).length])) as Record<
		CheckOutcome,
		number
	>;
	if (args.json) printJson(io, {tokens: rows.map(tokenJson), counts} satisfies CheckCommandJson);
	else printCheck(io, sanitizeDeep(rows), counts, nowOf(core));
	if (rows.length === 0 || rows.every(row => latestCheck(row).outcome === 'valid')) return EXIT.ok;
	if (rows.every(row => UNREACHED.includes(latestCheck(row).outcome))) return EXIT.failure;
	return EXIT.attention;
}

function printCheck(io: CommandIo, rows: TokenRow[], counts: Record<CheckOutcome, number>, now: Date) {
	const {style} = io;
	if (rows.length === 0) {
		print(io, style.dim('No stored tokens to check, and NOTION_API_TOKEN is not set. Run `ntn login` to sign in.'));
		return;
	}
	const lines = rows.map(row => {
		const notable = row.expiry !== 'ok' && row.expiry !== 'unknown';
		return [
			whereText(row),
			row.environment ?? 'env',
			maskedText(row.masked),
			`${outcomeText(latestCheck(row))}${notable ? ` ${symbols.dot} ${expiresPhrase(row)}` : ''}`,
		];
	});
	const width = tableWidth(io);
	const paint = (r: number, c: number, cell: string) => {
		if (c !== 3) return cell;
		const row = rows[r]!;
		const at = cell.indexOf(` ${symbols.dot} `);
		const check = latestCheck(row);
		return at < 0 ? colorOutcome(style, check, cell) : colorOutcome(style, check, cell.slice(0, at)) + colorExpiry(style, row, cell.slice(at));
	};
	const rendered = table(lines, paint, {maxWidths: [30], width});
	rows.forEach((row, index) => {
		print(io, rendered[index]);
		for (const line of explain(row, now).flatMap(text => wrap(text, width - 4))) print(io, `    ${style.dim(line)}`);
	});
	print(io);
	print(
		io,
		ORDER.filter(outcome => counts[outcome] > 0)
			.map(outcome => `${counts[outcome]} ${outcomeText({outcome, checkedAt: null}).slice(2)}`)
			.join(', ') + '.',
	);
	if (rows.every(row => UNREACHED.includes(latestCheck(row).outcome))) {
		print(io, style.yellow('Notion could not be reached; what earlier checks found is kept (`notion-tokens tokens` shows it).'));
	}
}

function expiresPhrase(row: TokenRow): string {
	if (row.expiry === 'revoked') return 'revoked';
	return `${row.expiry === 'expired' ? 'expired' : 'expires'} ${expiryText(row)}`;
}

/** The detail Notion gave and what to do, for anything but a plain valid answer. */
function explain(row: TokenRow, now: Date): string[] {
	const check = latestCheck(row);
	const lines: string[] = [];
	if (check.outcome === 'valid') {
		if (check.identity) lines.push(`${identityText(check.identity)}.`);
		return lines;
	}
	if (check.detail) lines.push(check.detail);
	const name = row.workspaceName ?? row.workspaceId ?? 'its workspace';
	const override = row.source === 'override';
	switch (check.outcome) {
		case 'invalid':
			lines.push(
				override
					? 'Notion does not accept NOTION_API_TOKEN: replace it or unset it.'
					: `Notion does not accept it: run \`ntn login\` and pick ${name} to sign in again.`,
			);
			break;
		case 'forbidden':
			lines.push('The token is known to Notion but has no access to this API; it is not expired.');
			break;
		case 'rate-limited':
			lines.push('Notion asked to wait before asking again; try later.');
			break;
		case 'server-error':
		case 'malformed':
			lines.push('Notion had a problem answering; try again later.');
			break;
		case 'offline':
		case 'timeout':
		case 'unchecked':
			break;
	}
	const kept = attemptSentence(row, now);
	if (kept) lines.push(`${kept[0]!.toUpperCase()}${kept.slice(1)}.`);
	if (row.lastAttempt && row.check.outcome === 'invalid')
		lines.push(override ? 'Replace NOTION_API_TOKEN or unset it.' : `Run \`ntn login\` and pick ${name} to sign in again.`);
	if (row.lastAttempt && row.check.identity) lines.push(`Last known: ${identityText(row.check.identity)}.`);
	return lines;
}
