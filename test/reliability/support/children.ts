/**
 * Child programs for the tests that need a second process: a writer to SIGKILL and an ntn-style
 * writer running freely, bundled from test/reliability/children/*.ts with esbuild into
 * node_modules/.cache (so they resolve @napi-rs/keyring), and the shipped CLI itself (as another
 * user or in another keyring session).
 */
import {spawn, type SpawnOptions} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {afterAll} from 'vitest';
import {shippedCli} from '../../helpers/shipped-cli.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const sources = fileURLToPath(new URL('../children', import.meta.url));

export type ChildName = 'cli' | 'crash-writer' | 'ntn-writer';
const WRITERS = ['crash-writer', 'ntn-writer'] as const;

let built: Promise<string> | undefined;
let outdir: string | undefined;
afterAll(async () => {
	if (outdir) await fs.rm(outdir, {recursive: true, force: true});
});

/** The path of child `name`; the writers are built once per test file. */
export async function childPath(name: ChildName): Promise<string> {
	if (name === 'cli') return shippedCli();
	built ??= (async () => {
		const cache = path.join(root, 'node_modules', '.cache');
		await fs.mkdir(cache, {recursive: true});
		outdir = await fs.mkdtemp(path.join(cache, 'notion-tokens-reliability-'));
		await fs.chmod(outdir, 0o755); // readable by the unprivileged user of the EACCES cases
		await build({
			absWorkingDir: root,
			entryPoints: WRITERS.map(entry => path.join(sources, `${entry}.ts`)),
			outdir,
			outExtension: {'.js': '.mjs'},
			bundle: true,
			platform: 'node',
			target: 'node20',
			format: 'esm',
			external: ['@napi-rs/keyring'],
			banner: {js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"},
			logLevel: 'warning',
		});
		return outdir;
	})();
	return path.join(await built, `${name}.mjs`);
}

export interface ChildResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to the end and collects what it printed. */
export function runCommand(command: string, args: string[], options: SpawnOptions & {input?: string} = {}): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {...options, stdio: ['pipe', 'pipe', 'pipe']});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')}));
		// A child that exits before reading its input closes the pipe: EPIPE is not a failure here.
		child.stdin!.on('error', () => {});
		child.stdin!.end(options.input ?? '');
	});
}
