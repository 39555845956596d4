import type {NotionTokensCore} from '../../core/index.js';
import type {Args} from '../args.js';
import type {CommandIo} from '../io.js';
import {execCommand} from './exec.js';
import {addCommand, editCommand, removeCommand, rotateCommand} from './saved.js';

type SavedCommand = (core: NotionTokensCore, io: CommandIo, args: Args) => Promise<number>;

/** `add`, `edit`, `remove`, `rotate`, `exec`: tokens saved under a label. */
export const savedCommands: Record<'add' | 'edit' | 'remove' | 'rotate' | 'exec', SavedCommand> = {
	add: addCommand,
	edit: editCommand,
	remove: removeCommand,
	rotate: rotateCommand,
	exec: execCommand,
};
