import {describe, expect, it} from 'vitest';
import {textLines} from '../../../source/ui/state/layout.js';
import {fit, textWidth} from '../../../source/ui/text-width.js';

describe('text width', () => {
	it('counts wide characters twice and combining marks not at all', () => {
		expect(textWidth('Acme')).toBe(4);
		expect(textWidth('設計チーム')).toBe(10);
		expect(textWidth('Émile')).toBe(5);
		expect(textWidth('e\u0301')).toBe(1);
		expect(textWidth('🚀 Launch')).toBe(9);
	});

	it('cuts and pads to an exact width', () => {
		expect(fit('Acme', 6)).toBe('Acme  ');
		expect(fit('Engineering Wiki', 8)).toBe('Enginee…');
		expect(fit('設計チーム', 6)).toBe('設計… ');
		expect(textWidth(fit('設計チーム', 6))).toBe(6);
		expect(fit('x', 0)).toBe('');
	});

	it('gives a notice two lines only when it does not fit in one', () => {
		expect(textLines('a'.repeat(80), 80)).toBe(1);
		expect(textLines('a'.repeat(81), 80)).toBe(2);
		expect(textLines('a'.repeat(500), 80)).toBe(2);
	});
});
