import path from 'node:path';
import {ShapeError, readJsonFile, type FileRead} from './read-json.js';
import {prepareJsonUpdate, updateJsonFile, type PreparedUpdate} from './write-json.js';
import {isRecord} from '../shared/values.js';

/** ntn's three files (ntn-compat §3), validated the way ntn's serde structs accept them. */

export interface ConfigFile {
	version: string;
	defaultWorkspaceIds?: Record<string, string>;
	[unknownKey: string]: unknown;
}

export interface WorkspaceEntry {
	id: string;
	name: string;
	[unknownKey: string]: unknown;
}

export interface WorkspacesFile {
	version: string;
	environments: Record<string, Record<string, WorkspaceEntry>>;
	[unknownKey: string]: unknown;
}

export type AuthFile = Record<string, string>;

const typeName = (value: unknown): string =>
	value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `${typeof value} \`${String(value)}\``;

function expectString(value: unknown, where: string): string {
	if (typeof value !== 'string') throw new ShapeError(`invalid type: ${typeName(value)}, expected a string at ${where}`);
	return value;
}

function expectObject(value: unknown, where: string): Record<string, unknown> {
	if (!isRecord(value)) throw new ShapeError(`invalid type: ${typeName(value)}, expected an object at ${where}`);
	return value;
}

export function validateConfig(value: unknown): ConfigFile {
	const config = expectObject(value, 'the top level');
	if (!('version' in config)) throw new ShapeError('missing field `version`');
	expectString(config['version'], '`version`');
	if ('defaultWorkspaceIds' in config) {
		const defaults = expectObject(config['defaultWorkspaceIds'], '`defaultWorkspaceIds`');
		for (const [env, id] of Object.entries(defaults)) expectString(id, `\`defaultWorkspaceIds.${env}\``);
	}
	return config as ConfigFile;
}

export function validateWorkspaces(value: unknown): WorkspacesFile {
	const file = expectObject(value, 'the top level');
	if (!('version' in file)) throw new ShapeError('missing field `version`');
	expectString(file['version'], '`version`');
	if (!('environments' in file)) throw new ShapeError('missing field `environments`');
	const environments = expectObject(file['environments'], '`environments`');
	for (const [env, entries] of Object.entries(environments)) {
		const inEnv = expectObject(entries, `\`environments.${env}\``);
		for (const key in inEnv) {
			const entry = inEnv[key];
			const where = `\`environments.${env}.${key}\``;
			const object = expectObject(entry, where);
			if (!('id' in object)) throw new ShapeError(`missing field \`id\` at ${where}`);
			if (!('name' in object)) throw new ShapeError(`missing field \`name\` at ${where}`);
			expectString(object['id'], `${where}.id`);
			expectString(object['name'], `${where}.name`);
		}
	}
	return file as WorkspacesFile;
}

// The structs of ntn's files; everything else is a map (a repeated map key keeps the last).
validateConfig.fieldsAt = (path: readonly string[]) => (path.length === 0 ? ['version', 'defaultWorkspaceIds'] : undefined);
validateWorkspaces.fieldsAt = (path: readonly string[]) =>
	path.length === 0 ? ['version', 'environments'] : path.length === 3 && path[0] === 'environments' ? ['id', 'name'] : undefined;

export function validateAuth(value: unknown): AuthFile {
	const auth = expectObject(value, 'the top level');
	for (const key in auth) {
		const token = auth[key];
		// Never echo the value: it may be a token.
		if (typeof token !== 'string')
			throw new ShapeError(`invalid type: ${token === null ? 'null' : Array.isArray(token) ? 'an array' : typeof token}, expected a string at \`${key}\``);
	}
	return auth as AuthFile;
}
// A map: a repeated key keeps the last, as in ntn.
validateAuth.fieldsAt = (): undefined => undefined;

export interface NtnPaths {
	dir: string;
	config: string;
	workspaces: string;
	auth: string;
}

export const ntnPaths = (dir: string): NtnPaths => ({
	dir,
	config: path.join(dir, 'config.json'),
	workspaces: path.join(dir, 'workspaces.json'),
	auth: path.join(dir, 'auth.json'),
});

/** Modes for files we create: ntn's 0666 & ~umask (typically 0644) for the JSON, 0600 for tokens. */
export const CREATE_MODE = {config: 0o644, workspaces: 0o644, auth: 0o600} as const;

export const readConfig = (paths: NtnPaths): Promise<FileRead<ConfigFile>> => readJsonFile(paths.config, validateConfig);
export const readWorkspaces = (paths: NtnPaths): Promise<FileRead<WorkspacesFile>> => readJsonFile(paths.workspaces, validateWorkspaces);
export const readAuth = (paths: NtnPaths): Promise<FileRead<AuthFile>> => readJsonFile(paths.auth, validateAuth);

/** Seams where tests run another writer deterministically (see UpdateOptions). */
export interface WriteHooks {
	beforeCommit?: () => Promise<void> | void;
	afterCheck?: () => Promise<void> | void;
}

/** Changes config.json; a new file starts as `{"version": "1", "defaultWorkspaceIds": {}}`. */
export const updateConfig = (paths: NtnPaths, mutate: (config: ConfigFile) => ConfigFile | undefined, hooks: WriteHooks = {}) =>
	updateJsonFile(paths.config, validateConfig, current => mutate(current ?? {version: '1', defaultWorkspaceIds: {}}), {
		createMode: CREATE_MODE.config,
		...hooks,
	});

export const updateWorkspaces = (paths: NtnPaths, mutate: (file: WorkspacesFile) => WorkspacesFile | undefined, hooks: WriteHooks = {}) =>
	updateJsonFile(paths.workspaces, validateWorkspaces, current => mutate(current ?? {version: '1', environments: {}}), {
		createMode: CREATE_MODE.workspaces,
		...hooks,
	});

export const updateAuth = (paths: NtnPaths, mutate: (auth: AuthFile) => AuthFile | undefined, hooks: WriteHooks = {}) =>
	updateJsonFile(paths.auth, validateAuth, current => mutate(current ?? {}), {createMode: CREATE_MODE.auth, ...hooks});

/** The same changes, prepared (see `prepareJsonUpdate`): written aside, renamed into place by `commit`. */
export const prepareConfig = (
	paths: NtnPaths,
	mutate: (config: ConfigFile) => ConfigFile | undefined,
	hooks: WriteHooks = {},
): Promise<PreparedUpdate<ConfigFile>> =>
	prepareJsonUpdate(paths.config, validateConfig, current => mutate(current ?? {version: '1', defaultWorkspaceIds: {}}), {
		createMode: CREATE_MODE.config,
		...hooks,
	});

export const prepareWorkspaces = (
	paths: NtnPaths,
	mutate: (file: WorkspacesFile) => WorkspacesFile | undefined,
	hooks: WriteHooks = {},
): Promise<PreparedUpdate<WorkspacesFile>> =>
	prepareJsonUpdate(paths.workspaces, validateWorkspaces, current => mutate(current ?? {version: '1', environments: {}}), {
		createMode: CREATE_MODE.workspaces,
		...hooks,
	});

export const prepareAuth = (paths: NtnPaths, mutate: (auth: AuthFile) => AuthFile | undefined, hooks: WriteHooks = {}): Promise<PreparedUpdate<AuthFile>> =>
	prepareJsonUpdate(paths.auth, validateAuth, current => mutate(current ?? {}), {createMode: CREATE_MODE.auth, ...hooks});

/** The entries cached under one environment key, in file order (none when it has no map). */
export function entriesIn(file: WorkspacesFile | undefined, environment: string): WorkspaceEntry[] {
	return file && Object.hasOwn(file.environments, environment) ? Object.values(file.environments[environment]!) : [];
}

/** Every cached workspace entry (or those of one environment), with the environment key it sits under. */
export function cachedEntries(file: WorkspacesFile | undefined, only?: string): Array<{environment: string; key: string; entry: WorkspaceEntry}> {
	if (!file) return [];
	const rows = [];
	for (const environment in file.environments) {
		if (only !== undefined && environment !== only) continue;
		const entries = file.environments[environment]!;
		for (const key in entries) rows.push({environment, key, entry: entries[key]!});
	}
	return rows;
}
