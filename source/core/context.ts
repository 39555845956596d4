import type {Clock} from './shared/clock.js';
import type {Env} from './ntn/environment.js';
import type {KeyringModule} from './ntn/keychain.js';
import type {WriteHooks} from './ntn/files.js';
import type {StateStore} from './own/state.js';
import type {Environment} from './shared/types.js';

/** Everything the core's operations depend on, built once by `createCore()`. */
export interface CoreContext {
	readonly env: Env;
	readonly cwd: string;
	readonly clock: Clock;
	readonly platform: NodeJS.Platform;
	readonly environment: Environment;
	readonly keychainTimeoutMs: number;
	readonly httpTimeoutMs: number;
	/** Time limit of a whole refresh (`check`, the UI's r): what has not finished by then is not reached. */
	readonly refreshDeadlineMs: number;
	readonly keyring?: () => KeyringModule;
	/** Runs a change of ntn's files or of our state holding the lock between notion-tokens processes. */
	readonly locked: <T>(run: () => Promise<T>) => Promise<T>;
	/** Our own state file; opened on first use. */
	readonly state: () => StateStore;
	/** Lets tests run another writer between our read and our write. */
	readonly writeHooks?: WriteHooks;
}
