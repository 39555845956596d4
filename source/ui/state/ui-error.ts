/** A failure as the UI shows it: a message and the fix, never a stack trace. */
export interface UiError {
	readonly code: string;
	readonly message: string;
	readonly fix: string | null;
}

const NOT_IMPLEMENTED_FIX = 'This part of notion-tokens is not available in this build; the other screens still work.';

/** Turns anything thrown by the core into a UiError (duck-typed: the core may come from another bundle). */
export function toUiError(error: unknown): UiError {
	if (typeof error === 'object' && error !== null) {
		const record = error as {code?: unknown; message?: unknown; fix?: unknown; name?: unknown};
		const message = typeof record.message === 'string' && record.message !== '' ? record.message : 'Something went wrong.';
		if (record.name === 'NotionTokensError' && typeof record.code === 'string') {
			const fix = typeof record.fix === 'string' && record.fix !== '' ? record.fix : record.code === 'not-implemented' ? NOT_IMPLEMENTED_FIX : null;
			return {code: record.code, message, fix};
		}
		return {code: 'unexpected', message: firstLine(message), fix: 'This looks like a bug in notion-tokens; please report it with the steps that led here.'};
	}
	return {code: 'unexpected', message: String(error), fix: null};
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;
