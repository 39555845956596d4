import {inspect} from 'node:util';

/**
 * Masks a token for display: the first 4 and last 4 characters, never more. Tokens of 16 characters
 * or fewer show only their length, so that at most half of a short secret could ever be seen.
 */
export function maskToken(token: string): string {
	if (token.length <= 16) return `•••• (${token.length} chars)`;
	return `${token.slice(0, 4)}…${token.slice(-4)}`;
}

/**
 * A token held in memory. It can only be read through `reveal()`; converting it to a string, to
 * JSON or through `util.inspect` (console.log, error messages) gives the masked form.
 */
export class Secret {
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
		rememberToken(value);
	}

	reveal(): string {
		return this.#value;
	}

	get masked(): string {
		return maskToken(this.#value);
	}

	equals(other: Secret): boolean {
		return other.#value === this.#value;
	}

	toString(): string {
		return this.masked;
	}

	toJSON(): string {
		return this.masked;
	}

	[inspect.custom](): string {
		return `Secret(${this.masked})`;
	}
}

/** Replaces every occurrence of the given tokens in `text` by their masked form. */
export function redact(text: string, secrets: Iterable<Secret | string>): string {
	let result = text;
	for (const secret of secrets) {
		const value = typeof secret === 'string' ? secret : secret.reveal();
		if (value.length >= 8) result = result.split(value).join(maskToken(value));
	}
	return result;
}

// ---- Scrubbing text from outside ----

/** The shortest piece of a token that is never let through from outside text. */
export const TOKEN_PIECE = 12;

/** Every token this process has held (each Secret's value, each token the inventory masked). */
const knownTokens = new Set<string>();
/** Every piece of every known token, and a token it belongs to; built when text is first scrubbed. */
const knownPieces = new Map<string, string>();
let indexedTokens = 0;

/** Adds a token to those that `scrubTokens` removes from text that comes from outside. */
export function rememberToken(token: string): void {
	if (token.length >= TOKEN_PIECE) knownTokens.add(token);
}

function indexPieces(): void {
	if (indexedTokens === knownTokens.size) return;
	let position = 0;
	for (const token of knownTokens) {
		if (position++ < indexedTokens) continue;
		// The token id (segment 2 of ntn's tokens) is public: ntn prints it and Notion lists it as the
		// token's `id`. Pieces lying wholly inside it are let through.
		const idStart = token.indexOf('.') + 1;
		const idEnd = idStart === 0 ? -1 : token.indexOf('.', idStart);
		for (let start = 0; start + TOKEN_PIECE <= token.length; start++) {
			if (idEnd > idStart && start >= idStart && start + TOKEN_PIECE <= idEnd) continue;
			knownPieces.set(token.slice(start, start + TOKEN_PIECE), token);
		}
	}
	indexedTokens = knownTokens.size;
}

/**
 * Text from outside (Notion's answers), with every stretch made of 12-character pieces of any token
 * this process holds replaced: by the token's masked form when the stretch is a whole token, else
 * by `••••`. A server may echo any token back, in any field, not only the one it was sent.
 */
export function scrubTokens(text: string): string {
	if (text.length < TOKEN_PIECE || knownTokens.size === 0) return text;
	indexPieces();
	// Whole tokens first, so that a token whose public id is let through is still masked as one.
	const found = new Set<string>();
	for (let start = 0; start + TOKEN_PIECE <= text.length; start++) {
		const token = knownPieces.get(text.slice(start, start + TOKEN_PIECE));
		if (token !== undefined) found.add(token);
	}
	if (found.size === 0) return text;
	for (const token of found) text = text.split(token).join(maskToken(token));
	return scrubPieces(text);
}

/** Every stretch made of pieces of known tokens, replaced by `••••`. */
function scrubPieces(text: string): string {
	let out = '';
	let copied = 0;
	let runStart = -1;
	let runEnd = -1;
	const closeRun = () => {
		out += `${text.slice(copied, runStart)}••••`;
		copied = runEnd;
	};
	for (let start = 0; start + TOKEN_PIECE <= text.length; start++) {
		if (!knownPieces.has(text.slice(start, start + TOKEN_PIECE))) continue;
		if (runStart < 0 || start > runEnd) {
			if (runStart >= 0) closeRun();
			runStart = start;
		}
		runEnd = start + TOKEN_PIECE;
	}
	if (runStart < 0) return text;
	closeRun();
	return out + text.slice(copied);
}

/** Parsed JSON from outside with every string value in it scrubbed, in place (any depth). */
export function scrubJson(value: unknown): unknown {
	if (typeof value === 'string') return scrubTokens(value);
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const item = pending.pop();
		if (typeof item !== 'object' || item === null) continue;
		const record = item as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const child = record[key];
			if (typeof child === 'string') record[key] = scrubTokens(child);
			else if (typeof child === 'object' && child !== null) pending.push(child);
		}
	}
	return value;
}
