import {NotionTokensError} from '../shared/errors.js';
import {keychainError, loadKeyring, ntnEntry, sharedSessionError, sharedSessionKeyring, withTimeout, type KeyringModule} from './keychain.js';
import {prepareAuth, readAuth, updateAuth, type AuthFile, type NtnPaths} from './files.js';
import {Secret} from '../shared/secret.js';
import type {StoreInfo, TokenPresence} from '../shared/types.js';
import {mapLimit} from '../shared/map-limit.js';
import {MISSING, presenceOf, presenceOfToken} from './token-presence.js';

/** Where ntn keeps tokens: the keychain, or auth.json in file mode. Keyed by workspace id. */
export interface TokenStore {
	readonly info: StoreInfo;
	/** Reads several tokens; a failed read is returned as the error, never thrown. */
	getMany(workspaceIds: readonly string[]): Promise<Map<string, Secret | null | NotionTokensError>>;
	/**
	 * What is stored under several ids, shown as the inventory shows it: no token leaves the store.
	 * A store that could not be read says so in `firstError`, even when no id was asked for.
	 */
	presenceMany(workspaceIds: readonly string[]): Promise<Presences>;
	set(workspaceId: string, token: Secret): Promise<void>;
	/** Deletes several tokens; returns for each whether it existed, or the error. */
	deleteMany(workspaceIds: readonly string[], options?: {ensureFile?: boolean}): Promise<Map<string, boolean | NotionTokensError>>;
	/**
	 * Prepares `deleteMany`: for auth.json the new file is written aside now (a failure to write it
	 * throws here, and nothing is deleted), and `commit` renames it into place; the keychain has
	 * nothing to prepare, and `commit` deletes.
	 */
	prepareDelete(workspaceIds: readonly string[], options?: {ensureFile?: boolean}): Promise<PreparedDelete>;
}

export interface PreparedDelete {
	/** Deletes: for each id whether it existed, or the error. */
	commit(): Promise<Map<string, boolean | NotionTokensError>>;
	discard(): Promise<void>;
}

export interface Presences {
	/** The presence of one of the ids read: present (masked), missing, or unknown with the read's error. */
	of(workspaceId: string): TokenPresence;
	/** The first read that failed. */
	readonly firstError: NotionTokensError | undefined;
	/** Whether any of the ids has a token. */
	readonly anyPresent: boolean;
}

/** Presences from tokens read one by one (the keychain's way). */
function presencesOf(tokens: Map<string, Secret | null | NotionTokensError>): Presences {
	let firstError: NotionTokensError | undefined;
	let anyPresent = false;
	for (const value of tokens.values()) {
		if (value instanceof NotionTokensError) firstError ??= value;
		else if (value !== null) anyPresent = true;
	}
	return {of: id => presenceOf(tokens.get(id)), firstError, anyPresent};
}

export class FileTokenStore implements TokenStore {
	readonly info: StoreInfo;
	readonly #paths: NtnPaths;
	/** auth.json as this store first read it: one store belongs to one snapshot, which reads each file once. */
	#read: Promise<AuthFile> | undefined;

	constructor(paths: NtnPaths, reason: string) {
		this.#paths = paths;
		this.info = {kind: 'file', reason};
	}

	#auth(): Promise<AuthFile> {
		return (this.#read ??= readAuth(this.#paths).then(read => (read.exists ? read.value : {})));
	}

	async getMany(workspaceIds: readonly string[]) {
		const result = new Map<string, Secret | null | NotionTokensError>();
		let auth: AuthFile;
		try {
			auth = await this.#auth();
		} catch (error) {
			for (const id of workspaceIds) result.set(id, error as NotionTokensError);
			return result;
		}
		for (const id of workspaceIds) {
			const value = Object.hasOwn(auth, id) ? auth[id] : undefined;
			result.set(id, value === undefined ? null : new Secret(value));
		}
		return result;
	}

	/** One read of auth.json; each presence is made when asked for. */
	async presenceMany(workspaceIds: readonly string[]): Promise<Presences> {
		let auth: AuthFile;
		try {
			auth = await this.#auth();
		} catch (error) {
			const unknown: TokenPresence = {state: 'unknown', reason: (error as NotionTokensError).message};
			return {of: () => unknown, firstError: error as NotionTokensError, anyPresent: false};
		}
		return {
			of: id => (Object.hasOwn(auth, id) ? presenceOfToken(auth[id]!) : MISSING),
			firstError: undefined,
			anyPresent: workspaceIds.some(id => Object.hasOwn(auth, id)),
		};
	}

	async set(workspaceId: string, token: Secret) {
		this.#read = undefined;
		await updateAuth(this.#paths, auth => ({...auth, [workspaceId]: token.reveal()}));
	}

	/** One read-modify-write for all ids. With `ensureFile`, writes `{}` even when nothing changes (as ntn's logout does). */
	async deleteMany(workspaceIds: readonly string[], options: {ensureFile?: boolean} = {}) {
		let prepared: PreparedDelete;
		try {
			prepared = await this.prepareDelete(workspaceIds, options);
		} catch (error) {
			return new Map(workspaceIds.map(id => [id, error as NotionTokensError]));
		}
		return prepared.commit();
	}

	async prepareDelete(workspaceIds: readonly string[], options: {ensureFile?: boolean} = {}): Promise<PreparedDelete> {
		const result = new Map<string, boolean | NotionTokensError>();
		this.#read = undefined;
		const update = await prepareAuth(this.#paths, auth => {
			let changed = false;
			for (const id of workspaceIds) {
				const had = Object.hasOwn(auth, id);
				result.set(id, had);
				if (had) {
					delete auth[id];
					changed = true;
				}
			}
			return changed || options.ensureFile ? auth : undefined;
		});
		return {
			commit: async () => {
				this.#read = undefined;
				try {
					await update.commit();
				} catch (error) {
					for (const id of workspaceIds) result.set(id, error as NotionTokensError);
				}
				return result;
			},
			discard: () => update.discard(),
		};
	}
}

export interface KeychainOptions {
	timeoutMs: number;
	platform: NodeJS.Platform;
	/** The native module; tests pass a stand-in for platforms this machine cannot run (macOS). */
	keyring?: () => KeyringModule;
	concurrency?: number;
}

export class KeychainTokenStore implements TokenStore {
	readonly info: StoreInfo;
	readonly #options: Required<KeychainOptions>;
	readonly #reads = new Map<string, Promise<Secret | null | NotionTokensError>>();

	constructor(reason: string, options: KeychainOptions) {
		this.info = {kind: 'keychain', reason};
		this.#options = {keyring: loadKeyring, concurrency: 16, ...options};
	}

	#entry(workspaceId: string) {
		return ntnEntry(this.#options.keyring(), workspaceId, this.#options.platform);
	}

	async #call<T>(workspaceId: string, action: string, run: (signal: AbortSignal) => Promise<T>, secrets: Secret[] = []): Promise<T> {
		const shared = await this.#sharedSession();
		if (shared !== undefined) throw sharedSessionError(action, workspaceId, shared);
		try {
			return await withTimeout(this.#options.timeoutMs, run, () => keychainError(new Error('timed out'), action, workspaceId));
		} catch (error) {
			throw keychainError(error, action, workspaceId, secrets);
		}
	}

	/**
	 * Linux, real kernel keyring: in a process without a session keyring of its own, reads find
	 * nothing and deletes delete nothing (ntn-compat §5.3), so a logout that trusted them would
	 * report success and leave the token behind, as ntn does. Every call then fails with a clear
	 * error instead, before the first keyring call (which would join a new session keyring and hide
	 * the evidence) and without leaving stray keys.
	 */
	#sharedSession(): Promise<string | undefined> {
		if (this.#options.platform !== 'linux' || this.#options.keyring !== loadKeyring) return Promise.resolve(undefined);
		return sharedSessionKeyring();
	}

	/** Runs `run` for every id, a few at once; a failure is the id's result, never thrown. */
	async #each<T>(ids: readonly string[], run: (id: string) => Promise<T>): Promise<Map<string, T | NotionTokensError>> {
		const results = await mapLimit(ids, this.#options.concurrency, id => run(id).catch(error => keychainError(error, 'use', id)));
		return new Map(ids.map((id, index) => [id, results[index]!]));
	}

	/**
	 * Each id is read from the keychain once per store (one store belongs to one snapshot): the
	 * inventory and the token list of one snapshot share the reads.
	 */
	async getMany(workspaceIds: readonly string[]) {
		const fresh = [...new Set(workspaceIds.filter(id => !this.#reads.has(id)))];
		if (fresh.length > 0) {
			const batch = this.#each(fresh, async id => {
				const value = await this.#call(id, 'read', signal => this.#entry(id).getPassword(signal));
				return value === null ? null : new Secret(value);
			});
			for (const id of fresh)
				this.#reads.set(
					id,
					batch.then(results => results.get(id)!),
				);
		}
		const values = await Promise.all(workspaceIds.map(id => this.#reads.get(id)!));
		return new Map(workspaceIds.map((id, index) => [id, values[index]!]));
	}

	async presenceMany(workspaceIds: readonly string[]) {
		return presencesOf(await this.getMany(workspaceIds));
	}

	async set(workspaceId: string, token: Secret) {
		this.#reads.delete(workspaceId);
		await this.#call(workspaceId, 'store', signal => this.#entry(workspaceId).setPassword(token.reveal(), signal), [token]);
	}

	deleteMany(workspaceIds: readonly string[]) {
		for (const id of workspaceIds) this.#reads.delete(id);
		return this.#each(workspaceIds, id => this.#call(id, 'delete', signal => this.#entry(id).deleteCredential(signal)));
	}

	async prepareDelete(workspaceIds: readonly string[]): Promise<PreparedDelete> {
		return {commit: () => this.deleteMany(workspaceIds), discard: async () => undefined};
	}
}
