/**
 * `npm test` on a machine without the system commands the tests need: where it cannot install them
 * (not root), it names the exact command to run, and stops before running anything.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/ntn-home.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/system-packages.sh', import.meta.url));

/** Runs ensure_system_packages as a user who is not root, with only `tools` on PATH. */
async function ensureAsUser(tools: string[]): Promise<{code: number; stderr: string}> {
	const dir = await tempDir('nt-system-packages-');
	await fs.chmod(dir, 0o755);
	const bin = path.join(dir, 'bin');
	await fs.mkdir(bin, {mode: 0o755});
	const where = async (tool: string) => (await promisify(execFile)('sh', ['-c', `command -v ${tool}`])).stdout.trim();
	for (const tool of ['bash', 'id', ...tools]) await fs.symlink(await where(tool), path.join(bin, tool));
	const script = path.join(dir, 'system-packages.sh');
	await fs.copyFile(SCRIPT, script);
	await fs.chmod(script, 0o644);
	const asUser = process.getuid?.() === 0 ? [await where('setpriv'), '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
	const argv = [...asUser, path.join(bin, 'bash'), '-c', `source ${script}; ensure_system_packages`];
	try {
		await promisify(execFile)(argv[0]!, argv.slice(1), {env: {PATH: bin}, cwd: dir});
		return {code: 0, stderr: ''};
	} catch (error) {
		const failed = error as {code: number; stderr: string};
		return {code: failed.code, stderr: failed.stderr};
	}
}

describe('system commands the tests need', () => {
	it('without keyctl, tmux and the Secret Service, on Debian/Ubuntu as a user: the exact apt-get command, exit 2', async () => {
		const {code, stderr} = await ensureAsUser(['apt-get']);
		expect(code).toBe(2);
		expect(stderr).toContain('the tests need keyctl tmux gnome-keyring-daemon dbus-run-session');
		expect(stderr).toContain('sudo apt-get update && sudo apt-get install -y keyutils tmux gnome-keyring dbus-x11\n');
	});

	it('without apt-get: the command for Debian/Ubuntu and Fedora', async () => {
		const {code, stderr} = await ensureAsUser(['tmux', 'gnome-keyring-daemon', 'dbus-run-session']);
		expect(code).toBe(2);
		expect(stderr).toContain('the tests need keyctl,');
		expect(stderr).toContain('Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y keyutils\n');
		expect(stderr).toContain('Fedora: sudo dnf install -y keyutils\n');
	});

	it('with every command present: nothing printed, nothing installed', async () => {
		expect(await ensureAsUser(['keyctl', 'tmux', 'gnome-keyring-daemon', 'dbus-run-session'])).toEqual({code: 0, stderr: ''});
	});
});
