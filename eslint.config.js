// ESLint: the recommended rules of ESLint and typescript-eslint (without type information, so the
// lint stays fast), the few project rules below, and the module boundaries
// (scripts/lint-boundaries.mjs): the headless core never uses React, Ink, the UI or the CLI; the
// CLI uses no React or Ink; the CLI, the UI and the entry reach the core only through its index.
import js from '@eslint/js';
import {defineConfig} from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import project from './scripts/lint-boundaries.mjs';

const UI_PACKAGES = ['react', 'react-dom', 'ink', 'ink-*', 'yoga-layout'];
const THROUGH_INDEX = {folders: ['source/core'], except: ['source/core/index.ts']};

export default defineConfig(
	{ignores: ['dist/', 'node_modules/', 'bench/results.json']},
	js.configs.recommended,
	tseslint.configs.recommended,
	{
		languageOptions: {globals: globals.node},
		plugins: {project},
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			// Terminal text is matched and cleaned with control characters on purpose.
			'no-control-regex': 'off',
			// `catch {}` where a failure changes nothing (a best-effort clean-up) is deliberate.
			'no-empty': ['error', {allowEmptyCatch: true}],
			'no-regex-spaces': 'off',
			// Text-width tables list combining marks and variation selectors in classes on purpose.
			'no-misleading-character-class': 'off',
			eqeqeq: ['error', 'always', {null: 'ignore'}],
		},
	},
	{
		// Tests keep the last frame in a variable they may not read again, and read parsed JSON as `any`.
		files: ['test/**'],
		rules: {'no-useless-assignment': 'off', '@typescript-eslint/no-explicit-any': 'off'},
	},
	{
		files: ['source/core/**'],
		rules: {'project/boundaries': ['error', {packages: UI_PACKAGES, folders: ['source/ui', 'source/cli', 'cli.tsx']}]},
	},
	{
		files: ['source/cli/**'],
		rules: {'project/boundaries': ['error', {packages: UI_PACKAGES, folders: ['source/ui', ...THROUGH_INDEX.folders], except: THROUGH_INDEX.except}]},
	},
	{
		// The presentation shared by the CLI and the UI: no React or Ink, neither of them, the core's index only.
		files: ['source/text/**'],
		rules: {
			'project/boundaries': [
				'error',
				{packages: UI_PACKAGES, folders: ['source/ui', 'source/cli', 'cli.tsx', ...THROUGH_INDEX.folders], except: THROUGH_INDEX.except},
			],
		},
	},
	{
		files: ['source/ui/**', 'cli.tsx'],
		rules: {'project/boundaries': ['error', THROUGH_INDEX]},
	},
);
