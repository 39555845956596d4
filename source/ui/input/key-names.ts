import type {Key} from 'ink';

/**
 * Names a key press the way the key map spells keys: `up`, `enter`, `escape`, `tab`, `shift+tab`,
 * `backspace`, `ctrl+c`, or the character itself (`j`, `G`, `?`). Several characters arriving at
 * once (a paste, or fast typing) become one name each. Other control keys give nothing.
 */
export function keyNames(input: string, key: Key): string[] {
	if (key.ctrl && input === 'c') return ['ctrl+c'];
	if (key.upArrow) return ['up'];
	if (key.downArrow) return ['down'];
	if (key.pageUp) return ['pageup'];
	if (key.pageDown) return ['pagedown'];
	if (key.home) return ['home'];
	if (key.end) return ['end'];
	if (key.return) return ['enter'];
	if (key.escape) return ['escape'];
	if (key.tab) return [key.shift ? 'shift+tab' : 'tab'];
	if (key.backspace || key.delete) return ['backspace'];
	if (key.ctrl || key.meta || key.leftArrow || key.rightArrow) return [];
	const names: string[] = [];
	for (const character of input) {
		const control = CONTROL[character];
		if (control) names.push(control);
		else if (character >= ' ') names.push(character);
	}
	return names;
}

/** Control characters inside a chunk of several keys (fast typing arrives as one chunk). */
const CONTROL: Record<string, string> = {
	'\r': 'enter',
	'\n': 'enter',
	'\t': 'tab',
	'\u007F': 'backspace',
	'\b': 'backspace',
	'\u0003': 'ctrl+c',
};
