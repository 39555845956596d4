import {randomUUID} from 'node:crypto';
import {createCore, type CoreOptions, type NotionTokensCore} from '../../../source/core/index.js';
import type {NtnHome} from '../../helpers/ntn-home.js';
import {track} from './keyctl.js';

/** The core on a temp ntn home (file store unless the home was made with `keyring: true`). */
export function coreOf(home: NtnHome, options: CoreOptions & {extraEnv?: Record<string, string | undefined>} = {}): NotionTokensCore {
	const {extraEnv, ...rest} = options;
	return createCore({stateDir: home.stateDir, ...rest, env: {...home.env, ...extraEnv}});
}

/**
 * A fresh workspace id for tests that touch the kernel keyring: keys outlive a session through
 * `_persistent.<uid>` (ntn-compat §5.3), so ids are never reused, and the key is removed after the test.
 */
export function freshId(): string {
	const id = randomUUID();
	track(id);
	return id;
}

/** Runs `fn` and returns what it threw. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<Error & {code?: string; fix?: string; exitCode?: number}> {
	try {
		await fn();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}
