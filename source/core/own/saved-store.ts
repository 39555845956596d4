/**
 * Where saved tokens live: the OS credential store under service `notion-tokens`, account = label
 * (macOS Keychain; on Linux the Secret Service, never the kernel keyring, which forgets at reboot),
 * or `tokens.json` (0600, written atomically) in notion-tokens' state dir. There is no silent
 * fallback from one to the other: a store that does not work is an error with the fix.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type {CoreContext} from '../context.js';
import {envValue} from '../ntn/environment.js';
import {EXIT, NotionTokensError} from '../shared/errors.js';
import {loadKeyring, withTimeout, type KeychainEntry} from '../ntn/keychain.js';
import {crypto} from '../shared/lazy-crypto.js';
import {redact, Secret} from '../shared/secret.js';
import type {StoreKind} from '../shared/types.js';
import type {SavedStoreInfo} from './saved-types.js';

/** The credential store's service name for saved tokens (ntn's own is `notion-cli`). */
export const SAVED_SERVICE = 'notion-tokens';
export const TOKENS_FILE = 'tokens.json';

export interface SavedSecretStore {
	readonly info: SavedStoreInfo;
	get(label: string): Promise<Secret | null>;
	set(label: string, token: Secret): Promise<void>;
	/** True when there was one. */
	delete(label: string): Promise<boolean>;
}

const FILE_FIX = 'or keep saved tokens in a file instead: NOTION_TOKENS_STORE=file';

/** The store chosen by the environment: NOTION_TOKENS_STORE (file|keychain) wins, then NOTION_KEYRING=0. */
export function chooseSavedStore(ctx: CoreContext): {kind: StoreKind; reason: string} {
	const chosen = envValue(ctx.env, 'NOTION_TOKENS_STORE');
	if (chosen !== undefined) {
		if (chosen === 'file' || chosen === 'keychain') return {kind: chosen, reason: `NOTION_TOKENS_STORE=${chosen}`};
		throw new NotionTokensError('bad-store', `invalid value '${chosen}' for NOTION_TOKENS_STORE: possible values are file, keychain`, {
			fix: 'Set NOTION_TOKENS_STORE to file or keychain, or unset it.',
			exitCode: EXIT.usage,
		});
	}
	if (ctx.env['NOTION_KEYRING'] === '0') return {kind: 'file', reason: 'NOTION_KEYRING=0'};
	return {kind: 'keychain', reason: 'default'};
}

export function savedStoreOf(ctx: CoreContext, kind: StoreKind, reason: string): SavedSecretStore {
	return kind === 'file' ? fileStore(ctx, reason) : keychainStore(ctx, reason);
}

export const tokensFilePath = (ctx: CoreContext): string => path.join(path.dirname(ctx.state().path), TOKENS_FILE);

// ---- tokens.json ----

interface TokensFile {
	version: 1;
	tokens: Record<string, string>;
}

function brokenTokensFile(file: string, problem: string): NotionTokensError {
	return new NotionTokensError('corrupt-tokens-file', `Could not read saved tokens from ${file}: ${problem}`, {
		fix: `Repair ${file}, or move it aside and save each of its tokens again with \`notion-tokens rotate <label>\`; it is never rewritten while it cannot be read.`,
		file,
	});
}

/** tokens.json as it is on disk; a missing file holds no token. Its text is never quoted: it is tokens. */
async function readTokensFile(file: string): Promise<TokensFile> {
	let text: string;
	try {
		text = await fs.readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {version: 1, tokens: {}};
		throw brokenTokensFile(file, (error as NodeJS.ErrnoException).code ?? 'unreadable');
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		// JSON.parse quotes the text near the error, and the text is tokens: say only that it is not JSON.
		throw brokenTokensFile(file, 'it is not valid JSON');
	}
	const tokens = (json as {tokens?: unknown} | null)?.tokens;
	if (typeof tokens !== 'object' || tokens === null || Array.isArray(tokens) || Object.values(tokens).some(value => typeof value !== 'string')) {
		throw brokenTokensFile(file, 'expected {"version": 1, "tokens": {"<label>": "<token>"}}');
	}
	return {...(json as object), version: 1, tokens: {...(tokens as Record<string, string>)}};
}

/** A saved token whose label is kept but whose secret its store no longer holds. */
export function missingSavedToken(label: string, where: string): NotionTokensError {
	return new NotionTokensError('saved-token-missing', `The token labelled "${label}" is not in ${where} any more`, {
		fix: `Save it again with \`notion-tokens rotate ${label}\`, or remove the label with \`notion-tokens remove ${label}\`.`,
	});
}

/**
 * What keeps saved tokens kept in tokens.json from being used, in one read of it (forgotten after):
 * why the file cannot be read (null: it can, or there is none), and which of `labels` it does not hold.
 */
async function tokensFileErrors(
	ctx: CoreContext,
	labels: readonly string[],
): Promise<{file: NotionTokensError | null; missing: Map<string, NotionTokensError>}> {
	const file = tokensFilePath(ctx);
	const missing = new Map<string, NotionTokensError>();
	let content: TokensFile;
	try {
		content = await readTokensFile(file);
	} catch (error) {
		if (error instanceof NotionTokensError) return {file: error, missing};
		throw error;
	}
	for (const label of labels) if (!Object.hasOwn(content.tokens, label)) missing.set(label, missingSavedToken(label, file));
	return {file: null, missing};
}

/**
 * What keeps saved tokens from being used, found cheaply: tokens.json is read once (when one of
 * them is kept in it, or `checkFile`) and the Secret Service searched once. `missing` holds the
 * labels either store no longer has.
 */
export async function savedSecretErrors(
	ctx: CoreContext,
	saved: ReadonlyArray<{label: string; storage: string}>,
	checkFile = false,
): Promise<{file: NotionTokensError | null; missing: Map<string, NotionTokensError>}> {
	const labelsIn = (storage: string) => saved.filter(record => record.storage === storage).map(record => record.label);
	const inFile = labelsIn('file');
	const [fromFile, fromKeychain] = await Promise.all([
		inFile.length > 0 || checkFile ? tokensFileErrors(ctx, inFile) : {file: null, missing: new Map<string, NotionTokensError>()},
		keychainMissing(ctx, labelsIn('keychain')),
	]);
	return {file: fromFile.file, missing: new Map([...fromFile.missing, ...fromKeychain])};
}

function fileStore(ctx: CoreContext, reason: string): SavedSecretStore {
	const file = tokensFilePath(ctx);
	const read = () => readTokensFile(file);
	const write = async (content: TokensFile) => {
		try {
			await writeAtomically(file, `${JSON.stringify(content, null, 2)}\n`);
		} catch (error) {
			throw new NotionTokensError('tokens-file-unwritable', `Could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`, {
				fix: `Check that ${path.dirname(file)} is writable.`,
				file,
			});
		}
	};
	return {
		info: {kind: 'file', reason, where: file},
		get: async label => {
			const content = await read();
			return Object.hasOwn(content.tokens, label) ? new Secret(content.tokens[label]!) : null;
		},
		set: async (label, token) => {
			const content = await read();
			content.tokens[label] = token.reveal();
			await write(content);
		},
		delete: async label => {
			const content = await read();
			if (!Object.hasOwn(content.tokens, label)) return false;
			delete content.tokens[label];
			await write(content);
			return true;
		},
	};
}

/**
 * Writes through a temp file (0600, created exclusively) that is flushed to disk and renamed over
 * the file, so a reader sees the old tokens or the new ones, never a part; the dir is made 0700.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
	await fs.mkdir(path.dirname(file), {recursive: true, mode: 0o700});
	const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${crypto().randomBytes(6).toString('hex')}.tmp`);
	try {
		const handle = await fs.open(temp, 'wx', 0o600);
		try {
			await handle.writeFile(text);
			await handle.sync();
		} finally {
			await handle.close();
		}
		await fs.rename(temp, file);
	} catch (error) {
		await fs.rm(temp, {force: true});
		throw error;
	}
}

// ---- The OS credential store ----

/**
 * Which of `labels` (saved tokens kept in the credential store) it no longer holds, in one search
 * of service notion-tokens. Only on Linux, where one search of the Secret Service answers for all
 * (elsewhere each token would be one keychain read); when the search fails or takes too long
 * nothing is said here, and using the token says what is wrong.
 */
async function keychainMissing(ctx: CoreContext, labels: readonly string[]): Promise<Map<string, NotionTokensError>> {
	const missing = new Map<string, NotionTokensError>();
	if (labels.length === 0 || ctx.platform !== 'linux') return missing;
	let accounts: Set<string>;
	try {
		const keyring = (ctx.keyring ?? loadKeyring)();
		const find = keyring.findCredentialsAsync?.bind(keyring);
		if (!find) return missing;
		const found = await withTimeout(
			ctx.keychainTimeoutMs,
			signal => find(SAVED_SERVICE, null, signal),
			() => new NotionTokensError('keychain-timeout', 'The Secret Service did not answer in time'),
		);
		accounts = new Set(found.map(credential => credential.account));
	} catch {
		return missing;
	}
	for (const label of labels) if (!accounts.has(label)) missing.set(label, missingSavedToken(label, `the Secret Service, service ${SAVED_SERVICE}`));
	return missing;
}

function keychainStore(ctx: CoreContext, reason: string): SavedSecretStore {
	const linux = ctx.platform === 'linux';
	const name = ctx.platform === 'darwin' ? 'the macOS Keychain' : linux ? 'the Secret Service' : 'the credential store';
	const entry = (label: string): KeychainEntry => {
		const keyring = (ctx.keyring ?? loadKeyring)();
		try {
			return linux ? new keyring.AsyncEntry(SAVED_SERVICE, label, {linux: {store: 'secret-service'}}) : new keyring.AsyncEntry(SAVED_SERVICE, label);
		} catch (error) {
			throw storeError(error, 'open', label, name, linux, []);
		}
	};
	const call = async <T>(action: string, label: string, secrets: Secret[], run: (entry: KeychainEntry, signal: AbortSignal) => Promise<T>) => {
		const opened = entry(label);
		try {
			return await withTimeout(
				ctx.keychainTimeoutMs,
				signal => run(opened, signal),
				() => storeError(new Error('timed out'), action, label, name, linux, secrets),
			);
		} catch (error) {
			throw storeError(error, action, label, name, linux, secrets);
		}
	};
	return {
		info: {kind: 'keychain', reason, where: `${name}, service ${SAVED_SERVICE}`},
		get: label =>
			call('read', label, [], async (opened, signal) => {
				const value = await opened.getPassword(signal);
				return value === null ? null : new Secret(value);
			}),
		set: (label, token) => call('store', label, [token], (opened, signal) => opened.setPassword(token.reveal(), signal)),
		delete: label => call('delete', label, [], (opened, signal) => opened.deleteCredential(signal)),
	};
}

/** @napi-rs/keyring's errors are plain text (toolchain §4.4): turned into a message with the fix. */
function storeError(error: unknown, action: string, label: string, name: string, linux: boolean, secrets: Secret[]): NotionTokensError {
	if (error instanceof NotionTokensError) return error;
	const raw = redact(error instanceof Error ? error.message : String(error), secrets);
	const what = `Could not ${action} saved token "${label}" in ${name}`;
	if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|Failed to connect|not provided by any \.service|ServiceUnknown|DBus error/i.test(raw)) {
		return new NotionTokensError('keychain-unavailable', `${what}: no Secret Service answers on this session's D-Bus (${raw})`, {
			fix: `Start and unlock a keyring daemon in your desktop session (GNOME Keyring: \`gnome-keyring-daemon --start --components=secrets\`; or KWallet), ${FILE_FIX}.`,
		});
	}
	if (/no result found/i.test(raw)) {
		return new NotionTokensError('keychain-unavailable', `${what}: the Secret Service has no default keyring to keep it in (${raw})`, {
			fix: `Create or unlock your login keyring (e.g. \`gnome-keyring-daemon --unlock\`, or Seahorse), ${FILE_FIX}.`,
		});
	}
	if (/locked|unlock prompt|dismissed/i.test(raw)) {
		return new NotionTokensError('keychain-locked', `${what}: the keyring is locked (${raw})`, {
			fix: `Unlock your keyring (log in to the desktop session), ${FILE_FIX}.`,
		});
	}
	if (/abort|timed out|timeout/i.test(raw)) {
		return new NotionTokensError('keychain-timeout', `${what}: it did not answer in time`, {
			fix: `Check that ${linux ? 'the keyring daemon' : 'the keychain'} is running and unlocked, ${FILE_FIX}.`,
		});
	}
	return new NotionTokensError('keychain-unavailable', `${what}: ${raw}`, {fix: `Check that ${name} works, ${FILE_FIX}.`});
}
