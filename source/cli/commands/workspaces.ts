import {EXIT, type NotionTokensCore, type WorkspaceRow} from '../../core/index.js';
import {print, printJson, type CommandIo} from '../io.js';
import {sanitize, sanitizeDeep, symbols} from '../../text/index.js';
import {table, tableWidth} from '../table.js';
import {maskedText} from './token-text.js';

export interface WorkspaceJson {
	id: string;
	name: string;
	environment: string;
	isDefault: boolean;
	/** null when the store could not be read. */
	hasToken: boolean | null;
	maskedToken: string | null;
	storage: 'keychain' | 'file';
	tokenId: string | null;
}

export const workspaceJson = (row: WorkspaceRow): WorkspaceJson => ({
	id: row.id,
	name: row.name,
	environment: row.environment,
	isDefault: row.isDefault,
	hasToken: row.token.state === 'unknown' ? null : row.token.state === 'present',
	maskedToken: row.token.state === 'present' ? row.token.masked : null,
	storage: row.storage,
	tokenId: row.token.state === 'present' ? row.token.tokenId : null,
});

/** `notion-tokens workspaces`: cached workspaces sorted as ntn's picker sorts them. */
export async function workspaces(core: NotionTokensCore, io: CommandIo, flags: {json: boolean; allEnvs: boolean}): Promise<number> {
	const inventory = await core.inventory({allEnvironments: flags.allEnvs});
	// Files or a store that cannot be read are errors on stderr, and the exit code says so. What could
	// be read is still listed (tokens then show as unknown), unless the cache itself is unreadable.
	const errors = inventory.problems.filter(problem => problem.file !== undefined || problem.code.startsWith('keychain'));
	for (const problem of errors) io.stderr.write(`${io.style.red('error:')} ${sanitize(problem.message)}\n  hint: ${sanitize(problem.fix)}\n`);
	const cacheUnreadable = errors.some(problem => problem.file?.endsWith('workspaces.json'));
	if (!cacheUnreadable) {
		if (flags.json) printJson(io, inventory.workspaces.map(workspaceJson));
		else printTable(io, inventory.workspaces, flags.allEnvs ? null : inventory.environment);
	}
	return errors.length > 0 ? EXIT.failure : EXIT.ok;
}

function printTable(io: CommandIo, rows: WorkspaceRow[], environment: string | null) {
	const {style} = io;
	if (rows.length === 0) {
		print(io, style.dim(`No cached workspaces${environment ? ` in ${environment}` : ''}. Run \`ntn login\` to add one.`));
		return;
	}
	const withEnv = environment === null;
	const tokenText = (row: WorkspaceRow) =>
		row.token.state === 'present'
			? `${maskedText(row.token.masked)} (${row.storage})`
			: row.token.state === 'missing'
				? `missing ${symbols.dash} run \`ntn login\``
				: `unknown ${symbols.dash} store unreadable`;
	// The name cell starts with the default's mark: `★ Alpha`, `  beta`.
	const lines = [
		['  NAME', ...(withEnv ? ['ENV'] : []), 'ID', 'TOKEN'],
		...rows.map(row => [`${row.isDefault ? symbols.default : ' '} ${sanitize(row.name)}`, ...(withEnv ? [row.environment] : []), row.id, tokenText(row)]),
	];
	const last = lines[0]!.length - 1;
	const paint = (r: number, c: number, cell: string) => {
		if (r === 0) return style.dim(cell);
		const row = rows[r - 1]!;
		if (c === 0) return row.isDefault ? `${style.green(cell.slice(0, 1))}${style.bold(cell.slice(1))}` : cell;
		if (c !== last) return cell;
		return row.token.state === 'present'
			? cell.replace(/ \(.*$/, match => style.dim(match))
			: row.token.state === 'missing'
				? style.red(cell)
				: style.yellow(cell);
	};
	const rendered = table(sanitizeDeep(lines), paint, {
		maxWidths: [42],
		width: tableWidth(io),
		shrink: [
			{column: 0, min: 14},
			{column: last - 1, min: 13},
		],
	});
	for (const line of rendered) print(io, line);
	print(io, style.dim(`${symbols.default} default workspace`));
}
