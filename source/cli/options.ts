/**
 * The options a command may take, each with the words its help shows. A command's entry in the
 * command table lists the ones it accepts; node's parseArgs refuses any other.
 */
export interface OptionSpec {
	type: 'boolean' | 'string';
	short?: string;
	/** How the value is shown in help, e.g. `<days>` (string options). */
	value?: string;
	description: string;
}

export const json: OptionSpec = {type: 'boolean', description: 'machine-readable output'};
export const allEnvs: OptionSpec = {type: 'boolean', description: 'every environment, not only the current one'};
export const within: OptionSpec = {type: 'string', value: '<days>', description: 'expiry warning window, e.g. 14d or 2w (default: saved, 30d)'};
export const yes: OptionSpec = {type: 'boolean', short: 'y', description: 'confirm without asking (needed off a terminal)'};

/** Taken by every command. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
	env: {type: 'string', value: '<local|dev|stg|prod>', description: 'environment (default: NOTION_ENV, else prod)'},
	help: {type: 'boolean', short: 'h', description: 'show this help'},
};

type Given = {readonly options: Readonly<Record<string, string | boolean | undefined>>};

/** A string option a command was given, by its long name (`--creator` → 'creator'). */
export const optionText = (args: Given, name: string): string | undefined => {
	const value = args.options[name];
	return typeof value === 'string' ? value : undefined;
};

/** Whether a command was given a boolean option. */
export const optionFlag = (args: Given, name: string): boolean => args.options[name] === true;
