import {EXIT, type NotionTokensCore} from '../../core/index.js';
import {print, printJson, warn, type CommandIo} from '../io.js';
import {sanitizeDeep, symbols} from '../../text/index.js';
import {workspaceJson} from './workspaces.js';

/** `notion-tokens use <id|name>` and `use -`. */
export async function use(core: NotionTokensCore, io: CommandIo, query: string, flags: {json: boolean}): Promise<number> {
	const result = query === '-' ? await core.switchBack() : await core.switchWorkspace(query);
	for (const warning of result.warnings) warn(io, warning);
	if (flags.json) {
		printJson(io, {
			environment: result.environment,
			previous: result.previous ? workspaceJson(result.previous) : null,
			current: workspaceJson(result.current),
			shadowedBy: result.shadowedBy,
		});
	} else {
		const {current} = sanitizeDeep(result);
		print(io, `${io.style.green(symbols.ok)} Switched to workspace ${io.style.bold(current.name)} ${io.style.dim(`(${current.id}, ${result.environment})`)}`);
		if (result.shadowedBy) warn(io, `${result.shadowedBy} is set in this shell, so ntn keeps using that workspace here until you unset it.`);
	}
	return EXIT.ok;
}
