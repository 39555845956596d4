import {EXIT, type NotionTokensCore} from '../../core/index.js';
import {print, printJson, type CommandIo} from '../io.js';

/** `notion-tokens fix-permissions`: auth.json to 600, no group/other write on its folder. */
export async function fixPermissionsCommand(core: NotionTokensCore, io: CommandIo, flags: {json: boolean}): Promise<number> {
	const result = await core.fixPermissions();
	if (flags.json) printJson(io, result);
	else if (result.before === null) print(io, `No auth.json at ${result.path}: nothing to fix.`);
	else if (!result.changed) print(io, `${io.style.green('✔')} ${result.path} is already private (mode ${result.before.toString(8)}).`);
	else print(io, `${io.style.green('✔')} ${result.path}: mode ${result.before.toString(8)} → ${result.after!.toString(8)}; only you can read it now.`);
	return EXIT.ok;
}
