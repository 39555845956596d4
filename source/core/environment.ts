import {NotionTokensError, EXIT} from './errors.js';
import {ENVIRONMENTS, type Environment} from './types.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** A variable counts as set only when it is non-empty, as in ntn. */
export const envValue = (env: Env, name: string): string | undefined => {
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
};

export const isEnvironment = (value: string): value is Environment =>
	(ENVIRONMENTS as readonly string[]).includes(value);

/** `--env` > `NOTION_ENV` > `prod`, exactly ntn's values and nothing else (no case folding). */
export function resolveEnvironment(flag: string | undefined, env: Env): Environment {
	const fromFlag = flag !== undefined;
	const value = fromFlag ? flag : (envValue(env, 'NOTION_ENV') ?? 'prod');
	if (isEnvironment(value)) return value;
	const source = fromFlag ? '--env' : 'NOTION_ENV';
	throw new NotionTokensError(
		'bad-environment',
		`invalid value '${value}' for ${source}: possible values are ${ENVIRONMENTS.join(', ')}`,
		{
			fix: fromFlag
				? `Pass one of: ${ENVIRONMENTS.map(name => `--env ${name}`).join(', ')}.`
				: `Set NOTION_ENV to one of ${ENVIRONMENTS.join(', ')}, or unset it to use prod.`,
			exitCode: EXIT.usage,
		},
	);
}
