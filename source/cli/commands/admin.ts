import {
	EXIT,
	NotionTokensError,
	looksLikeToken,
	PAT_STATUSES,
	parseWindow,
	type AdminWorkspace,
	type NotionTokensCore,
	type PatFilters,
	type PatRecord,
	type PatStatus,
} from '../../core/index.js';
import type {Args} from '../args.js';
import {optionFlag, optionText} from '../options.js';
import {confirm} from '../confirm.js';
import {symbols, terminalSafeJson} from '../../text/index.js';
import {print, printJson, type CommandIo} from '../io.js';
import {creatorText, CSV_HEADER, csvRow, patJson, patTable, plain} from './admin-text.js';

const usage = (message: string) =>
	new NotionTokensError('usage', message, {fix: 'Run `notion-tokens --help` for the commands and options.', exitCode: EXIT.usage});

function parseStatuses(text: string): PatStatus[] {
	const values = text
		.split(',')
		.map(value => value.trim().toLowerCase())
		.filter(value => value !== '');
	const wrong = values.find(value => !(PAT_STATUSES as readonly string[]).includes(value));
	if (wrong !== undefined || values.length === 0) {
		throw usage(`invalid --status '${plain(text)}': use one or more of ${PAT_STATUSES.join(', ')}, separated by commas`);
	}
	return [...new Set(values)] as PatStatus[];
}

function filtersOf(args: Args): PatFilters {
	const filters: PatFilters = {};
	const [status, creator, search, unused] = (['status', 'creator', 'search', 'unused'] as const).map(name => optionText(args, name));
	if (status !== undefined) filters.statuses = parseStatuses(status);
	if (creator !== undefined) {
		if (creator.trim() === '') throw usage('--creator needs an id, an email or a name');
		filters.creator = creator;
	}
	if (search !== undefined && search !== '') filters.search = search;
	if (args.within !== undefined) filters.withinDays = parseWindow(args.within);
	if (unused !== undefined) filters.unusedDays = parseWindow(unused);
	return filters;
}

/** Runs `work` with an AbortSignal that Ctrl+C fires; an interrupted run ends with exit 130. */
async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	const onSigint = () => controller.abort();
	process.on('SIGINT', onSigint);
	try {
		return await work(controller.signal);
	} finally {
		process.off('SIGINT', onSigint);
	}
}

const isTerminal = (stream: unknown): boolean => Boolean((stream as {isTTY?: boolean}).isTTY);

/** Fetches every page, saying how far it got on stderr when that is a terminal. */
async function fetchPats(core: NotionTokensCore, io: CommandIo, workspace: AdminWorkspace, filters: PatFilters) {
	const progress = isTerminal(io.stderr);
	const label = workspace.name === null ? workspace.id : plain(workspace.name);
	try {
		return await interruptible(signal =>
			core.admin.pats(workspace, filters, {
				signal,
				onPage: ({pages, fetched}) => {
					if (progress)
						io.stderr.write(`\r\u001B[KFetching the PATs of ${label}… ${pages} page${pages === 1 ? '' : 's'}, ${fetched} token${fetched === 1 ? '' : 's'}`);
				},
			}),
		);
	} finally {
		if (progress) io.stderr.write('\r\u001B[K');
	}
}

/** `notion-tokens admin pats <workspace>`: a workspace's PATs through Notion's Admin API. */
export async function adminPats(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const csv = optionFlag(args, 'csv');
	if (args.json && csv) throw usage('--json and --csv cannot be combined');
	const filters = filtersOf(args);
	const workspace = await core.admin.workspace(args.positionals[0]!);
	const listing = await fetchPats(core, io, workspace, filters);
	const now = core.now().getTime();
	if (args.json)
		printJsonInPieces(
			io,
			listing.pats.map(pat => patJson(pat, now)),
		);
	else if (csv) {
		io.stdout.write(`${CSV_HEADER.join(',')}\r\n`);
		for (let start = 0; start < listing.pats.length; start += 500) {
			io.stdout.write(
				listing.pats
					.slice(start, start + 500)
					.map(pat => `${csvRow(pat, now)}\r\n`)
					.join(''),
			);
		}
	} else printPats(io, listing.pats, now, workspace, listing.fetched, filters);
	return filters.withinDays !== undefined && listing.pats.length > 0 ? EXIT.attention : EXIT.ok;
}

/**
 * Prints a JSON array exactly as printJson does, in pieces of 500 items: 10,000 PATs are never one
 * string in memory, and a reader starts on them sooner.
 */
function printJsonInPieces(io: CommandIo, items: readonly unknown[]): void {
	if (items.length <= 500) {
		printJson(io, items);
		return;
	}
	for (let start = 0; start < items.length; start += 500) {
		// `[\n  {…},\n  {…}\n]` without its brackets is the same items as they appear inside the whole array.
		const inner = terminalSafeJson(JSON.stringify(items.slice(start, start + 500), null, 2)).slice(2, -2);
		io.stdout.write(start === 0 ? `[\n${inner}` : `,\n${inner}`);
	}
	io.stdout.write('\n]\n');
}

function printPats(io: CommandIo, pats: readonly PatRecord[], now: number, workspace: AdminWorkspace, fetched: number, filters: PatFilters) {
	const {style} = io;
	const where = workspace.name === null ? workspace.id : `${plain(workspace.name)} (${workspace.id})`;
	if (pats.length === 0) {
		print(io, `No PATs${fetched > 0 ? ' match' : ''} in ${where}.`);
		return;
	}
	const width = isTerminal(io.stdout) ? (io.stdout.columns ?? 80) : null;
	const table = patTable(pats, now, width);
	print(io, style.dim(table.header));
	const colour = {active: style.green, expired: style.yellow, revoked: style.red} as const;
	const lines: string[] = [];
	for (const row of table.rows) {
		const status = row.line.slice(row.line.length - row.status.length);
		lines.push(`${row.line.slice(0, row.line.length - row.status.length)}${colour[row.status](status)}`);
		if (row.revoked !== null) lines.push(style.dim(row.revoked));
		if (lines.length >= 500) io.stdout.write(`${lines.splice(0).join('\n')}\n`);
	}
	if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
	const counts = PAT_STATUSES.map(status => [status, pats.filter(pat => pat.status === status).length] as const).filter(([, count]) => count > 0);
	const filtered = Object.keys(filters).length > 0 ? ` (of ${fetched} fetched)` : '';
	print(
		io,
		style.dim(`${pats.length} PAT${pats.length === 1 ? '' : 's'}${filtered} in ${where}: ${counts.map(([status, count]) => `${count} ${status}`).join(', ')}`),
	);
}

// ---- revoke ----

const PAT_ID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export interface AdminRevokeJson {
	id: string;
	revoked: boolean;
	error: {kind: string; message: string; fix: string; httpStatus: number | null} | null;
}

/** `notion-tokens admin revoke <workspace> <pat-id>…`: revokes PATs through Notion's Admin API. */
export async function adminRevoke(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	const [query, ...given] = args.positionals as [string, ...string[]];
	// A pasted token is refused without being echoed.
	for (const id of given) {
		if (PAT_ID.test(id)) continue;
		const shown = looksLikeToken(id) ? '<token?>' : id.length > 40 ? `${id.slice(0, 39)}…` : id;
		throw usage(`'${shown}' is not a PAT id (a UUID, as \`notion-tokens admin pats\` lists them)`);
	}
	const ids = [...new Set(given.map(id => id.toLowerCase()))];
	const workspace = await core.admin.workspace(query);
	const where = workspace.name === null ? workspace.id : `${plain(workspace.name)} (${workspace.id})`;
	if (!args.yes && isTerminal(io.stdin)) {
		io.stderr.write(`${await describeTargets(core, io, workspace, ids)}\n`);
	}
	const question = `Revoke ${ids.length === 1 ? 'this PAT' : `these ${ids.length} PATs`} in ${where}? This cannot be undone.`;
	if (!(await confirm(io, question, {yes: args.yes, action: `revoking ${ids.length} PAT${ids.length === 1 ? '' : 's'}`}))) {
		io.stderr.write('Nothing revoked.\n');
		return EXIT.attention;
	}
	const results = await interruptible(signal =>
		core.admin.revoke(workspace, ids, {
			signal,
			onResult: result => {
				if (args.json) return;
				if (result.outcome === 'revoked') print(io, `${io.style.green(symbols.ok)} Revoked ${result.id}.`);
				else print(io, `${io.style.red('✗')} ${result.id}: ${result.failure!.message}\n  hint: ${result.failure!.fix}`);
			},
		}),
	);
	if (args.json) {
		printJson(
			io,
			results.map((result): AdminRevokeJson => ({
				id: result.id,
				revoked: result.outcome === 'revoked',
				error: result.failure
					? {kind: result.failure.kind, message: result.failure.message, fix: result.failure.fix, httpStatus: result.failure.httpStatus ?? null}
					: null,
			})),
		);
	}
	const failed = results.filter(result => result.outcome === 'failed').length;
	if (!args.json && ids.length > 1) print(io, `${results.length - failed} of ${results.length} revoked.`);
	return failed > 0 ? EXIT.failure : EXIT.ok;
}

/** What will be revoked: name, creator and status from the workspace's listing, or the ids alone. */
async function describeTargets(core: NotionTokensCore, io: CommandIo, workspace: AdminWorkspace, ids: readonly string[]): Promise<string> {
	let known = new Map<string, PatRecord>();
	let note = '';
	try {
		const listing = await fetchPats(core, io, workspace, {});
		known = new Map(listing.pats.map(pat => [pat.id.toLowerCase(), pat]));
	} catch (error) {
		if (error instanceof NotionTokensError && error.exitCode === EXIT.interrupted) throw error;
		note = `  (names unavailable: ${error instanceof Error ? error.message : String(error)})\n`;
	}
	const lines = ids.map(id => {
		const pat = known.get(id);
		if (!pat) return `  ${id}${note ? '' : '  not found in this workspace'}`;
		return `  ${id}  ${pat.name === null ? '(unnamed)' : plain(pat.name)} · ${creatorText(pat.creator)} · ${pat.status}`;
	});
	return `${note}${lines.join('\n')}`;
}
