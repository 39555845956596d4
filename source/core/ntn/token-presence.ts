import {NotionTokensError} from '../shared/errors.js';
import {maskToken, rememberToken, type Secret} from '../shared/secret.js';
import type {TokenPresence} from '../shared/types.js';
import {tokenIdOf} from './token-format.js';

/** A stored token as the inventory shows it: masked, with its token id. */
export function presenceOfToken(token: string): TokenPresence {
	rememberToken(token);
	return {state: 'present', masked: maskToken(token), tokenId: tokenIdOf(token)};
}

export const MISSING: TokenPresence = Object.freeze({state: 'missing'});

export function presenceOf(token: Secret | null | NotionTokensError | undefined): TokenPresence {
	if (token === undefined) return {state: 'unknown', reason: 'not read'};
	if (token === null) return MISSING;
	if (token instanceof NotionTokensError) return {state: 'unknown', reason: token.message};
	return presenceOfToken(token.reveal());
}
