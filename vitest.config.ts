import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		reporters: ['default', './test/summary-reporter.ts'],
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// Keychain tests share the kernel keyring of one `keyctl session`; files keep them apart.
		pool: 'forks',
	},
});
