/**
 * Reliability: a logout on a full disk leaves nothing half done. NOTION_HOME is a small tmpfs
 * (mounted in a private mount namespace, so it exists only for the command) filled up to the last
 * page, or to one page; the tokens sit in the real kernel keyring or in auth.json. Every file is
 * written aside before a token is deleted, so the logout fails before it deletes anything and says
 * so; no token is ever deleted for a workspace that stays listed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnJson, tempDir, workspacesFile} from '../helpers/ntn-home.js';
import {addNtnKey, readNtnKey, removeNtnKey} from '../peer/helpers/keyctl.js';
import {childPath, runCommand} from './support/children.js';
import {figure} from './support/mode.js';

/** 80 cached workspaces (workspaces.json spans several pages); the first three have tokens. */
const IDS = Array.from({length: 80}, (_, index) => `${(index + 1).toString(16).padStart(8, '0')}-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`);
const NAMES = IDS.map((_, index) => `Workspace ${String(index + 1).padStart(2, '0')} with a long name`);
const WITH_TOKENS = IDS.slice(0, 3);

/**
 * sh lines: mount a tmpfs on "$1", copy the files of "$2" into it, fill it to the last page and
 * free "$3" pages again; then run the command ("$@") and print its exit code and the files after.
 */
const FULL_DISK = [
	'dir="$1"; src="$2"; free="$3"; shift 3',
	'mount -t tmpfs -o size=512k,mode=0755 tmpfs "$dir" || { echo "<<<mount failed>>>"; exit 90; }',
	'cp -p "$src"/* "$dir"/',
	'mkdir "$dir/.fill"',
	'i=0; while head -c 4096 /dev/zero > "$dir/.fill/$i" 2>/dev/null; do i=$((i+1)); done',
	'rm -f "$dir/.fill/$i"',
	'j=0; while [ "$j" -lt "$free" ]; do i=$((i-1)); rm -f "$dir/.fill/$i"; j=$((j+1)); done',
	'"$@"; code=$?',
	'printf "\\n<<<exit=%s>>>\\n" "$code"',
	'for f in config.json workspaces.json auth.json; do [ -f "$dir/$f" ] && printf "<<<%s>>>\\n%s\\n" "$f" "$(cat "$dir/$f")"; done',
	'printf "<<<left>>>\\n"; ls -A "$dir"',
].join('\n');

const keys: string[] = [];
afterEach(() => {
	for (const id of keys.splice(0)) removeNtnKey(id);
});

interface Run {
	code: number;
	output: string;
	files: Record<string, string>;
	left: string[];
}

async function logoutOnFullDisk(
	args: string[],
	options: {store: 'keychain' | 'file'; freePages: number},
): Promise<{run: Run; tokens: Record<string, string>; source: Record<string, string>}> {
	const root = await tempDir('nt-full-');
	const source = path.join(root, 'source');
	await fs.mkdir(source);
	const tokens = Object.fromEntries(WITH_TOKENS.map(id => [id, mintToken({spaceId: id})]));
	const files: Record<string, string> = {
		'config.json': ntnJson({version: '1', defaultWorkspaceIds: {prod: IDS[0]}}),
		'workspaces.json': ntnJson(workspacesFile({prod: IDS.map((id, index) => [id, NAMES[index]!] as [string, string])})),
	};
	if (options.store === 'file') files['auth.json'] = ntnJson(tokens);
	else
		for (const [id, token] of Object.entries(tokens)) {
			addNtnKey(id, token);
			keys.push(id);
		}
	for (const [name, content] of Object.entries(files)) await fs.writeFile(path.join(source, name), content, {mode: 0o600});
	const mountPoint = path.join(root, 'notion');
	await fs.mkdir(mountPoint);
	const env: NodeJS.ProcessEnv = {...process.env, HOME: root, NOTION_HOME: mountPoint, NOTION_TOKENS_HOME: path.join(root, 'state')};
	if (options.store === 'file') env['NOTION_KEYRING'] = '0';
	else delete env['NOTION_KEYRING'];
	const result = await runCommand(
		'unshare',
		[
			'--mount',
			'--propagation',
			'private',
			'sh',
			'-c',
			FULL_DISK,
			'sh',
			mountPoint,
			source,
			String(options.freePages),
			process.execPath,
			await childPath('cli'),
			...args,
		],
		{env},
	);
	const marker = /<<<exit=(\d+)>>>/.exec(result.stdout);
	if (!marker) {
		throw new Error(
			`a full tmpfs could not be set up for this test (it mounts one in a private mount namespace, which needs root or CAP_SYS_ADMIN and unshare(1)): ${result.stderr || result.stdout}`,
		);
	}
	const after = result.stdout.slice(marker.index + marker[0].length);
	const sections = [...after.matchAll(/<<<([\w.]+)>>>\n([\s\S]*?)(?=\n<<<|$)/g)];
	const read = Object.fromEntries(sections.map(([, name, content]) => [name!, content!.replace(/\n$/, '')]));
	return {
		run: {
			code: Number(marker[1]),
			output: result.stdout.slice(0, marker.index) + result.stderr,
			files: read,
			left: (read['left'] ?? '').split('\n').filter(Boolean),
		},
		tokens,
		source: files,
	};
}

const cases: Array<{args: string[]; store: 'keychain' | 'file'; freePages: number}> = [
	{args: ['logout', IDS[0]!, '--yes'], store: 'keychain', freePages: 0},
	{args: ['logout', '--all', '--yes'], store: 'keychain', freePages: 0},
	// One page free: room for the new auth.json (one page), none for workspaces.json.
	{args: ['logout', IDS[0]!, '--yes'], store: 'file', freePages: 1},
	{args: ['logout', '--all', '--yes'], store: 'file', freePages: 1},
	{args: ['logout', IDS[0]!, '--yes'], store: 'file', freePages: 0},
];

describe('logout on a full disk', () => {
	for (const {args, store, freePages} of cases) {
		it(`\`${args.join(' ')}\` with the ${store} store and ${freePages} free page${freePages === 1 ? '' : 's'}: nothing is deleted, and it says so`, async () => {
			const {run, tokens, source} = await logoutOnFullDisk(args, {store, freePages});
			expect(run.code, run.output).toBe(3);
			expect(run.output).toContain('no space left');
			expect(run.output).toMatch(/stays logged in; nothing was changed\./);
			expect(run.output).toContain('Free some space on the disk that holds');
			// Every file as it was; no temp file left behind.
			for (const [name, content] of Object.entries(source)) expect(run.files[name], name).toBe(content);
			expect(run.left.filter(name => name !== '.fill').sort()).toEqual(Object.keys(source).sort());
			// No token deleted: each workspace that is still listed still has its token.
			if (store === 'keychain') for (const [id, token] of Object.entries(tokens)) expect(readNtnKey(id)).toBe(token);
			figure(`full disk: \`${args.join(' ')}\` (${store} store, ${freePages} page free): exit 3, 0 tokens deleted, files unchanged`, false);
		});
	}
});
