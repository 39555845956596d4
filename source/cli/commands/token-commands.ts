import {EXIT, type NotionTokensCore} from '../../core/index.js';
import type {Args} from '../args.js';
import {printJson, type CommandIo} from '../io.js';

type TokenCommand = (core: NotionTokensCore, io: CommandIo, args: Args) => Promise<number>;

/** `tokens`, `check`, `expiring`, `revoke`: the commands that use facts from Notion. */
export const tokenCommands: Record<'tokens' | 'check' | 'expiring' | 'revoke', TokenCommand> = {
	tokens: async (core, io, args) => {
		printJson(io, await core.tokens({allEnvironments: args.allEnvs}));
		return EXIT.ok;
	},
	check: async (core, io) => {
		printJson(io, await core.refresh());
		return EXIT.ok;
	},
	expiring: async (core, io) => {
		printJson(io, await core.expiring());
		return EXIT.ok;
	},
	revoke: async (core, io, args) => {
		printJson(io, await core.revoke(args.positionals[0] ?? ''));
		return EXIT.ok;
	},
};
