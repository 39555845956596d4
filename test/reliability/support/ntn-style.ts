/**
 * A writer that changes ntn's files exactly the way ntn 0.4.0 does (ntn-compat §3.5): read, change,
 * then `open(O_WRONLY|O_CREAT|O_TRUNC, 0666)` and write the whole file in place — same inode, no
 * temp file, no rename, no lock — with map keys in a random order (Rust HashMaps). Each method is
 * one of ntn's read-modify-write steps; `loginSteps` and `logoutSteps` are ntn's sequences of them.
 * It records what it meant each key to hold (`intent`), so a test can tell whether an update
 * survived. No imports from the product: this stands for the other program.
 */
import fs from 'node:fs';
import path from 'node:path';

type Json = Record<string, unknown>;
type Entries = Record<string, {id: string; name: string}>;

/**
 * What a writer last set each key to (`undefined`: removed). Keys: `auth:<id>` (the token),
 * `ws:<env>:<id>` (the entry's name), `default:<env>` (the default workspace id).
 */
export type Intent = Map<string, string | undefined>;

export interface NtnStyleWriter {
	readonly intent: Intent;
	/** One read-modify-write of auth.json: sets or deletes a token. */
	setToken(id: string, token: string | undefined): void;
	/** One read-modify-write of workspaces.json: adds/replaces or removes one entry of `env`. */
	setEntry(env: string, id: string, name: string | undefined): void;
	/** One read-modify-write of workspaces.json: removes the whole environment (ntn logout); returns its ids. */
	dropEnvironment(env: string): string[];
	/** One read-modify-write of config.json: sets or removes the default of `env`. */
	setDefault(env: string, id: string | undefined): void;
}

/** A step may return more steps to run right after it (ntn logout learns its ids from the file). */
export type Step = () => Step[] | void;

/** Reads a file as ntn does: a missing file is `undefined`; anything unparsable throws. */
export function readNtnFile(file: string): Json | undefined {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	return JSON.parse(text) as Json;
}

export function ntnStyleWriter(dir: string, shuffle: <T>(items: T[]) => T[]): NtnStyleWriter {
	const file = (name: string) => path.join(dir, name);
	const reorder = <T>(map: Record<string, T>): Record<string, T> => Object.fromEntries(shuffle(Object.entries(map)));
	/** fs.writeFileSync opens with O_WRONLY|O_CREAT|O_TRUNC and mode 0666, like ntn. */
	const write = (name: string, value: unknown) => fs.writeFileSync(file(name), JSON.stringify(value, null, 2));
	const intent: Intent = new Map();
	const workspaces = () => {
		const current = readNtnFile(file('workspaces.json')) ?? {version: '1', environments: {}};
		return {version: current['version'], environments: {...(current['environments'] as Record<string, Entries>)}};
	};

	return {
		intent,
		setToken(id, token) {
			const auth = (readNtnFile(file('auth.json')) ?? {}) as Record<string, string>;
			if (token === undefined) delete auth[id];
			else auth[id] = token;
			write('auth.json', reorder(auth));
			intent.set(`auth:${id}`, token);
		},
		setEntry(env, id, name) {
			const current = workspaces();
			const entries = {...current.environments[env]};
			if (name === undefined) delete entries[id];
			else entries[id] = {id, name};
			current.environments[env] = reorder(entries);
			// ntn drops unknown fields when it rewrites (ntn-compat §3.2).
			write('workspaces.json', {version: current.version, environments: reorder(current.environments)});
			intent.set(`ws:${env}:${id}`, name);
		},
		dropEnvironment(env) {
			const current = workspaces();
			const ids = Object.values(current.environments[env] ?? {}).map(entry => entry.id);
			delete current.environments[env];
			write('workspaces.json', {version: current.version, environments: reorder(current.environments)});
			// ntn logout means: nothing of this environment is left, whatever the file held.
			for (const key of intent.keys()) if (key.startsWith(`ws:${env}:`)) intent.set(key, undefined);
			for (const id of ids) intent.set(`ws:${env}:${id}`, undefined);
			return ids;
		},
		setDefault(env, id) {
			const current = readNtnFile(file('config.json')) ?? {version: '1'};
			const defaults = {...(current['defaultWorkspaceIds'] as Record<string, string> | undefined)};
			if (id === undefined) delete defaults[env];
			else defaults[env] = id;
			write('config.json', {version: current['version'], defaultWorkspaceIds: reorder(defaults)});
			intent.set(`default:${env}`, id);
		},
	};
}

/** ntn login: the token, then workspaces.json, then config.json (ntn-compat §3.5). */
export const loginSteps = (writer: NtnStyleWriter, env: string, id: string, name: string, token: string): Step[] => [
	() => writer.setToken(id, token),
	() => writer.setEntry(env, id, name),
	() => writer.setDefault(env, id),
];

/** ntn logout of an environment: workspaces.json, then each token (one write each), then config.json. */
export const logoutSteps = (writer: NtnStyleWriter, env: string): Step[] => [
	() =>
		writer.dropEnvironment(env).map(
			(id): Step =>
				() =>
					writer.setToken(id, undefined),
		),
	() => writer.setDefault(env, undefined),
];

/** Runs steps in order; steps a step returns run next. */
export class StepQueue {
	readonly #queue: Step[] = [];
	get length(): number {
		return this.#queue.length;
	}
	push(...steps: Step[]): void {
		this.#queue.push(...steps);
	}
	/** Runs the next step; false when there was none. */
	runOne(): boolean {
		const step = this.#queue.shift();
		if (!step) return false;
		const more = step();
		if (more) this.#queue.unshift(...more);
		return true;
	}
}

export interface FilesNow {
	config: Json | undefined;
	workspaces: Json | undefined;
	auth: Json | undefined;
}

/** The three files as they are now, read with JSON.parse alone (throws if one does not parse). */
export const readFilesNow = (dir: string): FilesNow => ({
	config: readNtnFile(path.join(dir, 'config.json')),
	workspaces: readNtnFile(path.join(dir, 'workspaces.json')),
	auth: readNtnFile(path.join(dir, 'auth.json')),
});

/** The value a key of an `Intent` has in the files. */
export function valueIn(files: FilesNow, key: string): string | undefined {
	const [kind, a, b] = key.split(':') as [string, string, string | undefined];
	if (kind === 'auth') return (files.auth as Record<string, string> | undefined)?.[a];
	if (kind === 'default') return (files.config?.['defaultWorkspaceIds'] as Record<string, string> | undefined)?.[a];
	return (files.workspaces?.['environments'] as Record<string, Entries> | undefined)?.[a]?.[b!]?.name;
}

/** The keys whose value in the files is not what the writer last set them to. */
export function lostKeys(files: FilesNow, intent: Intent): string[] {
	return [...intent].filter(([key, value]) => valueIn(files, key) !== value).map(([key]) => key);
}
