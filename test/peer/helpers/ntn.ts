import {execFile} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The real ntn 0.4.0 binary installed as a dev dependency. */
export const NTN = fileURLToPath(new URL('../../../node_modules/ntn/bin/ntn', import.meta.url));

export interface ProcessResult {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * Runs ntn with exactly the given environment (nothing inherited but PATH), stdin closed, so it
 * behaves as in a script. Never rejects: a non-zero exit is part of the result.
 */
export function runNtn(args: string[], env: Record<string, string | undefined>, options: {cwd?: string} = {}): Promise<ProcessResult> {
	const clean = Object.fromEntries(Object.entries({PATH: process.env['PATH'], ...env}).filter(([, value]) => value !== undefined)) as Record<string, string>;
	return new Promise(resolve => {
		const child = execFile(NTN, args, {env: clean, cwd: options.cwd ?? path.dirname(NTN), timeout: 15_000}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			resolve({code, stdout, stderr});
		});
		child.stdin?.on('error', () => {}); // ntn may exit before the pipe is closed (EPIPE)
		child.stdin?.end();
	});
}

/** The config.json path `ntn debug` prints, or null for `**Path:** N/A`. */
export function debugConfigPath(debugOutput: string): string | null {
	const match = /## Configuration[\s\S]*?\*\*Path:\*\* (?:`([^`]*)`|N\/A)/.exec(debugOutput);
	if (!match) throw new Error(`no config path in ntn debug output:\n${debugOutput}`);
	return match[1] ?? null;
}

export interface DebugTokenRow {
	environment: string;
	tokenId: string;
	spaceId: string;
	name: string;
}

/** The rows of `ntn debug`'s token table, in ntn's order. */
export function debugTokenTable(debugOutput: string): DebugTokenRow[] {
	const section = /## Authentication — Tokens([\s\S]*?)## Workspace Cache/.exec(debugOutput)?.[1];
	if (section === undefined) throw new Error(`no token table in ntn debug output:\n${debugOutput}`);
	return section
		.split('\n')
		.filter(line => line.startsWith('| ') && !line.startsWith('| Environment') && !line.startsWith('|--'))
		.map(line => {
			const [environment = '', tokenId = '', spaceId = '', name = ''] = line.slice(2, -2).split(' | ');
			return {environment, tokenId, spaceId, name};
		});
}
