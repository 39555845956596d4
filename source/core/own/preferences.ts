import type {CoreContext} from '../context.js';
import {NotionTokensError, EXIT} from '../shared/errors.js';
import type {Preferences} from '../shared/types.js';
import {isRecord} from '../shared/values.js';

export const DEFAULT_PREFERENCES: Preferences = {expiryWindowDays: 30};

export async function getPreferences(ctx: CoreContext): Promise<Preferences> {
	return preferencesIn(await ctx.state().read());
}

/** The preferences in a state already read (defaults for anything missing or invalid). */
export function preferencesIn(state: Record<string, unknown>): Preferences {
	const saved = state['preferences'];
	const days = isRecord(saved) ? saved['expiryWindowDays'] : undefined;
	return {expiryWindowDays: typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : DEFAULT_PREFERENCES.expiryWindowDays};
}

export async function setPreferences(ctx: CoreContext, patch: Partial<Preferences>): Promise<Preferences> {
	if (patch.expiryWindowDays !== undefined && !(Number.isInteger(patch.expiryWindowDays) && patch.expiryWindowDays >= 0 && patch.expiryWindowDays <= 3650)) {
		throw new NotionTokensError('bad-window', `Expiry window must be a whole number of days from 0 to 3650, not ${patch.expiryWindowDays}`, {
			fix: 'Use for example 30.',
			exitCode: EXIT.usage,
		});
	}
	const current = await getPreferences(ctx);
	const next = {...current, ...patch};
	await ctx.state().update('preferences', () => next);
	return next;
}
