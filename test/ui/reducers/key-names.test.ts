import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {keyNames} from '../../../source/ui/input/key-names.js';

const none: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

describe('keyNames', () => {
	it('names special keys as the key map spells them', () => {
		expect(keyNames('', {...none, upArrow: true})).toEqual(['up']);
		expect(keyNames('', {...none, pageDown: true})).toEqual(['pagedown']);
		expect(keyNames('', {...none, return: true})).toEqual(['enter']);
		expect(keyNames('', {...none, escape: true, meta: true})).toEqual(['escape']);
		expect(keyNames('', {...none, tab: true, shift: true})).toEqual(['shift+tab']);
		// Most terminals send DEL (0x7f) for Backspace, which Ink calls `delete`.
		expect(keyNames('', {...none, delete: true})).toEqual(['backspace']);
		expect(keyNames('c', {...none, ctrl: true})).toEqual(['ctrl+c']);
		expect(keyNames('x', {...none, ctrl: true})).toEqual([]);
		expect(keyNames('G', {...none, shift: true})).toEqual(['G']);
	});

	it('splits keys that arrive in one chunk, control characters included', () => {
		expect(keyNames('2j\r', none)).toEqual(['2', 'j', 'enter']);
		expect(keyNames('pro\u007Fd', none)).toEqual(['p', 'r', 'o', 'backspace', 'd']);
		expect(keyNames('a\u0001b', none)).toEqual(['a', 'b']);
	});
});
