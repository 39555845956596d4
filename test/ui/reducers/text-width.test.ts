import {describe, expect, it} from 'vitest';
import {textLines} from '../../../source/ui/state/layout.js';
import {fit, textWidth} from '../../../source/text/index.js';

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

	it('gives a notice as many lines as Ink wraps it to, so that it is shown whole', () => {
		expect(textLines('a'.repeat(80), 80)).toBe(1);
		expect(textLines('a'.repeat(81), 80)).toBe(2);
		expect(textLines('a'.repeat(500), 80)).toBe(7);
		expect(textLines(`${'word '.repeat(15)}end`, 20)).toBe(4);
	});
});
