/**
 * Terminal width of text, for rows drawn as one line of text (a Box per cell would cost a layout
 * node each, which matters with long lists). East Asian wide characters and emoji take two
 * columns, combining marks and zero-width characters none.
 */

const ZERO_WIDTH = /[\u0300-\u036F\u200B-\u200F\u20D0-\u20FF\uFE00-\uFE0F\uFE20-\uFE2F]/u;
const WIDE =
	/[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]|\p{Emoji_Presentation}/u;

export function charWidth(character: string): number {
	const code = character.codePointAt(0) ?? 0;
	if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
	if (code < 0x300) return 1;
	if (ZERO_WIDTH.test(character)) return 0;
	return WIDE.test(character) ? 2 : 1;
}

export function textWidth(text: string): number {
	let width = 0;
	for (const character of text) width += charWidth(character);
	return width;
}

/** Cuts `text` to `width` columns (ending in `…` when cut) and pads it with spaces to exactly `width`. */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	let used = 0;
	let result = '';
	const full = textWidth(text);
	if (full <= width) return text + ' '.repeat(width - full);
	for (const character of text) {
		const size = charWidth(character);
		if (used + size > width - 1) break;
		result += character;
		used += size;
	}
	return `${result}…${' '.repeat(Math.max(0, width - used - 1))}`;
}
