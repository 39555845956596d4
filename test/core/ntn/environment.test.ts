import {describe, expect, it} from 'vitest';
import {resolveEnvironment} from '../../../source/core/ntn/environment.js';
import {EXIT, NotionTokensError} from '../../../source/core/shared/errors.js';
import {runNtn} from '../../peer/helpers/ntn.js';

const failure = (run: () => unknown): NotionTokensError => {
	try {
		run();
	} catch (error) {
		if (error instanceof NotionTokensError) return error;
		throw error;
	}
	throw new Error('expected a NotionTokensError');
};

/** The environment the real ntn resolves (`ntn [--env X] debug`), or its exit code when it refuses. */
async function ntnEnvironment(flag: string | undefined, notionEnv: string | undefined): Promise<string | number> {
	const result = await runNtn([...(flag === undefined ? [] : ['--env', flag]), 'debug'], {NOTION_ENV: notionEnv, NOTION_HOME: '/nonexistent'});
	if (result.code !== 0) return result.code;
	return /\*\*Environment:\*\* `([^`]+)`/.exec(result.stdout)![1]!;
}

describe('environment: --env > NOTION_ENV > prod, as ntn resolves it', () => {
	const cases: Array<[string | undefined, string | undefined, string]> = [
		[undefined, undefined, 'prod'],
		[undefined, 'dev', 'dev'],
		[undefined, 'local', 'local'],
		['stg', undefined, 'stg'],
		['local', 'dev', 'local'],
		['prod', 'stg', 'prod'],
	];
	for (const [flag, notionEnv, expected] of cases) {
		it(`--env ${flag ?? '(none)'}, NOTION_ENV=${notionEnv ?? '(unset)'} → ${expected}`, async () => {
			expect(resolveEnvironment(flag, notionEnv === undefined ? {} : {NOTION_ENV: notionEnv})).toBe(expected);
			expect(await ntnEnvironment(flag, notionEnv)).toBe(expected);
		});
	}

	it('anything but local|dev|stg|prod in --env is a usage error listing the values (ntn exits 2 too)', async () => {
		for (const value of ['qa', 'PROD', 'production', ' prod', '']) {
			const error = failure(() => resolveEnvironment(value, {}));
			expect(error.code).toBe('bad-environment');
			expect(error.exitCode).toBe(EXIT.usage);
			expect(error.message).toContain('local, dev, stg, prod');
			expect(error.message).toContain('--env');
			expect(error.fix).toBe('Pass one of: --env local, --env dev, --env stg, --env prod.');
			expect(await ntnEnvironment(value, undefined)).toBe(2);
		}
		expect(failure(() => resolveEnvironment('qa', {})).message).toBe("invalid value 'qa' for --env: possible values are local, dev, stg, prod");
	});

	it('a bad NOTION_ENV is an error naming the variable, even when --env is given, as ntn refuses it then too', async () => {
		for (const [flag, value] of [
			[undefined, 'qa'],
			[undefined, 'Prod'],
			['dev', 'qa'],
		] as const) {
			const error = failure(() => resolveEnvironment(flag, {NOTION_ENV: value}));
			expect(error.message).toBe(`invalid value '${value}' for NOTION_ENV: possible values are local, dev, stg, prod`);
			expect(error.exitCode).toBe(EXIT.usage);
			expect(error.fix).toContain('unset it to use prod');
			expect(await ntnEnvironment(flag, value)).toBe(2);
		}
	});

	it('an empty NOTION_ENV is not "unset": ntn 0.4.0 refuses to run, and so do we, saying why', async () => {
		const error = failure(() => resolveEnvironment(undefined, {NOTION_ENV: ''}));
		expect(error.message).toBe('NOTION_ENV is set but empty: possible values are local, dev, stg, prod');
		expect(error.exitCode).toBe(EXIT.usage);
		expect(await ntnEnvironment(undefined, '')).toBe(2);
		expect(await ntnEnvironment('dev', '')).toBe(2);
		expect(failure(() => resolveEnvironment('', {})).message).toBe('--env needs a value: possible values are local, dev, stg, prod');
	});
});
