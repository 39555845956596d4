import {NotionTokensError, EXIT} from '../shared/errors.js';
import {ENVIRONMENTS, type Environment} from '../shared/types.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable counts as set only when it is non-empty, as in ntn. */
export const envValue = (env: Env, name: string): string | undefined => {
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
};

export const isEnvironment = (value: string): value is Environment => (ENVIRONMENTS as readonly string[]).includes(value);

/**
 * `--env` > `NOTION_ENV` > `prod`, exactly ntn's values and nothing else (no case folding). As in
 * ntn 0.4.0, a NOTION_ENV that is set is checked even when `--env` is given, and an empty one is
 * an error, not "unset": ntn refuses to run at all with either, so we say so instead of guessing.
 */
export function resolveEnvironment(flag: string | undefined, env: Env): Environment {
	const variable = env['NOTION_ENV'];
	if (variable !== undefined && !isEnvironment(variable)) throw badEnvironment(variable, 'NOTION_ENV');
	const value = flag ?? variable ?? 'prod';
	if (isEnvironment(value)) return value;
	throw badEnvironment(value, '--env');
}

function badEnvironment(value: string, source: '--env' | 'NOTION_ENV'): NotionTokensError {
	const values = ENVIRONMENTS.join(', ');
	return new NotionTokensError(
		'bad-environment',
		value === ''
			? `${source === '--env' ? '--env needs a value' : 'NOTION_ENV is set but empty'}: possible values are ${values}`
			: `invalid value '${value}' for ${source}: possible values are ${values}`,
		{
			fix:
				source === '--env'
					? `Pass one of: ${ENVIRONMENTS.map(name => `--env ${name}`).join(', ')}.`
					: `Set NOTION_ENV to one of ${values}, or unset it to use prod (ntn refuses to run with this value too).`,
			exitCode: EXIT.usage,
		},
	);
}
