import {defineConfig} from 'vitest/config';
// @ts-expect-error: a build script in plain JavaScript, without types.
import {inkChangesForVite} from './scripts/ink-plugins.mjs';

export default defineConfig({
	// The UI tests render with the Ink that ships: the bundle's changes to Ink, yoga,
	// ansi-tokenize and string-width, applied to their modules (inlined, so that they go through
	// this plugin; ink-testing-library with them, so that there is one Ink).
	plugins: [inkChangesForVite()],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		reporters: ['default', './test/summary-reporter.ts'],
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// Keychain tests share the kernel keyring of one `keyctl session`; files keep them apart.
		pool: 'forks',
		server: {deps: {inline: ['ink', 'ink-testing-library', 'yoga-layout', '@alcalzone/ansi-tokenize', 'string-width']}},
	},
});
