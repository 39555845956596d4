/**
 * Generated hostile versions of ntn's three files. Every case is either broken in a way ntn's own
 * parser also refuses (or that notion-tokens refuses on purpose: deeper than 128 levels, larger
 * than 16 MB, a dangling link), so that notion-tokens must report it and change nothing; or
 * `valid`: odd but well-formed (keys such as "__proto__", huge names, unknown fields, a repeated
 * map key, which ntn reads as its last value), which every operation must handle and keep.
 */
import type {Random} from './mode.js';

export type Target = 'config.json' | 'workspaces.json' | 'auth.json';
export const TARGETS: readonly Target[] = ['config.json', 'workspaces.json', 'auth.json'];

export type Special = 'directory' | 'fifo' | 'symlink-dangling' | 'symlink-loop' | 'symlink-to-directory' | 'symlink-to-device' | 'symlink-valid';

export interface HostileCase {
	kind: string;
	target: Target;
	/** The bytes put at the target's path (absent for the `special` cases). */
	content?: Buffer;
	special?: Special;
	/** Well-formed: operations must succeed and keep it. */
	valid?: boolean;
	/** Keys the file must still hold after notion-tokens rewrote it (valid cases). */
	keep?: string[];
}

export const WS_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const WS_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

export interface Baseline {
	config: Record<string, unknown>;
	workspaces: Record<string, unknown>;
	auth: Record<string, string>;
}

export const baseline = (tokenA: string, tokenB: string): Baseline => ({
	config: {version: '1', defaultWorkspaceIds: {prod: WS_A}},
	workspaces: {
		version: '1',
		environments: {prod: {[WS_A]: {id: WS_A, name: 'Alpha'}, [WS_B]: {id: WS_B, name: 'Beta'}}},
	},
	auth: {[WS_A]: tokenA, [WS_B]: tokenB},
});

const json = (value: unknown) => JSON.stringify(value, null, 2);
const keyOf = (target: Target) => target.replace('.json', '') as keyof Baseline;

/** Values of every JSON type but the one expected. */
const wrongValues = (expected: 'string' | 'object'): unknown[] =>
	[1, -0.5, 1e300, true, false, null, [], ['x'], 'x', {}, {a: 1}].filter(value =>
		expected === 'string' ? typeof value !== 'string' : typeof value !== 'object' || value === null || Array.isArray(value),
	);

/** The baseline with one validated place replaced by a wrong type (or removed when required). */
function wrongType(rng: Random, target: Target, base: Baseline): unknown {
	const value = structuredClone(base[keyOf(target)]) as Record<string, unknown>;
	const top = rng.pick([1, 'x', null, true, [], [value]]);
	if (rng.chance(0.1)) return top;
	if (target === 'config.json') {
		const place = rng.pick(['version', 'missing-version', 'defaults', 'default-value']);
		if (place === 'version') value['version'] = rng.pick(wrongValues('string'));
		else if (place === 'missing-version') delete value['version'];
		else if (place === 'defaults') value['defaultWorkspaceIds'] = rng.pick(wrongValues('object'));
		else (value['defaultWorkspaceIds'] as Record<string, unknown>)[rng.pick(['prod', 'dev', 'zz'])] = rng.pick(wrongValues('string'));
		return value;
	}
	if (target === 'workspaces.json') {
		const environments = value['environments'] as Record<string, Record<string, Record<string, unknown>>>;
		const entry = environments['prod']![rng.pick([WS_A, WS_B])]!;
		const place = rng.pick(['version', 'missing-version', 'environments', 'missing-environments', 'env', 'entry', 'id', 'name', 'missing-id', 'missing-name']);
		if (place === 'version') value['version'] = rng.pick(wrongValues('string'));
		else if (place === 'missing-version') delete value['version'];
		else if (place === 'environments') value['environments'] = rng.pick(wrongValues('object'));
		else if (place === 'missing-environments') delete value['environments'];
		else if (place === 'env') (environments as Record<string, unknown>)[rng.pick(['prod', 'dev'])] = rng.pick(wrongValues('object'));
		else if (place === 'entry') (environments['prod'] as Record<string, unknown>)[WS_B] = rng.pick(wrongValues('object'));
		else if (place === 'id' || place === 'name') entry[place] = rng.pick(wrongValues('string'));
		else delete entry[place === 'missing-id' ? 'id' : 'name'];
		return value;
	}
	value[rng.pick([WS_A, WS_B, 'extra'])] = rng.pick(wrongValues('string'));
	return value;
}

/** The baseline text with `line` (a key at some indent) repeated just before itself, with `value`. */
function repeatKey(text: string, line: string, value: string): string {
	const at = text.indexOf(line);
	return `${text.slice(0, at)}${line}${value},${text.slice(at)}`;
}

/** A struct field of ntn's files repeated: serde refuses it ("duplicate field"). */
function duplicateField(rng: Random, target: Target, base: Baseline): string {
	const text = json(base[keyOf(target)]);
	const value = rng.pick(['"1"', '{}', '1', 'null']);
	if (target === 'config.json') return repeatKey(text, `\n  "${rng.pick(['version', 'defaultWorkspaceIds'])}": `, value);
	if (rng.chance(0.5)) return repeatKey(text, `\n  "${rng.pick(['version', 'environments'])}": `, value);
	return repeatKey(text, `\n        "${rng.pick(['id', 'name'])}": `, value);
}

/** A map key repeated before itself: serde and JSON.parse keep the last, so the file stays valid. */
function duplicateMapKey(rng: Random, target: Target, base: Baseline): string {
	const text = json(base[keyOf(target)]);
	const value = rng.pick(['"dup"', '{}', '1', 'null', '[]']);
	if (target === 'config.json') return repeatKey(text, '\n    "prod": ', value);
	if (target === 'auth.json') return repeatKey(text, `\n  "${rng.pick([WS_A, WS_B])}": `, value);
	return repeatKey(text, rng.chance(0.3) ? '\n    "prod": ' : `\n      "${rng.pick([WS_A, WS_B])}": `, value);
}

/** Well-formed files with keys and values that trip careless code; all must be kept. */
function oddButValid(rng: Random, target: Target, base: Baseline): {value: unknown; keep: string[]} {
	const odd = rng.pick([
		'__proto__',
		'constructor',
		'toString',
		'hasOwnProperty',
		'',
		' ',
		'\u0000',
		'é\u0301',
		'🚀',
		'\u202e',
		'x'.repeat(rng.between(1000, 20000)),
		'a"b\\c',
		'\n',
	]);
	const value = structuredClone(base[keyOf(target)]) as Record<string, unknown>;
	if (target === 'config.json') {
		Object.defineProperty(value['defaultWorkspaceIds'], odd, {value: rng.pick([WS_B, odd]), enumerable: true, writable: true, configurable: true});
		Object.defineProperty(value, `${odd}-unknown`, {
			value: rng.pick([[1, {a: null}], 'text', {nested: {odd}}]),
			enumerable: true,
			writable: true,
			configurable: true,
		});
		return {value, keep: [odd]};
	}
	if (target === 'workspaces.json') {
		const environments = value['environments'] as Record<string, unknown>;
		Object.defineProperty(environments, odd, {value: {[odd]: {id: odd, name: odd}}, enumerable: true, writable: true, configurable: true});
		(environments['prod'] as Record<string, Record<string, unknown>>)[WS_B]!['name'] = `Beta ${odd}`;
		return {value, keep: [odd]};
	}
	Object.defineProperty(value, odd, {value: `token-for-${odd}`, enumerable: true, writable: true, configurable: true});
	return {value, keep: [odd]};
}

const INVALID_UTF8 = [[0xff], [0xfe], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];

/** One generated case. `big` allows the 10 MB and 17 MB kinds. */
export function generateCase(rng: Random, base: Baseline, options: {big: boolean}): HostileCase {
	const target = rng.pick(TARGETS);
	const text = json(base[keyOf(target)]);
	const kinds = [
		'random-bytes',
		'random-bytes',
		'truncated',
		'invalid-utf8',
		'bom',
		'deep-nesting',
		'wrong-type',
		'wrong-type',
		'duplicate-field',
		'duplicate-map-key',
		'odd-valid',
		'odd-valid',
		'garbage-around',
		'special',
	];
	let kind = options.big ? rng.pick(['10mb', '10mb', '17mb']) : rng.pick(kinds);
	if (kind === 'duplicate-field' && target === 'auth.json') kind = 'wrong-type'; // auth.json is a map: no fields
	switch (kind) {
		case 'random-bytes': {
			const bytes = rng.bytes(rng.chance(0.3) ? rng.between(1, 16) : rng.between(17, 4096));
			// Random bytes that happen to be acceptable JSON of the right shape would not be hostile.
			if (/^\s*\{\s*\}\s*$/.test(bytes.toString('latin1'))) bytes[0] = 0xff;
			return {kind, target, content: bytes};
		}
		case 'truncated':
			return {kind, target, content: Buffer.from(text.slice(0, rng.between(rng.chance(0.05) ? 0 : 1, text.length - 1)))};
		case 'invalid-utf8': {
			const at = text.indexOf(rng.pick(['Alpha', 'Beta', '"1"', 'prod'].filter(word => text.includes(word)))) + 1;
			const bytes = Buffer.from(rng.pick(INVALID_UTF8));
			return {kind, target, content: Buffer.concat([Buffer.from(text.slice(0, at)), bytes, Buffer.from(text.slice(at))])};
		}
		case 'bom':
			return {kind, target, content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])};
		case 'deep-nesting': {
			const depth = rng.pick([129, 130, 500, 5000, 100_000]);
			const open = rng.chance(0.5) ? '[' : '{"a":';
			const close = open === '[' ? ']' : '}';
			const shape = rng.pick(['unclosed', 'closed-top', 'closed-unknown-field']);
			if (shape === 'unclosed') return {kind, target, content: Buffer.from(open.repeat(depth))};
			const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
			if (shape === 'closed-top') return {kind, target, content: Buffer.from(deep)};
			// ntn ignores unknown fields however deep; notion-tokens refuses to copy them (stack depth).
			return {kind, target, content: Buffer.from(`${text.slice(0, -1)},\n  "extra": ${deep}\n}`)};
		}
		case 'wrong-type':
			return {kind, target, content: Buffer.from(json(wrongType(rng, target, base)))};
		case 'duplicate-field':
			return {kind, target, content: Buffer.from(duplicateField(rng, target, base))};
		case 'duplicate-map-key':
			return {kind, target, content: Buffer.from(duplicateMapKey(rng, target, base)), valid: true};
		case 'garbage-around':
			return {
				kind,
				target,
				content: Buffer.from(
					rng.pick([`${text}x`, `${text}}`, `${text}\n{}`, `//c\n${text}`, `${text.replace(/\n}$/, ',\n}')}`, text.replace(/"/g, "'"), `\u0000${text}`]),
				),
			};
		case 'odd-valid': {
			const {value, keep} = oddButValid(rng, target, base);
			return {kind, target, content: Buffer.from(json(value)), valid: true, keep};
		}
		case '10mb': {
			const pad = ' '.repeat(10 * 1024 * 1024);
			const content = rng.pick([
				`${pad}garbage`,
				`{"version": 1, "pad": "${'x'.repeat(10 * 1024 * 1024)}"}`,
				`[${'"x",'.repeat(2 * 1024 * 1024)}"x"]`,
				`${text.slice(0, -1)}, "pad": "${'y'.repeat(10 * 1024 * 1024)}"`,
			]);
			return {kind, target, content: Buffer.from(content)};
		}
		case '17mb':
			return {kind, target, content: Buffer.from(`${text.slice(0, -1)}, "pad": "${'z'.repeat(17 * 1024 * 1024)}"}`)};
		default: {
			const special = rng.pick<Special>([
				'directory',
				'fifo',
				'symlink-dangling',
				'symlink-loop',
				'symlink-to-directory',
				'symlink-to-device',
				'symlink-valid',
				'symlink-valid',
			]);
			return {kind: special, target, special, valid: special === 'symlink-valid'};
		}
	}
}

/**
 * Names and messages that try to drive the terminal: set the window title, clear the screen and
 * scrollback, open a link never closed, write the clipboard, split rows with CR/LF, reorder text
 * with bidi controls, and the same through C1 controls. Each must be shown, escaped, as text.
 */
export const HOSTILE_TEXTS = {
	title: 'Title \u001B]0;PWNED\u0007',
	clear: 'Clear \u001B[2J\u001B[3J',
	link: 'Link \u001B]8;;https://evil.example/\u001B\\click',
	clipboard: 'Clip \u001B]52;c;cHduZWQ=\u0007',
	rows: 'Row\r\nsplit\rover',
	bidi: 'Bidi \u202Eevil\u202C \u2066x\u2069',
	c1: 'C1 \u009B31m\u009D0;t\u009C',
	bell: 'Bell\u0007\u007F',
} as const;

export const HOSTILE_IDS = {
	plain: [
		'a0000000-0000-4000-8000-00000000000a',
		'b0000000-0000-4000-8000-00000000000b',
		'c0000000-0000-4000-8000-00000000000c',
		'd0000000-0000-4000-8000-00000000000d',
	],
	/** An id (a key of workspaces.json and auth.json, and the default in config.json) with controls. */
	hostile: 'e0000000-\u001B]0;ID\u0007',
	dev: 'f0000000-0000-4000-8000-00000000000f',
} as const;

/** A token whose masked form (first 4, last 4) holds an escape sequence. */
export const HOSTILE_TOKEN = `ntn_${'x'.repeat(40)}\u001B[2J`;

/** ntn's three files with every name hostile, a hostile id as the default, and its token hostile. */
export function hostileNtnFiles(tokens: {a: string; b: string}): Baseline {
	const [a, b, c, d] = HOSTILE_IDS.plain;
	const names: Array<[string, string]> = [
		[a!, HOSTILE_TEXTS.title],
		[b!, HOSTILE_TEXTS.clear],
		[c!, HOSTILE_TEXTS.link],
		[d!, HOSTILE_TEXTS.clipboard],
		[HOSTILE_IDS.hostile, HOSTILE_TEXTS.rows],
	];
	return {
		config: {version: '1', defaultWorkspaceIds: {prod: HOSTILE_IDS.hostile, dev: HOSTILE_IDS.dev}},
		workspaces: {
			version: '1',
			environments: {
				prod: Object.fromEntries(names.map(([id, name]) => [id, {id, name}])),
				dev: {[HOSTILE_IDS.dev]: {id: HOSTILE_IDS.dev, name: HOSTILE_TEXTS.bidi}},
			},
		},
		auth: {
			[a!]: tokens.a,
			[b!]: tokens.b,
			[HOSTILE_IDS.hostile]: HOSTILE_TOKEN,
			[HOSTILE_IDS.dev]: `${HOSTILE_TEXTS.c1}${'y'.repeat(30)}${HOSTILE_TEXTS.bell}`,
		},
	};
}

/** Our own styling: SGR bold, dim, normal intensity, red, green, yellow, cyan, default colour. */
const OWN_STYLE = /\u001B\[(?:1|2|22|31|32|33|36|39)m/g;
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/** The controls in `text` (LF aside) that are not our own styling, escaped for a message. */
export const foreignControls = (text: string): string[] =>
	[...text.replace(OWN_STYLE, '').matchAll(CONTROL)].map(match => `\\u${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${match.index}`);
