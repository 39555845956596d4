/**
 * Untrusted text (names, ids and messages from ntn's files or from Notion) is data, never terminal
 * control: every C0 and C1 control, ESC, DEL, the line and paragraph separators and the bidi
 * controls that reorder what follows are shown as an escaped form (`\x1b`, `\n`, `\u202e`), so a
 * name can neither move the cursor, set the title, write the clipboard, open a link, split a row
 * nor hide text. `--json` never needs this: JSON escapes every control itself.
 */

// C0 (and so ESC, CR, LF, TAB, BEL), DEL and C1; ALM; LRM, RLM; LRE…RLO; LRI…PDI; LS, PS.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;
const EVERY_UNSAFE = new RegExp(UNSAFE.source, 'g');

const NAMED: Readonly<Record<string, string>> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

const escaped = (character: string): string => {
	const named = NAMED[character];
	if (named) return named;
	const code = character.codePointAt(0)!;
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** The text with every control shown escaped; text without one is returned as it is. */
export function sanitize(text: string): string {
	return UNSAFE.test(text) ? text.replace(EVERY_UNSAFE, escaped) : text;
}

/** True when the text holds nothing `sanitize` would escape. */
export const isClean = (text: string): boolean => !UNSAFE.test(text);

/**
 * `value` with every string in it (through arrays and plain objects, keys included) sanitised, for
 * printing a result as text. What holds nothing to escape is returned as it is, not copied.
 */
export function sanitizeDeep<T>(value: T): T {
	if (typeof value === 'string') return sanitize(value) as T;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		value.forEach((item, index) => {
			const clean = sanitizeDeep(item);
			if (clean !== item) (copy ??= [...value])[index] = clean;
		});
		return (copy ?? value) as T;
	}
	if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
	let changed = false;
	const entries = Object.entries(value).map(([key, item]) => {
		const cleanKey = sanitize(key);
		const clean = sanitizeDeep(item);
		if (clean !== item || cleanKey !== key) changed = true;
		return [cleanKey, clean] as const;
	});
	return changed ? (Object.fromEntries(entries) as T) : value;
}

// What JSON.stringify leaves raw although a terminal would act on it: DEL, C1, bidi controls, LS, PS.
const RAW_IN_JSON = /[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text with DEL, C1 and bidi controls written as `\u` escapes (JSON.stringify escapes only
 * C0): the same value when parsed, and nothing a terminal would act on when printed.
 */
export const terminalSafeJson = (json: string): string =>
	json.replace(RAW_IN_JSON, character => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
