import {EXIT, type LogoutResult, type NotionTokensCore} from '../../core/index.js';
import {confirm} from '../confirm.js';
import {print, printJson, warn, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols} from '../../text/index.js';
import {workspaceJson} from './workspaces.js';

export interface LogoutFlags {
	all: boolean;
	allEnvs: boolean;
	yes: boolean;
	json: boolean;
}

/** `notion-tokens logout <id|name>` and `logout --all [--all-envs]`, confirmed or `--yes`. */
export async function logout(core: NotionTokensCore, io: CommandIo, query: string | undefined, flags: LogoutFlags): Promise<number> {
	let results: LogoutResult[];
	if (flags.all) {
		const scope = flags.allEnvs ? 'every environment' : `every workspace of ${core.environment}`;
		if (!(await confirm(io, `Log out of ${scope}? Their tokens are deleted.`, {yes: flags.yes, action: 'logout'}))) return declined(io);
		results = await core.logoutAll({allEnvironments: flags.allEnvs});
	} else {
		// The question names the workspace found; nothing is changed before the answer.
		const plan = await core.prepareLogout(query!);
		const label = `${plan.workspace.name} (${plan.workspace.id})`;
		if (!(await confirm(io, `Log out of ${label} in ${core.environment}?`, {yes: flags.yes, action: 'logout'}))) return declined(io);
		results = [await plan.run()];
	}
	if (flags.json)
		printJson(
			io,
			results.map(result => ({...result, removed: result.removed.map(workspaceJson)})),
		);
	else for (const result of results) report(io, sanitizeDeep(result), flags.all);
	return results.some(result => result.tokensKept.some(kept => !kept.reason.startsWith('kept:'))) ? EXIT.failure : EXIT.ok;
}

function declined(io: CommandIo): number {
	print(io, 'Cancelled: nothing was changed.');
	return EXIT.attention;
}

function report(io: CommandIo, result: LogoutResult, all: boolean) {
	const {style} = io;
	if (all && result.removed.length === 0 && result.tokensKept.length === 0) {
		print(io, `${style.green(symbols.ok)} Already logged out of ${result.environment}`);
	}
	for (const row of result.removed) {
		const deleted = result.tokensDeleted.includes(row.id);
		const kept = result.tokensKept.some(entry => entry.id === row.id);
		print(
			io,
			`${style.green(symbols.ok)} Logged out of ${style.bold(row.name)} ${style.dim(`(${row.id}, ${result.environment})`)}${deleted || kept ? '' : style.dim(` ${symbols.dash} no token was stored`)}`,
		);
	}
	for (const kept of result.tokensKept) {
		if (kept.reason.startsWith('kept:')) print(io, `  ${style.dim(`token ${kept.reason}`)}`);
	}
	for (const warning of result.warnings) warn(io, warning);
	print(
		io,
		result.defaultWorkspaceId
			? `Default workspace of ${result.environment}: ${result.defaultWorkspaceName ?? result.defaultWorkspaceId}`
			: `${result.environment} has no default workspace now.`,
	);
}
