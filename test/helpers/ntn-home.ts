import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

const made: string[] = [];
afterEach(async () => {
	await Promise.all(made.splice(0).map(dir => fs.rm(dir, {recursive: true, force: true})));
});

/** A temp dir removed after the test. */
export async function tempDir(prefix = 'nt-test-'): Promise<string> {
	const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
	made.push(dir);
	return dir;
}

/** ntn's own serialisation: 2-space JSON, no trailing newline. */
export const ntnJson = (value: unknown) => JSON.stringify(value, null, 2);

export interface NtnHome {
	dir: string;
	stateDir: string;
	/** Variables for a file-store (NOTION_KEYRING=0) run against this home. */
	env: Record<string, string>;
	write(name: 'config.json' | 'workspaces.json' | 'auth.json' | string, content: unknown, mode?: number): Promise<void>;
	read(name: string): Promise<string>;
	exists(name: string): Promise<boolean>;
}

/**
 * A temp ntn config dir with optional files written exactly as ntn writes them, plus a temp dir
 * for notion-tokens' own state.
 */
export async function ntnHome(
	files: {
		config?: unknown;
		workspaces?: unknown;
		auth?: unknown;
		keyring?: boolean;
	} = {},
): Promise<NtnHome> {
	const root = await tempDir();
	const dir = path.join(root, 'notion');
	const stateDir = path.join(root, 'state');
	await fs.mkdir(dir, {mode: 0o755});
	await fs.chmod(dir, 0o755);
	const home: NtnHome = {
		dir,
		stateDir,
		env: {
			HOME: root,
			NOTION_HOME: dir,
			NOTION_TOKENS_HOME: stateDir,
			...(files.keyring ? {} : {NOTION_KEYRING: '0'}),
		},
		async write(name, content, mode = 0o644) {
			const file = path.join(dir, name);
			await fs.writeFile(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : ntnJson(content), {mode});
			await fs.chmod(file, mode);
		},
		read: name => fs.readFile(path.join(dir, name), 'utf8'),
		exists: name =>
			fs.access(path.join(dir, name)).then(
				() => true,
				() => false,
			),
	};
	if (files.config !== undefined) await home.write('config.json', files.config);
	if (files.workspaces !== undefined) await home.write('workspaces.json', files.workspaces);
	if (files.auth !== undefined) await home.write('auth.json', files.auth, 0o600);
	return home;
}

/** workspaces.json content for `{env: [[id, name], …]}`. */
export function workspacesFile(environments: Record<string, Array<[string, string]>>) {
	return {
		version: '1',
		environments: Object.fromEntries(Object.entries(environments).map(([env, rows]) => [env, Object.fromEntries(rows.map(([id, name]) => [id, {id, name}]))])),
	};
}
