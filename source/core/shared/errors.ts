/**
 * Every failure the user can cause or fix is a `NotionTokensError`: a stable `code`, a message that
 * names the file or value at fault, a one-line `fix`, and the exit code the CLI ends with.
 * Messages never contain a token (see `secret.ts`).
 */
export const EXIT = {
	ok: 0,
	/** Something needs attention: problems found, tokens expiring, a check failed, a prompt declined. */
	attention: 1,
	/** The command line was wrong: unknown command or flag, bad value, missing `--yes` off a terminal. */
	usage: 2,
	/** The command could not do its work: unreadable file, keychain unavailable, unknown workspace. */
	failure: 3,
	/** Interrupted with Ctrl+C. */
	interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class NotionTokensError extends Error {
	override readonly name = 'NotionTokensError';
	readonly code: string;
	readonly fix: string | undefined;
	readonly exitCode: ExitCode;
	/** The file at fault, when there is one. */
	readonly file: string | undefined;

	constructor(code: string, message: string, options: {fix?: string; exitCode?: ExitCode; file?: string} = {}) {
		super(message);
		this.code = code;
		this.fix = options.fix;
		this.exitCode = options.exitCode ?? EXIT.failure;
		this.file = options.file;
	}
}

export const isNotionTokensError = (error: unknown): error is NotionTokensError => error instanceof NotionTokensError;
