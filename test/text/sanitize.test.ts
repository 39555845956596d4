import {describe, expect, it} from 'vitest';
import {isClean, sanitize} from '../../source/text/sanitize.js';

describe('sanitize', () => {
	it('shows every control, DEL, C1 and bidi control escaped, and leaves other text as it is', () => {
		expect(sanitize('Title \u001B]0;PWNED\u0007')).toBe('Title \\x1b]0;PWNED\\x07');
		expect(sanitize('\u001B[2J\u001B[3J')).toBe('\\x1b[2J\\x1b[3J');
		expect(sanitize('\u001B]8;;https://evil.example\u001B\\link')).toBe('\\x1b]8;;https://evil.example\\x1b\\link');
		expect(sanitize('\u001B]52;c;cHduZWQ=\u0007')).toBe('\\x1b]52;c;cHduZWQ=\\x07');
		expect(sanitize('one\r\ntwo\tthree')).toBe('one\\r\\ntwo\\tthree');
		expect(sanitize('\u0000\u007F\u0080\u009B\u009D')).toBe('\\x00\\x7f\\x80\\x9b\\x9d');
		expect(sanitize('abc\u202Eevil\u202C \u2066x\u2069 \u200E\u200F\u061C')).toBe('abc\\u202eevil\\u202c \\u2066x\\u2069 \\u200e\\u200f\\u061c');
		expect(sanitize('line\u2028next\u2029')).toBe('line\\u2028next\\u2029');
		for (const text of ['Acme', '設計チーム', '👨‍👩‍👧 🇫🇷 e\u0301', 'a\\x1b', '']) {
			expect(sanitize(text)).toBe(text);
			expect(isClean(text)).toBe(true);
		}
	});

	it('is idempotent, and what it gives holds no control at all', () => {
		const every = Array.from({length: 0x2100}, (_, code) => String.fromCharCode(code)).join('');
		const once = sanitize(every);
		expect(sanitize(once)).toBe(once);
		expect(isClean(once)).toBe(true);
		expect(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(once)).toBe(false);
	});
});
