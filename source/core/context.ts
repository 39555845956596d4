import type {Clock} from './clock.js';
import type {Env} from './environment.js';
import type {KeyringModule} from './keychain.js';
import type {WriteHooks} from './ntn-files.js';
import type {StateStore} from './state.js';
import type {Environment} from './types.js';

/** Everything the core's operations depend on, built once by `createCore()`. */
export interface CoreContext {
	readonly env: Env;
	readonly cwd: string;
	readonly clock: Clock;
	readonly platform: NodeJS.Platform;
	readonly environment: Environment;
	readonly keychainTimeoutMs: number;
	readonly httpTimeoutMs: number;
	readonly keyring?: () => KeyringModule;
	/** Our own state file; opened on first use. */
	readonly state: () => StateStore;
	/** Lets tests run another writer between our read and our write. */
	readonly writeHooks?: WriteHooks;
}
