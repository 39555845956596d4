import {EXIT, parseWindow, type NotionTokensCore} from '../../core/index.js';
import {print, printJson, type CommandIo} from '../io.js';
import {symbols} from '../../text/index.js';

const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

/**
 * `notion-tokens expiry-window [<days>]`: shows the saved expiry warning window, or saves a new one.
 * `expiring`, `tokens`, `check` and the UI use it unless `--within` says otherwise.
 */
export async function expiryWindow(core: NotionTokensCore, io: CommandIo, value: string | undefined, flags: {json: boolean}): Promise<number> {
	const preferences = value === undefined ? await core.preferences() : await core.setPreferences({expiryWindowDays: parseWindow(value)});
	if (flags.json) printJson(io, {expiryWindowDays: preferences.expiryWindowDays});
	else if (value === undefined) print(io, `Expiry window: ${days(preferences.expiryWindowDays)}`);
	else
		print(
			io,
			`${io.style.green(symbols.ok)} Expiry window saved: ${days(preferences.expiryWindowDays)} (used by expiring, tokens, check and the UI unless --within says otherwise)`,
		);
	return EXIT.ok;
}
