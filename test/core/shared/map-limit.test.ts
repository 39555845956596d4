import {describe, expect, it} from 'vitest';
import {mapLimit} from '../../../source/core/shared/map-limit.js';

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('mapLimit', () => {
	it('keeps the order of the items and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (item, index) => {
			running++;
			peak = Math.max(peak, running);
			for (let i = 0; i < item; i++) await tick();
			running--;
			return `${index}:${item}`;
		});
		expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0']);
		expect(peak).toBe(2);
	});

	it('handles an empty list and a limit below 1', async () => {
		expect(await mapLimit([], 4, async () => 1)).toEqual([]);
		expect(await mapLimit([1, 2], 0, async item => item * 2)).toEqual([2, 4]);
	});

	it('rejects with the first error and starts nothing after it', async () => {
		const started: number[] = [];
		const promise = mapLimit([1, 2, 3, 4], 1, async item => {
			started.push(item);
			if (item === 2) throw new Error('boom');
			return item;
		});
		await expect(promise).rejects.toThrow('boom');
		expect(started).toEqual([1, 2]);
	});
});
