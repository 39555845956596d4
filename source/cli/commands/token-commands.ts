import type {NotionTokensCore} from '../../core/index.js';
import type {Args} from '../args.js';
import type {CommandIo} from '../io.js';
import {checkCommand} from './check.js';
import {expiringCommand} from './expiring.js';
import {revokeCommand} from './revoke.js';
import {tokensCommand} from './tokens.js';

type TokenCommand = (core: NotionTokensCore, io: CommandIo, args: Args) => Promise<number>;

/** `tokens`, `check`, `expiring`, `revoke`: the commands that use facts from Notion. */
export const tokenCommands: Record<'tokens' | 'check' | 'expiring' | 'revoke', TokenCommand> = {
	tokens: tokensCommand,
	check: checkCommand,
	expiring: expiringCommand,
	revoke: revokeCommand,
};
