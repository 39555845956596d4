import {describeConfigDirSource, EXIT, type NotionTokensCore, type SavedStoreInfo, type StatusReport} from '../../core/index.js';
import {print, printJson, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols} from '../../text/index.js';

export interface StatusJson {
	environment: string;
	configDir: string | null;
	configDirSource: string | null;
	store: 'keychain' | 'file';
	storeReason: string;
	defaultWorkspaceId: string | null;
	defaultWorkspaceName: string | null;
	workspaceCount: number;
	overrides: StatusReport['overrides'];
	problems: StatusReport['problems'];
	/** Where tokens saved with `add` go (`kind`, `reason`, `where`), and how many are saved (null: our state cannot be read). */
	savedStore: SavedStoreInfo & {count: number | null};
}

export function statusJson(inventory: StatusReport, savedStore: StatusJson['savedStore']): StatusJson {
	return {
		environment: inventory.environment,
		configDir: inventory.configDir?.path ?? null,
		configDirSource: inventory.configDir?.source ?? null,
		store: inventory.store.kind,
		storeReason: inventory.store.reason,
		defaultWorkspaceId: inventory.defaultWorkspaceId,
		defaultWorkspaceName: inventory.defaultWorkspaceName,
		workspaceCount: inventory.workspaceCount,
		overrides: inventory.overrides,
		problems: inventory.problems,
		savedStore,
	};
}

/** `notion-tokens status`: exit 0 when healthy, 1 when a problem is found. */
export async function status(core: NotionTokensCore, io: CommandIo, flags: {json: boolean}): Promise<number> {
	const inventory = await core.status();
	const summary = statusJson(inventory, {...core.savedStore(), count: inventory.savedCount});
	if (flags.json) printJson(io, summary);
	else printStatus(io, sanitizeDeep(inventory), sanitizeDeep(summary));
	return inventory.problems.length > 0 ? EXIT.attention : EXIT.ok;
}

function printStatus(io: CommandIo, inventory: StatusReport, summary: StatusJson) {
	const {style} = io;
	const label = (text: string) => style.dim(text.padEnd(19));
	print(io, `${label('Environment')}${summary.environment}`);
	if (inventory.configDir) print(io, `${label('Config dir')}${inventory.configDir.path} ${style.dim(`(${describeConfigDirSource(inventory.configDir)})`)}`);
	print(io, `${label('Token store')}${summary.store === 'keychain' ? 'keychain' : 'auth.json (plain file)'} ${style.dim(`(${summary.storeReason})`)}`);
	const current = summary.defaultWorkspaceId
		? `${summary.defaultWorkspaceName ?? '(not in the workspace cache)'} ${style.dim(summary.defaultWorkspaceId)}`
		: style.dim('none');
	print(io, `${label('Default workspace')}${current}`);
	print(io, `${label('Workspaces')}${summary.workspaceCount} cached in ${summary.environment}`);
	const saved = summary.savedStore;
	const stateProblem = inventory.problems.find(problem => problem.code === 'corrupt-state' || problem.code === 'state-unwritable');
	const count = saved.count ?? `not known (${stateProblem?.file ?? 'the state file'} cannot be read)`;
	print(
		io,
		`${label('Saved tokens')}${count} · new ones go to ${saved.where} ${style.dim(`(${saved.reason === 'default' ? 'default; NOTION_TOKENS_STORE=file keeps them in a file' : saved.reason})`)}`,
	);
	if (summary.workspaceCount === 0 && summary.problems.length === 0) {
		print(io, style.dim(`Nothing stored for ${summary.environment} yet: run \`ntn login\` to sign in to a workspace.`));
	}
	if (inventory.overrides.length > 0) {
		print(io);
		print(io, style.bold('Overrides in effect'));
		for (const override of inventory.overrides)
			print(io, `  ${style.cyan(override.variable)}=${override.value}  ${style.dim(`${symbols.dash} ${override.effect}`)}`);
	}
	print(io);
	if (inventory.problems.length === 0) {
		print(io, `${style.green(symbols.ok)} No problems found`);
		return;
	}
	print(io, style.bold(`${inventory.problems.length} problem${inventory.problems.length === 1 ? '' : 's'} found`));
	for (const problem of inventory.problems) {
		print(io, `  ${style.red(symbols.fail)} ${problem.message}`);
		print(io, `    ${style.dim('fix:')} ${problem.fix}`);
	}
}
