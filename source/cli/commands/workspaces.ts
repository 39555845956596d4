import {EXIT, type NotionTokensCore, type WorkspaceRow} from '../../core/index.js';
import {print, printJson, type CommandIo} from '../io.js';

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
	for (const problem of errors) io.stderr.write(`${io.style.red('error:')} ${problem.message}\n  hint: ${problem.fix}\n`);
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
	const nameWidth = Math.min(40, Math.max(4, ...rows.map(row => row.name.length)));
	const header = `  ${'NAME'.padEnd(nameWidth)}  ${environment ? '' : 'ENV    '}${'ID'.padEnd(36)}  TOKEN`;
	print(io, style.dim(header));
	for (const row of rows) {
		const name = row.name.length > nameWidth ? `${row.name.slice(0, nameWidth - 1)}…` : row.name.padEnd(nameWidth);
		const token =
			row.token.state === 'present'
				? `${row.token.masked} ${style.dim(`(${row.storage})`)}`
				: row.token.state === 'missing'
					? style.red('missing — run `ntn login`')
					: style.yellow('unknown — store unreadable');
		const marker = row.isDefault ? style.green('*') : ' ';
		print(io, `${marker} ${row.isDefault ? style.bold(name) : name}  ${environment ? '' : row.environment.padEnd(7)}${row.id.padEnd(36)}  ${token}`);
	}
	print(io, style.dim('* default workspace'));
}
