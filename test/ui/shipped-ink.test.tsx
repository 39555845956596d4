/**
 * The UI tests render with the Ink that ships: the changes the bundle makes to Ink and yoga
 * (scripts/ink-plugins.mjs) apply here too. Ink and yoga are loaded only after the spies are set.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';

const dev = process.env['DEV'];
afterEach(() => {
	if (dev === undefined) delete process.env['DEV'];
	else process.env['DEV'] = dev;
	vi.restoreAllMocks();
});

describe('the Ink the UI tests render with', () => {
	it('is the shipped one: yoga loads without fetch, and DEV=true connects no devtools', async () => {
		process.env['DEV'] = 'true';
		const fetch = vi.spyOn(globalThis, 'fetch');
		const warn = vi.spyOn(console, 'warn');
		const {renderApp} = await import('./helpers/render-app.js');
		const {seedUiHome, uuid} = await import('./helpers/seed.js');
		const {core} = await seedUiHome({environments: {prod: [[uuid('a'), 'Alpha']]}, defaults: {prod: uuid('a')}});
		await renderApp(core).waitFor('❯ ★ Alpha');
		expect(fetch).not.toHaveBeenCalled();
		expect(warn.mock.calls.flat().join('\n')).not.toMatch(/devtools/i);
	});
});
