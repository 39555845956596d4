/** `add`, `edit`, `remove`, `rotate`: tokens saved under a label. The token is read by readToken only. */
import {
	EXIT,
	NotionTokensError,
	looksLikeToken,
	tokenOnCommandLine,
	type NotionTokensCore,
	type SavedResult,
	type SavedStoreInfo,
	type SavedToken,
} from '../../core/index.js';
import type {Args} from '../args.js';
import {optionFlag, optionText} from '../options.js';
import {confirm} from '../confirm.js';
import {symbols} from '../../text/index.js';
import {print, printJson, warn, type CommandIo} from '../io.js';
import {readToken} from '../read-token.js';
import {savedIdentityText, savedJson, savedExpiryText, type SavedJson} from './saved-text.js';

export interface SavedCommandJson {
	token: SavedJson;
	store: SavedStoreInfo;
	warnings: string[];
}

/** The options of `add`, `edit`, `rotate` and `exec`. */
export const savedOptions = (args: Args) => ({
	expires: optionText(args, 'expires'),
	lifetime: optionText(args, 'lifetime'),
	created: optionText(args, 'created'),
	note: optionText(args, 'note'),
	rename: optionText(args, 'rename'),
	offline: optionFlag(args, 'offline'),
	admin: optionFlag(args, 'admin'),
	force: optionFlag(args, 'force'),
	allowExpired: optionFlag(args, 'allow-expired'),
});

/** A command line must never carry a token: any argument that looks like one is refused unread. */
function refuseTokens(args: Args, command: string): void {
	const values = [...args.positionals, optionText(args, 'note'), optionText(args, 'rename')].filter((value): value is string => value !== undefined);
	if (values.some(looksLikeToken)) throw tokenOnCommandLine(command);
}

const promptFor = (label: string, what: string) => `${what} for "${label}" (input hidden; paste, then Enter): `;

export async function addCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	refuseTokens(args, 'add');
	const label = args.positionals[0]!;
	const saved = savedOptions(args);
	const input = {
		label,
		...optional({expires: saved.expires, lifetime: saved.lifetime, created: saved.created, note: saved.note}),
		offline: saved.offline,
		admin: saved.admin,
	};
	// The label, dates and store are checked before the token is asked for.
	await core.checkAdd(input);
	const token = await readToken(io, promptFor(label, 'Token'), {line: `add ${label}`, rotate: false});
	const result = await core.addSaved({...input, token});
	return report(io, args, result, `Saved "${label}"`, core.now());
}

export async function editCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	refuseTokens(args, 'edit');
	const saved = savedOptions(args);
	const result = await core.editSaved(
		args.positionals[0]!,
		optional({expires: saved.expires, lifetime: saved.lifetime, created: saved.created, note: saved.note, rename: saved.rename}),
	);
	return report(io, args, result, `Updated "${result.token.label}"`, core.now());
}

export async function removeCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	refuseTokens(args, 'remove');
	const label = args.positionals[0]!;
	const known = (await core.savedTokens()).find(token => token.label === label);
	if (
		known &&
		!(await confirm(io, `Remove the saved token "${label}" (${known.masked})? It still works at Notion until it is revoked.`, {
			yes: args.yes,
			action: `removing "${label}"`,
		}))
	) {
		io.stderr.write('Nothing removed.\n');
		return EXIT.attention;
	}
	const result = await core.removeSaved(label);
	if (args.json) {
		printJson(io, {label, removed: true, secretDeleted: result.secretDeleted, token: savedJson(result.token, core.now())});
		return EXIT.ok;
	}
	print(io, `${io.style.green(symbols.ok)} Removed "${label}"${result.secretDeleted ? '' : ' (its token was already gone from the store)'}.`);
	print(io, io.style.dim(revokeReminder(result.token)));
	return EXIT.ok;
}

export async function rotateCommand(core: NotionTokensCore, io: CommandIo, args: Args): Promise<number> {
	refuseTokens(args, 'rotate');
	const label = args.positionals[0]!;
	// Known before the prompt, so that nobody pastes a token for nothing.
	if (!(await core.savedTokens()).some(token => token.label === label)) {
		throw new NotionTokensError('unknown-label', `No saved token is labelled "${label}"; nothing was changed`, {
			fix: `Run \`notion-tokens tokens\` to see the saved tokens, or save this one with \`notion-tokens add ${label}\`.`,
		});
	}
	const token = await readToken(io, promptFor(label, 'New token'), {line: `rotate ${label}`, rotate: true});
	const result = await core.rotateSaved(label, token, {force: optionFlag(args, 'force')});
	if (args.json) {
		printJson(io, {token: savedJson(result.token, core.now()), store: result.store, warnings: result.warnings, replaced: result.replaced});
		return EXIT.ok;
	}
	for (const line of result.warnings) warn(io, line);
	print(
		io,
		`${io.style.green(symbols.ok)} Replaced the token of "${label}" (${result.replaced.masked} → ${result.token.masked}); ${savedIdentityText(result.token)}.`,
	);
	print(
		io,
		`Expiry: ${savedExpiryText(result.token, core.now())}${result.token.expiresAt === null ? ` — set it with \`notion-tokens edit ${label} --lifetime 90d\` (or --expires YYYY-MM-DD)` : ''}.`,
	);
	print(io, io.style.yellow(`Now revoke the old token (${result.replaced.masked}) in the Developer portal: https://www.notion.so/developers/tokens`));
	return EXIT.ok;
}

function report(io: CommandIo, args: Args, result: SavedResult, done: string, now: Date): number {
	const {token} = result;
	if (args.json) {
		printJson(io, {token: savedJson(token, now), store: result.store, warnings: result.warnings} satisfies SavedCommandJson);
		return EXIT.ok;
	}
	for (const line of result.warnings) warn(io, line);
	print(io, `${io.style.green(symbols.ok)} ${done} (${token.masked}) in ${result.store.where}.`);
	print(io, `  ${savedIdentityText(token)}`);
	print(io, `  expires: ${savedExpiryText(token, now)}`);
	if (token.note) print(io, `  note: ${token.note}`);
	if (token.expiresAt === null && token.kind !== 'connection' && token.kind !== 'admin') {
		print(
			io,
			io.style.dim(`  Set its expiry with \`notion-tokens edit ${token.label} --lifetime 90d\` (or --expires YYYY-MM-DD), as shown when it was created.`),
		);
	}
	print(io, io.style.dim(`  Run a command with it: notion-tokens exec ${token.label} -- <command>`));
	return EXIT.ok;
}

const revokeReminder = (token: SavedToken) =>
	token.kind === 'connection'
		? 'If nothing needs it any more, refresh or delete the connection in the Developer portal: https://www.notion.so/developers'
		: 'If nothing needs it any more, revoke it in the Developer portal: https://www.notion.so/developers/tokens';

function optional<T extends Record<string, string | undefined>>(values: T): {[K in keyof T]?: string} {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {[K in keyof T]?: string};
}
