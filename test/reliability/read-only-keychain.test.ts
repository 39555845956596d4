/**
 * A keychain logout on a NOTION_HOME that cannot be written: the token must not be deleted when
 * the cache could not then be updated (that would leave a cached workspace whose token is gone).
 * The read-only file system is a tmpfs remounted read-only in a private mount namespace.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {mintToken} from '../helpers/mock-notion.js';
import {ntnJson, tempDir, workspacesFile} from '../helpers/ntn-home.js';
import {addNtnKey, readNtnKey} from '../peer/helpers/keyctl.js';
import {childPath, runCommand} from './support/children.js';
import {READ_ONLY_COPY} from './support/read-only-mount.js';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const script = ['set -e', ...READ_ONLY_COPY, 'set +e; "$@"; printf "\\n<<<exit=%s>>>\\n" "$?"'].join('\n');

describe('keychain logout on a read-only NOTION_HOME', () => {
	for (const args of [
		['logout', 'Beta', '--yes'],
		['logout', '--all', '--yes'],
	]) {
		it(`\`${args.join(' ')}\` refuses before deleting any token`, async () => {
			const root = await tempDir('nt-ro-keychain-');
			const source = path.join(root, 'source');
			const mountPoint = path.join(root, 'notion');
			await fs.mkdir(source);
			await fs.mkdir(mountPoint);
			await fs.writeFile(path.join(source, 'config.json'), ntnJson({version: '1', defaultWorkspaceIds: {prod: A}}));
			await fs.writeFile(
				path.join(source, 'workspaces.json'),
				ntnJson(
					workspacesFile({
						prod: [
							[A, 'Alpha'],
							[B, 'Beta'],
						],
					}),
				),
			);
			const tokens = {[A]: mintToken({spaceId: A}), [B]: mintToken({spaceId: B})};
			for (const [id, token] of Object.entries(tokens)) addNtnKey(id, token);

			const result = await runCommand(
				'unshare',
				['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', mountPoint, source, process.execPath, await childPath('cli'), ...args],
				{env: {...process.env, HOME: root, NOTION_HOME: mountPoint, NOTION_TOKENS_HOME: path.join(root, 'state'), NOTION_KEYRING: ''}},
			);
			const marker = /<<<exit=(\d+)>>>/.exec(result.stdout);
			expect(marker, `the read-only mount could not be set up: ${result.stderr}`).not.toBeNull();
			expect(marker![1]).toBe('3');
			expect(result.stderr).toContain(
				`error: Could not write workspaces.json (${path.join(mountPoint, 'workspaces.json')}): the file system is read-only; it was left unchanged`,
			);
			expect(readNtnKey(A)).toBe(tokens[A]);
			expect(readNtnKey(B)).toBe(tokens[B]);
		});
	}
});
