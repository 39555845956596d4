import {EXIT, type NotionTokensCore} from '../../core/index.js';
import {print, printJson, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols} from '../../text/index.js';

/** `notion-tokens fix-permissions`: auth.json to 600; a folder others can write is only reported. */
export async function fixPermissionsCommand(core: NotionTokensCore, io: CommandIo, flags: {json: boolean}): Promise<number> {
	const raw = await core.fixPermissions();
	if (flags.json) {
		printJson(io, raw);
		return EXIT.ok;
	}
	const result = sanitizeDeep(raw);
	if (result.before === null) print(io, `No auth.json at ${result.path}: nothing to fix.`);
	else if (!result.changed) print(io, `${io.style.green(symbols.ok)} ${result.path} is already private (mode ${result.before.toString(8)}).`);
	else
		print(
			io,
			`${io.style.green(symbols.ok)} ${result.path}: mode ${result.before.toString(8)} ${symbols.arrow} ${result.after!.toString(8)}; only you can read it now.`,
		);
	for (const problem of result.remaining) {
		print(io, `${io.style.yellow(symbols.warn)} Folder left as it is: ${problem.message}.`);
		print(io, `    ${problem.fix}`);
	}
	return EXIT.ok;
}
