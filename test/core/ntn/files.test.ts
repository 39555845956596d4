import fs from 'node:fs/promises';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ntnHome, ntnJson, tempDir, workspacesFile, type NtnHome} from '../../helpers/ntn-home.js';
import {coreOf, rejectionOf} from '../../peer/helpers/core.js';
import {runNtn} from '../../peer/helpers/ntn.js';
import {ntnPaths} from '../../../source/core/ntn/files.js';
import {FileTokenStore} from '../../../source/core/ntn/token-store.js';

/**
 * ntn's three files (ntn-compat §3) as notion-tokens reads and writes them: validated on read with
 * errors naming the file and the problem, written byte for byte as ntn writes them, atomically,
 * keeping modes and keys we do not understand, and re-read right before each write.
 */

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const D = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
const TOKEN_A = 'ntn_test_token_AAAA_0123456789abcdef';
const TOKEN_B = 'ntn_test_token_BBBB_0123456789abcdef';
const TOKEN_D = 'ntn_test_token_DDDD_0123456789abcdef';

type FileName = 'config.json' | 'workspaces.json' | 'auth.json';

/** A file-mode home where prod has Alpha (default) and Beta, each with a token. */
const standardFiles = () => ({
	config: {version: '1', defaultWorkspaceIds: {prod: A}},
	workspaces: workspacesFile({
		prod: [
			[A, 'Alpha'],
			[B, 'Beta'],
		],
	}),
	auth: {[A]: TOKEN_A, [B]: TOKEN_B},
});

async function homeWith(name: FileName, content: string | Buffer): Promise<NtnHome> {
	const home = await ntnHome(standardFiles());
	await home.write(name, content, name === 'auth.json' ? 0o600 : 0o644);
	return home;
}

/** Bytes and modes of the three files, to prove nothing was written. */
async function filesOf(home: NtnHome) {
	const result: Record<string, {bytes: string; mode: number; ino: number} | null> = {};
	for (const name of ['config.json', 'workspaces.json', 'auth.json']) {
		const file = path.join(home.dir, name);
		const stat = await fs.stat(file).catch(() => undefined);
		result[name] = stat ? {bytes: (await fs.readFile(file)).toString('base64'), mode: stat.mode & 0o777, ino: stat.ino} : null;
	}
	return result;
}

/** Runs `ntn -v logout` in file mode on a copy of the home: what ntn makes of the same bytes. */
async function ntnLogoutOnCopy(home: NtnHome) {
	const copy = path.join(await tempDir(), 'notion');
	await fs.cp(home.dir, copy, {recursive: true});
	return runNtn(['-v', 'logout'], {NOTION_HOME: copy, NOTION_KEYRING: '0', HOME: path.dirname(copy)});
}

const corrupt: Array<[FileName, string | Buffer, string]> = [
	['config.json', 'garbage{', 'not valid JSON'],
	['config.json', '', 'the file is empty'],
	['config.json', '[]', 'invalid type: an array, expected an object at the top level'],
	['config.json', '{}', 'missing field `version`'],
	['config.json', '{"version":1}', 'expected a string at `version`'],
	['config.json', '{"version":"1","defaultWorkspaceIds":null}', 'invalid type: null, expected an object at `defaultWorkspaceIds`'],
	['config.json', '{"version":"1","defaultWorkspaceIds":{"prod":null}}', 'expected a string at `defaultWorkspaceIds.prod`'],
	['config.json', '{"version":"1","version":"1"}', 'duplicate key "version"'],
	['config.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"version":"1"}')]), 'byte-order mark'],
	['config.json', Buffer.from([0x7b, 0x22, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 'not valid UTF-8'],
	['workspaces.json', 'garbage{', 'not valid JSON'],
	['workspaces.json', '{"version":"1"}', 'missing field `environments`'],
	['workspaces.json', `{"version":"1","environments":{"prod":{"${A}":{"id":"${A}"}}}}`, `missing field \`name\` at \`environments.prod.${A}\``],
	['workspaces.json', '{"version":"1","environments":{"prod":null}}', 'invalid type: null, expected an object at `environments.prod`'],
	['workspaces.json', `{"version":"1","environments":{"prod":{"${A}":{"id":"${A}","name":"A","name":"B"}}}}`, 'duplicate key "name"'],
	['auth.json', 'garbage{', 'not valid JSON'],
	['auth.json', `{"${A}":1}`, `invalid type: number, expected a string at \`${A}\``],
	['auth.json', '[]', 'expected an object at the top level'],
];

describe('reading: every file is validated, and errors name the file and the problem', () => {
	for (const [name, content, problem] of corrupt) {
		it(`${name} = ${JSON.stringify(content.toString()).slice(0, 60)}: "${problem}" (ntn refuses it too)`, async () => {
			const home = await homeWith(name, content);
			const inventory = await coreOf(home).inventory();
			const found = inventory.problems.find(entry => entry.file === path.join(home.dir, name));
			expect(found, JSON.stringify(inventory.problems)).toBeDefined();
			expect(found!.code).toBe('corrupt-file');
			expect(found!.message).toContain(`Failed to read ${name} (${path.join(home.dir, name)})`);
			expect(found!.message).toContain(problem);
			expect(found!.fix).toContain(name);
			const ntn = await ntnLogoutOnCopy(home);
			expect(ntn.code).toBe(1);
			expect(ntn.stderr).toMatch(new RegExp(`error: Failed to (parse|read) ${name.replace('.', '\\.')}`));
		});
	}

	it('an invalid auth.json value is reported without echoing it (it could be a token)', async () => {
		const home = await homeWith('auth.json', `{"${A}":["${TOKEN_A}"]}`);
		const inventory = await coreOf(home).inventory({tokens: 'default'});
		expect(JSON.stringify(inventory)).not.toContain(TOKEN_A);
		expect(inventory.problems.map(problem => problem.code)).toContain('corrupt-file');
	});

	it('a corrupt auth.json is reported in file mode even when no token is read (no default, no workspaces)', async () => {
		const home = await ntnHome({auth: 'garbage{'});
		const inventory = await coreOf(home).inventory({tokens: 'default'});
		expect(inventory.problems.map(problem => [problem.code, problem.file])).toEqual([['corrupt-file', path.join(home.dir, 'auth.json')]]);
	});

	it('a directory in place of a file is reported as unreadable, naming it', async () => {
		const home = await ntnHome(standardFiles());
		await fs.rm(path.join(home.dir, 'config.json'));
		await fs.mkdir(path.join(home.dir, 'config.json'));
		const inventory = await coreOf(home).inventory();
		const found = inventory.problems.find(problem => problem.file === path.join(home.dir, 'config.json'));
		expect(found?.code).toBe('unreadable-file');
		expect(found?.message).toContain('it is a directory, not a file');
	});

	const accepted: Array<[FileName, string]> = [
		['config.json', '{"version":"2"}'],
		['config.json', '{"version":"1"}\n'],
		['config.json', `{ "version" : "1" ,\n\t"defaultWorkspaceIds" : { "zz" : "x", "prod": "${A}" }, "keyring": true }`],
		['workspaces.json', `{"version":"1","environments":{"prod":{"${A}":{"id":"${A}","name":"Alpha","icon":"🦊"}},"zz":{}},"extra":[1]}\n`],
		['auth.json', `{"version":"2","${A}":"${TOKEN_A}"}`],
	];
	for (const [name, content] of accepted) {
		it(`accepts what ntn accepts: ${name} = ${JSON.stringify(content).slice(0, 70)}`, async () => {
			const home = await homeWith(name, content);
			const inventory = await coreOf(home).inventory();
			expect(inventory.problems.filter(problem => problem.file !== undefined)).toEqual([]);
			expect((await ntnLogoutOnCopy(home)).code).toBe(0);
		});
	}

	// serde rejects a repeated *field* of ntn's structs but keeps the last of a repeated *map key*
	// (defaultWorkspaceIds, environments, the entries, auth.json), as JSON.parse does.
	const duplicateMapKeys: Array<[FileName, string]> = [
		['config.json', `{"version":"1","defaultWorkspaceIds":{"prod":"${B}","prod":"${A}"}}`],
		['workspaces.json', `{"version":"1","environments":{"prod":{"${A}":{"id":"${A}","name":"Old"},"${A}":{"id":"${A}","name":"Alpha"}}}}`],
		['auth.json', `{"${A}":"${TOKEN_B}","${A}":"${TOKEN_A}"}`],
	];
	for (const [name, content] of duplicateMapKeys) {
		it(`accepts a repeated map key as ntn does, keeping the last: ${name}`, async () => {
			const home = await homeWith(name, content);
			expect((await ntnLogoutOnCopy(home)).code).toBe(0);
			const inventory = await coreOf(home).inventory();
			expect(inventory.problems).toEqual([]);
			expect(inventory.defaultWorkspaceId).toBe(A);
			const alpha = inventory.workspaces.find(row => row.id === A);
			expect(alpha?.name).toBe('Alpha');
			expect(alpha?.token).toMatchObject({state: 'present', masked: 'ntn_…cdef'});
		});
	}
});

describe('never writing a file that failed to parse', () => {
	it('use with a corrupt config.json fails naming it and changes no file', async () => {
		const home = await homeWith('config.json', '{"version":1,"defaultWorkspaceIds":{"prod":"x"}}');
		const before = await filesOf(home);
		const error = await rejectionOf(() => coreOf(home).switchWorkspace('Beta'));
		expect(error.message).toContain('Failed to read config.json');
		expect(error.message).toContain('expected a string at `version`');
		expect(await filesOf(home)).toEqual(before);
	});

	it('logout with a corrupt workspaces.json fails naming it and changes no file (one workspace and --all)', async () => {
		const home = await homeWith('workspaces.json', '{"version":"1","environments":{"prod":{"x":{"id":"x"}}}}');
		const before = await filesOf(home);
		expect((await rejectionOf(() => coreOf(home).logout('Alpha'))).message).toContain('Failed to read workspaces.json');
		expect((await rejectionOf(() => coreOf(home).logoutAll())).message).toContain('Failed to read workspaces.json');
		expect((await rejectionOf(() => coreOf(home).logoutAll({allEnvironments: true}))).message).toContain('Failed to read workspaces.json');
		expect(await filesOf(home)).toEqual(before);
	});

	it('logout of one workspace with a corrupt auth.json (file mode) fails, says nothing changed, and changes no file', async () => {
		const home = await homeWith('auth.json', 'garbage{');
		const before = await filesOf(home);
		const error = await rejectionOf(() => coreOf(home).logout('Alpha'));
		expect(error.message).toContain('Failed to read auth.json');
		expect(error.message).toContain('Alpha stays logged in; nothing was changed.');
		expect(await filesOf(home)).toEqual(before);
	});

	it('logout --all with a corrupt auth.json keeps every workspace, its default and auth.json as they were', async () => {
		const home = await homeWith('auth.json', 'garbage{');
		const [result] = await coreOf(home).logoutAll();
		expect(result!.removed).toEqual([]);
		expect(result!.tokensKept.map(kept => kept.id).sort()).toEqual([A, B]);
		expect(result!.defaultWorkspaceId).toBe(A);
		expect(await home.read('auth.json')).toBe('garbage{');
		expect(JSON.parse(await home.read('workspaces.json'))).toEqual(standardFiles().workspaces);
		expect(JSON.parse(await home.read('config.json'))).toEqual(standardFiles().config);
	});
});

describe('writing: byte-compatible with ntn, atomic, modes and unknown keys kept', () => {
	it('use writes exactly the config.json ntn writes (2-space JSON, no trailing newline), created 0644', async () => {
		const home = await ntnHome({workspaces: workspacesFile({local: [[A, 'Alpha']]}), auth: {[A]: TOKEN_A}});
		await coreOf(home).switchWorkspace('Alpha', {environment: 'local'});
		expect(await home.read('config.json')).toBe(
			'{\n  "version": "1",\n  "defaultWorkspaceIds": {\n    "local": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"\n  }\n}',
		);
		expect((await fs.stat(path.join(home.dir, 'config.json'))).mode & 0o777).toBe(0o644);
	});

	it('use keeps the mode, the version, unknown env keys and unknown top-level keys, in their order', async () => {
		const home = await ntnHome({workspaces: standardFiles().workspaces, auth: {[A]: TOKEN_A, [B]: TOKEN_B}});
		const config = `{"version":"2","defaultWorkspaceIds":{"zz":"z-id","prod":"${A}","dev":"d-id"},"lastUpdateCheck":{"checkedAt":"2026-01-01T00:00:00Z","notifiedVersion":null},"keyring":true}`;
		await home.write('config.json', config, 0o640);
		await coreOf(home).switchWorkspace('Beta');
		expect(await home.read('config.json')).toBe(
			ntnJson({
				version: '2',
				defaultWorkspaceIds: {zz: 'z-id', prod: B, dev: 'd-id'},
				lastUpdateCheck: {checkedAt: '2026-01-01T00:00:00Z', notifiedVersion: null},
				keyring: true,
			}),
		);
		expect((await fs.stat(path.join(home.dir, 'config.json'))).mode & 0o777).toBe(0o640);
	});

	it('logout of one workspace keeps unknown top-level keys, per-entry keys and unknown environments of workspaces.json', async () => {
		const workspaces = {
			version: '1',
			environments: {
				prod: {[A]: {id: A, name: 'Alpha', icon: '🦊'}, [B]: {id: B, name: 'Beta', icon: 'β'}},
				zz: {[D]: {id: D, name: 'Zed'}},
			},
			extra: {keep: ['me']},
		};
		const home = await ntnHome({config: standardFiles().config, workspaces, auth: {version: '2', [A]: TOKEN_A, [B]: TOKEN_B, [D]: TOKEN_D}});
		await fs.chmod(path.join(home.dir, 'auth.json'), 0o640);
		await coreOf(home).logout('Alpha');
		expect(await home.read('workspaces.json')).toBe(
			ntnJson({version: '1', environments: {prod: {[B]: {id: B, name: 'Beta', icon: 'β'}}, zz: {[D]: {id: D, name: 'Zed'}}}, extra: {keep: ['me']}}),
		);
		expect(await home.read('auth.json')).toBe(ntnJson({version: '2', [B]: TOKEN_B, [D]: TOKEN_D}));
		expect((await fs.stat(path.join(home.dir, 'auth.json'))).mode & 0o777).toBe(0o640);
		expect(await home.read('config.json')).toBe('{\n  "version": "1",\n  "defaultWorkspaceIds": {}\n}');
	});

	it("logout --all leaves exactly ntn's files: empty environments and defaults, `{}` auth.json with its mode kept", async () => {
		const home = await ntnHome(standardFiles());
		await fs.chmod(path.join(home.dir, 'auth.json'), 0o644);
		await coreOf(home).logoutAll();
		expect(await home.read('workspaces.json')).toBe('{\n  "version": "1",\n  "environments": {}\n}');
		expect(await home.read('config.json')).toBe('{\n  "version": "1",\n  "defaultWorkspaceIds": {}\n}');
		expect(await home.read('auth.json')).toBe('{}');
		expect((await fs.stat(path.join(home.dir, 'auth.json'))).mode & 0o777).toBe(0o644);
		expect((await fs.stat(path.join(home.dir, 'config.json'))).mode & 0o777).toBe(0o644);
	});

	it('creates auth.json as 0600 (and the JSON files as 0644) when logout --all has to write them, as ntn does in file mode', async () => {
		const home = await ntnHome({workspaces: workspacesFile({prod: [[A, 'Alpha']]})});
		await coreOf(home).logoutAll();
		expect(await home.read('auth.json')).toBe('{}');
		expect((await fs.stat(path.join(home.dir, 'auth.json'))).mode & 0o777).toBe(0o600);
		expect((await fs.stat(path.join(home.dir, 'config.json'))).mode & 0o777).toBe(0o644);
	});

	it('logout --all on an empty dir writes both JSON files, like ntn\'s "Already logged out", and no auth.json', async () => {
		const home = await ntnHome();
		const [result] = await coreOf(home).logoutAll();
		expect(result!.removed).toEqual([]);
		expect(await home.read('workspaces.json')).toBe('{\n  "version": "1",\n  "environments": {}\n}');
		expect(await home.read('config.json')).toBe('{\n  "version": "1",\n  "defaultWorkspaceIds": {}\n}');
		expect(await home.exists('auth.json')).toBe(false);
	});

	it('writes through a temp file in the same dir, renamed over the file: the old bytes stay whole until then, and no temp file is left', async () => {
		const home = await ntnHome(standardFiles());
		const configPath = path.join(home.dir, 'config.json');
		const before = await fs.stat(configPath);
		const oldBytes = await home.read('config.json');
		const seen: Array<{names: string[]; config: string; tempContent: string; tempMode: number}> = [];
		await coreOf(home, {
			writeHooks: {
				beforeCommit: async () => {
					const names = (await fs.readdir(home.dir)).sort();
					const temp = names.find(name => name.startsWith('.config.json.') && name.endsWith('.tmp'))!;
					const tempPath = path.join(home.dir, temp);
					seen.push({
						names,
						config: await home.read('config.json'),
						tempContent: await fs.readFile(tempPath, 'utf8'),
						tempMode: (await fs.stat(tempPath)).mode & 0o777,
					});
				},
			},
		}).switchWorkspace('Beta');
		expect(seen).toHaveLength(1);
		expect(seen[0]!.config).toBe(oldBytes);
		expect(seen[0]!.tempContent).toBe(ntnJson({version: '1', defaultWorkspaceIds: {prod: B}}));
		expect(seen[0]!.tempMode).toBe(0o644);
		const after = await fs.stat(configPath);
		expect(after.ino).not.toBe(before.ino);
		expect(await home.read('config.json')).toBe(seen[0]!.tempContent);
		expect((await fs.readdir(home.dir)).sort()).toEqual(['auth.json', 'config.json', 'workspaces.json']);
	});
});

describe('re-reading right before each write, so what ntn changed meanwhile survives', () => {
	it('use: a real `ntn logout --env dev` run between our read and our write is kept, and our change is applied on top', async () => {
		const home = await ntnHome({
			config: {version: '1', defaultWorkspaceIds: {prod: A, dev: D}},
			workspaces: workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
				],
				dev: [[D, 'Dev']],
			}),
			auth: {[A]: TOKEN_A, [B]: TOKEN_B, [D]: TOKEN_D},
		});
		let ran = 0;
		const result = await coreOf(home, {
			writeHooks: {
				beforeCommit: async () => {
					if (ran++ > 0) return;
					const ntn = await runNtn(['--env', 'dev', 'logout'], home.env);
					expect(ntn.stderr).toContain('Logged out');
				},
			},
		}).switchWorkspace('Beta');
		expect(ran).toBe(2);
		expect(result.current.id).toBe(B);
		expect(JSON.parse(await home.read('config.json'))).toEqual({version: '1', defaultWorkspaceIds: {prod: B}});
		expect(JSON.parse(await home.read('workspaces.json'))).toEqual(
			workspacesFile({
				prod: [
					[A, 'Alpha'],
					[B, 'Beta'],
				],
			}),
		);
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[A]: TOKEN_A, [B]: TOKEN_B});
	});

	it('logout of one workspace: a workspace added meanwhile (as ntn login adds one) survives both file writes', async () => {
		const home = await ntnHome(standardFiles());
		let ran = 0;
		await coreOf(home, {
			writeHooks: {
				beforeCommit: async () => {
					if (ran++ > 0) return;
					// What ntn's login writes: the token, then workspaces.json, then config.json (§3.5).
					await home.write('auth.json', {...JSON.parse(await home.read('auth.json')), [D]: TOKEN_D}, 0o600);
					await home.write(
						'workspaces.json',
						workspacesFile({
							prod: [
								[A, 'Alpha'],
								[B, 'Beta'],
							],
							dev: [[D, 'Dev']],
						}),
					);
					await home.write('config.json', {version: '1', defaultWorkspaceIds: {prod: A, dev: D}});
				},
			},
		}).logout('Alpha');
		expect(JSON.parse(await home.read('workspaces.json'))).toEqual(workspacesFile({prod: [[B, 'Beta']], dev: [[D, 'Dev']]}));
		expect(JSON.parse(await home.read('config.json'))).toEqual({version: '1', defaultWorkspaceIds: {dev: D}});
		expect(JSON.parse(await home.read('auth.json'))).toEqual({[B]: TOKEN_B, [D]: TOKEN_D});
	});
});

describe('token presence from auth.json: masked, and no token leaves the store', () => {
	const store = (home: NtnHome) => new FileTokenStore(ntnPaths(home.dir), 'NOTION_KEYRING=0');

	it('answers present (masked, with the token id), missing, and whether any was found', async () => {
		const home = await ntnHome({...standardFiles(), auth: {[A]: TOKEN_A, [B]: 'ntn.tok-id-b.c2VnbWVudA.secretpart'}});
		const presences = await store(home).presenceMany([A, B, D]);
		expect(presences.of(A)).toEqual({state: 'present', masked: 'ntn_…cdef', tokenId: null});
		expect(presences.of(B)).toEqual({state: 'present', masked: 'ntn.…part', tokenId: 'tok-id-b'});
		expect(presences.of(D)).toEqual({state: 'missing'});
		expect(presences.anyPresent).toBe(true);
		expect(presences.firstError).toBeUndefined();
		expect(JSON.stringify([A, B, D].map(id => presences.of(id)))).not.toContain('0123456789');
		expect((await store(home).presenceMany([D])).anyPresent).toBe(false);
	});

	it('a corrupt auth.json makes every presence unknown, with the reason naming the file and no token', async () => {
		const home = await homeWith('auth.json', `{"${A}": "${TOKEN_A}",`);
		const presences = await store(home).presenceMany([A]);
		expect(presences.of(A)).toEqual({state: 'unknown', reason: expect.stringContaining(`Failed to read auth.json (${path.join(home.dir, 'auth.json')})`)});
		expect(presences.firstError?.code).toBe('corrupt-file');
		expect(presences.anyPresent).toBe(false);
		expect(JSON.stringify(presences.of(A))).not.toContain(TOKEN_A);
	});
});
