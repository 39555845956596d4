import type {CoreContext} from '../context.js';
import {NotionTokensError, EXIT} from '../shared/errors.js';
import type {Preferences} from '../shared/types.js';

export const DEFAULT_PREFERENCES: Preferences = {expiryWindowDays: 30};

export async function getPreferences(ctx: CoreContext): Promise<Preferences> {
	const saved = await ctx.state().get<Partial<Preferences>>('preferences');
	const days = saved?.expiryWindowDays;
	return {expiryWindowDays: Number.isInteger(days) && days! >= 0 ? days! : DEFAULT_PREFERENCES.expiryWindowDays};
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
