import {execFileSync} from 'node:child_process';
import {afterEach} from 'vitest';

/**
 * The real kernel keyring through the `keyctl` tool, to check what our code and ntn leave there.
 * Tests run under `keyctl session -`; keys are named exactly as ntn 0.4.0 names them
 * (ntn-compat §5.1): type `user`, description `keyring-rs:<workspaceId>@notion-cli`.
 */
export const ntnKeyDescription = (workspaceId: string) => `keyring-rs:${workspaceId}@notion-cli`;

const keyctl = (args: string[], input?: string): {code: number; stdout: string; stderr: string} => {
	try {
		const stdout = execFileSync('keyctl', args, {encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...(input === undefined ? {} : {input})});
		return {code: 0, stdout, stderr: ''};
	} catch (error) {
		const failure = error as {status?: number; stdout?: string; stderr?: string};
		return {code: failure.status ?? 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? ''};
	}
};

/** The serial number of ntn's key for the workspace, found from the session keyring, or null. */
export function findNtnKey(workspaceId: string): string | null {
	const result = keyctl(['search', '@s', 'user', ntnKeyDescription(workspaceId)]);
	return result.code === 0 ? result.stdout.trim() : null;
}

/** The payload of ntn's key for the workspace (the raw token), or null when there is no key. */
export function readNtnKey(workspaceId: string): string | null {
	const id = findNtnKey(workspaceId);
	if (id === null) return null;
	const result = keyctl(['pipe', id]);
	if (result.code !== 0) throw new Error(`keyctl pipe ${id} failed: ${result.stderr}`);
	return result.stdout;
}

/** `keyctl print`, which shows a printable payload as it is. */
export function printNtnKey(workspaceId: string): string | null {
	const id = findNtnKey(workspaceId);
	return id === null ? null : keyctl(['print', id]).stdout.replace(/\n$/, '');
}

/** Adds a key exactly as ntn's login stores one (payload = the raw token) to the session keyring. */
export function addNtnKey(workspaceId: string, token: string): string {
	const result = keyctl(['padd', 'user', ntnKeyDescription(workspaceId), '@s'], token);
	if (result.code !== 0) throw new Error(`keyctl padd failed: ${result.stderr}`);
	track(workspaceId);
	return result.stdout.trim();
}

/** Invalidates ntn's key for the workspace wherever it is linked (as ntn's logout does). */
export function removeNtnKey(workspaceId: string): void {
	for (let id = findNtnKey(workspaceId); id !== null; id = findNtnKey(workspaceId)) {
		if (keyctl(['invalidate', id]).code !== 0) break;
	}
}

/** The description of the session keyring: `keyring;uid;gid;perm;name`. */
export const sessionKeyring = () => keyctl(['rdescribe', '@s']).stdout.trim();

/** True when this process runs in a session keyring of its own (`keyctl session -`). */
export const hasOwnSessionKeyring = () => !/;_uid_ses\.\d+$/.test(sessionKeyring());

/** Workspace ids whose keys a test may have created: removed after each test. */
const tracked = new Set<string>();
export const track = (workspaceId: string) => tracked.add(workspaceId);
afterEach(() => {
	for (const id of tracked) removeNtnKey(id);
	tracked.clear();
});
