import {oldest, parseWindow} from '../../core/index.js';
import {EXIT, UNUSED_DAYS, type NotionTokensCore, type TokenRow} from '../../core/index.js';
import type {Args} from '../args.js';
import {print, printJson, type CommandIo} from '../io.js';
import {ageText, checkCell, colorExpiry, colorOutcome, COMPUTED_NOTE, expiryText, identityText, maskedText, nowOf, tokenJson, whereText} from './token-text.js';
import {sanitizeDeep, symbols, unreadableNote, wrap} from '../../text/index.js';
import {table, tableWidth, type TableOptions} from '../table.js';

/** `notion-tokens tokens`: every token known, masked, with the facts cached from Notion. No network. */
export async function tokensCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const withinDays = args.within === undefined ? undefined : parseWindow(args.within);
	const rows = await core.tokens({allEnvironments: args.allEnvs, ...(withinDays === undefined ? {} : {withinDays})});
	if (args.json) {
		printJson(io, rows.map(tokenJson));
		return EXIT.ok;
	}
	const windowDays = withinDays ?? (await core.preferences()).expiryWindowDays;
	printTokens(io, sanitizeDeep(rows), {now: nowOf(core), windowDays, environment: args.allEnvs ? null : core.environment});
	return EXIT.ok;
}

function printTokens(io: CommandIo, rows: TokenRow[], options: {now: Date; windowDays: number; environment: string | null}) {
	const {style} = io;
	const {now, environment} = options;
	if (rows.length === 0) {
		print(io, style.dim(`No stored tokens${environment ? ` in ${environment}` : ''}, and NOTION_API_TOKEN is not set. Run \`ntn login\` to sign in.`));
		return;
	}
	const withEnv = environment === null;
	const cells = (values: {where: string; env: string; token: string; id: string; expires: string; check: string}) => [
		values.where,
		...(withEnv ? [values.env] : []),
		values.token,
		values.id,
		values.expires,
		values.check,
	];
	const lines = [cells({where: 'WORKSPACE', env: 'ENV', token: 'TOKEN', id: 'TOKEN ID', expires: 'EXPIRES', check: 'CHECK'})];
	/** What colours each line: the header, a token row, or a token from a workspace's list. */
	const kinds: Array<{kind: 'header'} | {kind: 'row'; row: TokenRow} | {kind: 'other'; expiry: TokenRow['expiry']}> = [{kind: 'header'}];
	for (const row of rows) {
		if (row.source === 'listed') {
			// Listed by Notion for the workspace of the stored token above it.
			lines.push(
				cells({where: `  ${symbols.child} ${row.tokenName ?? '(unnamed)'}`, env: '', token: '', id: row.tokenId ?? '?', expires: expiryText(row), check: ''}),
			);
			kinds.push({kind: 'other', expiry: row.expiry});
			continue;
		}
		lines.push(
			cells({
				where: whereText(row),
				env: row.environment ?? 'env',
				token: maskedText(row.masked),
				id: row.tokenId ?? (row.source === 'saved' ? symbols.dash : '?'),
				expires: expiryText(row),
				check: checkCell(row, now),
			}),
		);
		kinds.push({kind: 'row', row});
	}
	const expiresColumn = withEnv ? 4 : 3;
	const rendered = table(
		lines,
		(r, c, cell) => {
			const kind = kinds[r]!;
			if (kind.kind === 'header') return style.dim(cell);
			if (kind.kind === 'other') return c === expiresColumn ? colorExpiry(style, kind, cell) : style.dim(cell);
			if (c === expiresColumn) return colorExpiry(style, kind.row, cell);
			if (c === expiresColumn + 1) return kind.row.unreadable ? style.red(cell) : colorOutcome(style, kind.row.check, cell);
			return cell;
		},
		tokensLayout(tableWidth(io), expiresColumn),
	);
	for (const line of rendered) print(io, line);

	const notes: string[] = [];
	if (rows.some(row => row.expiryComputed)) notes.push(COMPUTED_NOTE);
	for (const row of rows) {
		if (row.source === 'override' && row.check.identity) notes.push(`NOTION_API_TOKEN ${identityText(row.check.identity)}.`);
	}
	notes.push(...savedNotes(rows));
	const fetched = oldest(rows.map(row => row.factsFetchedAt));
	const without = rows.filter(row => row.source === 'stored' && row.factsFetchedAt === null).map(whereText);
	if (!rows.some(row => row.source === 'stored')) {
		// Only saved tokens and NOTION_API_TOKEN: Notion lists no dates for them.
	} else if (!fetched) notes.push('No dates from Notion yet: run `notion-tokens check` to fetch them.');
	else if (without.length === 0) notes.push(`Dates as Notion listed them ${ageText(fetched, now)} (oldest); \`notion-tokens check\` asks again.`);
	else notes.push(`Dates as Notion listed them ${ageText(fetched, now)} (oldest); none yet for ${without.join(', ')}: \`notion-tokens check\` fetches them.`);
	print(io);
	for (const note of notes) for (const line of wrap(note, tableWidth(io))) print(io, style.dim(line));
}

/**
 * The room of each column: the first one (names, labels) up to two fifths of the width; when the
 * lines are too wide the CHECK column gives up room first, down to what "✓ valid · just now" needs,
 * then the first column down to 16, the token id, and the first column down to 10.
 */
function tokensLayout(width: number, expiresColumn: number): TableOptions {
	return {
		maxWidths: [Math.max(30, Math.floor((width * 2) / 5))],
		width,
		shrink: [
			{column: expiresColumn + 1, min: 20},
			{column: 0, min: 16},
			{column: expiresColumn - 1, min: 12},
			{column: 0, min: 10},
		],
	};
}

/** What to do about saved tokens: ones their store cannot give, unused ones, and PATs whose expiry nobody gave. */
export function savedNotes(rows: readonly TokenRow[]): string[] {
	const notes: string[] = [];
	// One note for each reason (a broken tokens.json holds every token kept in it), naming the labels.
	const unreadable = new Map<string, {labels: string[]; fix: string}>();
	for (const row of rows) {
		if (row.source !== 'saved' || !row.unreadable) continue;
		const known = unreadable.get(row.unreadable.message) ?? {labels: [], fix: row.unreadable.fix};
		unreadable.set(row.unreadable.message, {...known, labels: [...known.labels, row.label ?? '?']});
	}
	for (const [message, {labels, fix}] of unreadable) notes.push(`${labels.join(', ')}: ${unreadableNote({message, fix})}`);
	for (const row of rows) {
		if (row.source !== 'saved' || !row.saved) continue;
		if (row.unused) notes.push(`${row.saved.label}: unused — revoke it if nothing needs it (no \`notion-tokens exec\` with it for ${UNUSED_DAYS} days).`);
		if (row.saved.expiresAt === null && (row.saved.kind === 'pat' || row.saved.kind === 'unknown')) {
			notes.push(
				`${row.saved.label}: expiry unknown — set it with \`notion-tokens edit ${row.saved.label} --lifetime 90d\` (or --expires YYYY-MM-DD), as the Developer portal showed it.`,
			);
		}
	}
	return notes;
}
