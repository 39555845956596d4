import {describe, expect, it} from 'vitest';
import {clampList, ensureVisible, moveList, windowOf} from '../../../source/ui/state/list.js';

describe('list', () => {
	it('moves the cursor and scrolls only as much as needed', () => {
		let list = {cursor: 0, top: 0};
		list = moveList(list, 'down', 100, 10);
		expect(list).toEqual({cursor: 1, top: 0});
		for (let step = 0; step < 9; step++) list = moveList(list, 'down', 100, 10);
		expect(list).toEqual({cursor: 10, top: 1});
		list = moveList(list, 'up', 100, 10);
		expect(list).toEqual({cursor: 9, top: 1});
	});

	it('pages by one screen less a line, and stops at the ends', () => {
		expect(moveList({cursor: 0, top: 0}, 'page-down', 100, 10)).toEqual({cursor: 9, top: 0});
		expect(moveList({cursor: 9, top: 0}, 'page-down', 100, 10)).toEqual({cursor: 18, top: 9});
		expect(moveList({cursor: 5, top: 0}, 'page-up', 100, 10)).toEqual({cursor: 0, top: 0});
		expect(moveList({cursor: 0, top: 0}, 'last', 100, 10)).toEqual({cursor: 99, top: 90});
		expect(moveList({cursor: 99, top: 90}, 'first', 100, 10)).toEqual({cursor: 0, top: 0});
		expect(moveList({cursor: 99, top: 90}, 'down', 100, 10)).toEqual({cursor: 99, top: 90});
		expect(moveList({cursor: 0, top: 0}, 'down', 0, 10)).toEqual({cursor: 0, top: 0});
	});

	it('keeps cursor and window valid when rows or height change', () => {
		expect(clampList({cursor: 50, top: 45}, 10, 5)).toEqual({cursor: 9, top: 5});
		expect(clampList({cursor: 8, top: 0}, 100, 5)).toEqual({cursor: 8, top: 4});
		expect(windowOf({cursor: 8, top: 0}, 100, 5)).toEqual({start: 4, end: 9});
		expect(ensureVisible(0, 3, 10, 4)).toBe(0);
	});
});
