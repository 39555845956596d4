import {createRequire} from 'node:module';
import {NotionTokensError} from '../shared/errors.js';
import {redact, Secret} from '../shared/secret.js';

/** ntn's keychain service name (ntn-compat §5). The account is the workspace id. */
export const SERVICE = 'notion-cli';

/** The slice of @napi-rs/keyring's AsyncEntry that we use. */
export interface KeychainEntry {
	getPassword(signal?: AbortSignal | null): Promise<string | null>;
	setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
	deleteCredential(signal?: AbortSignal | null): Promise<boolean>;
}

export interface KeyringModule {
	AsyncEntry: {
		new (service: string, account: string, options?: object | null): KeychainEntry;
		withTarget(target: string, service: string, account: string, options?: object | null): KeychainEntry;
	};
	/** Every account of a service, in one search (on Linux always the Secret Service). */
	findCredentialsAsync?(service: string, target?: string | null, signal?: AbortSignal | null): Promise<Array<{account: string}>>;
}

/**
 * The entry ntn 0.4.0 reads and writes for a workspace. On Linux, keyring-rs names the kernel key
 * `keyring-rs:<id>@notion-cli`, which @napi-rs/keyring only matches through `withTarget` (its own
 * default is `keyring:`); on macOS the generic password service `notion-cli`, account `<id>`.
 */
export function ntnEntry(keyring: KeyringModule, workspaceId: string, platform: NodeJS.Platform): KeychainEntry {
	if (platform === 'linux') {
		return keyring.AsyncEntry.withTarget(`keyring-rs:${workspaceId}@${SERVICE}`, SERVICE, workspaceId, {
			linux: {store: 'keyutils'},
		});
	}
	return new keyring.AsyncEntry(SERVICE, workspaceId);
}

let loaded: KeyringModule | undefined;
/** Loads the native module on first use, so commands that never touch the keychain never pay for it. */
export function loadKeyring(): KeyringModule {
	if (!loaded) {
		try {
			loaded = createRequire(import.meta.url)('@napi-rs/keyring') as KeyringModule;
		} catch (error) {
			throw new NotionTokensError('keychain-unavailable', `The keychain module could not be loaded: ${(error as Error).message}`, {
				fix: 'Reinstall notion-tokens for this platform, or use file storage with NOTION_KEYRING=0.',
			});
		}
	}
	return loaded;
}

/** Turns @napi-rs/keyring's untyped errors (matched on their text) into messages with a fix. */
export function keychainError(error: unknown, action: string, workspaceId: string, secrets: Secret[] = []): NotionTokensError {
	if (error instanceof NotionTokensError) return error;
	const raw = redact(error instanceof Error ? error.message : String(error), secrets);
	const where = `the keychain entry for workspace ${workspaceId}`;
	if (/AccessDenied|Permission denied|EACCES/i.test(raw)) {
		return new NotionTokensError('keychain-access-denied', `Could not ${action} ${where}: access denied (${raw})`, {
			fix:
				process.platform === 'linux'
					? 'This process has no session keyring of its own: run inside a login session or under `keyctl session -`, or use file storage with NOTION_KEYRING=0.'
					: 'Allow notion-tokens to use the login keychain, or use file storage with NOTION_KEYRING=0.',
		});
	}
	if (/locked|unlock prompt|dismissed/i.test(raw)) {
		return new NotionTokensError('keychain-locked', `Could not ${action} ${where}: the keychain is locked (${raw})`, {
			fix: 'Unlock your keychain (log in to the desktop session), or use file storage with NOTION_KEYRING=0.',
		});
	}
	if (/abort|timed out|timeout/i.test(raw)) {
		return new NotionTokensError('keychain-timeout', `Could not ${action} ${where}: the keychain did not answer in time`, {
			fix: 'Check that the keychain service is running and unlocked, or use file storage with NOTION_KEYRING=0.',
		});
	}
	return new NotionTokensError('keychain-unavailable', `Could not ${action} ${where}: ${raw}`, {
		fix: 'Check that the system keychain works, or use file storage with NOTION_KEYRING=0.',
	});
}

/** Runs a keychain call with a time limit; a native call that ignores the abort still cannot hang us. */
export async function withTimeout<T>(timeoutMs: number, call: (signal: AbortSignal) => Promise<T>, onTimeout: () => NotionTokensError): Promise<T> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			controller.abort();
			reject(onTimeout());
		}, timeoutMs);
		timer.unref();
	});
	try {
		return await Promise.race([call(controller.signal), deadline]);
	} finally {
		clearTimeout(timer);
	}
}

let sessionCheck: Promise<string | undefined> | undefined;

/**
 * Linux: the name of this process's session keyring when it is the shared user-session keyring
 * `_uid_ses.<uid>`, i.e. the process has no session keyring of its own (Docker, some CI runners,
 * services started without pam_keyinit). There the kernel keyring cannot see the tokens ntn keeps
 * in the persistent keyring: reads find nothing and deletes delete nothing (ntn-compat §5.3).
 * Asked once of `keyctl` (keyutils), before the first keyring call: that call makes the process
 * join a new anonymous session keyring. `undefined` when the session keyring is the process's own,
 * or keyctl is not installed.
 */
export function sharedSessionKeyring(): Promise<string | undefined> {
	sessionCheck ??= new Promise(resolve => {
		// node:child_process is loaded only here: most commands never start a process.
		const {execFile} = process.getBuiltinModule('node:child_process');
		execFile('keyctl', ['rdescribe', '@s'], {timeout: 2000}, (error, stdout) => {
			resolve(error ? undefined : /;(_uid_ses\.\d+)\s*$/.exec(String(stdout))?.[1]);
		});
	});
	return sessionCheck;
}

/** The error for every keychain call in such a process (see sharedSessionKeyring). */
export function sharedSessionError(action: string, workspaceId: string, keyring: string): NotionTokensError {
	return new NotionTokensError(
		'keychain-unavailable',
		`The keychain cannot hold tokens here: this process has no session keyring of its own (it uses the shared ${keyring}), so it could not ${action} the keychain entry for workspace ${workspaceId}`,
		{fix: 'This process has no session keyring of its own: run inside a login session or under `keyctl session -`, or use file storage with NOTION_KEYRING=0.'},
	);
}
