import {envValue, type Env} from './environment.js';
import {maskToken} from '../shared/secret.js';
import type {Override} from '../shared/types.js';

/** The variables that change what ntn does in this shell, each with what it does. Never hidden. */
export function overridesIn(env: Env): Override[] {
	const found: Override[] = [];
	const add = (variable: string, effect: string, show: (value: string) => string = value => value) => {
		const value = envValue(env, variable);
		if (value !== undefined) found.push({variable, value: show(value), effect});
	};
	add('NOTION_API_TOKEN', 'ntn uses this token instead of any stored token', maskToken);
	add('NOTION_WORKSPACE_ID', 'ntn uses this workspace instead of the default in config.json');
	add('NOTION_KEYRING', env['NOTION_KEYRING'] === '0' ? 'tokens are kept in auth.json, not the keychain' : 'no effect: only the value 0 selects auth.json');
	add('NOTION_HOME', 'ntn keeps its files in this directory');
	add('NOTION_ENV', 'selects the environment (local, dev, stg or prod)');
	add('NOTION_API_BASE_URL', "API calls go to this address instead of the environment's own");
	add('NOTION_PUBLIC_API_BASE_URL', 'notion-tokens checks NOTION_API_TOKEN at this address instead of api.notion.com');
	return found;
}
