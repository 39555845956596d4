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
