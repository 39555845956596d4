/**
 * An ntn-style writer process for the free-running soak: on `{type: 'run', ops}` it performs that
 * many ntn operations on the dev environment, a few milliseconds apart (login, logout, picking a cached
 * workspace, each as ntn's in-place read-modify-write steps) and answers with what it meant every
 * key to hold. `{type: 'sync'}` re-bases that intent on the files as they are.
 */
import {mintToken} from '../../helpers/mock-notion.js';
import {random} from '../support/mode.js';
import {loginSteps, logoutSteps, ntnStyleWriter, readFilesNow, StepQueue, valueIn} from '../support/ntn-style.js';

const [dir, seedText] = process.argv.slice(2) as [string, string];
const rng = random(Number(seedText));
const writer = ntnStyleWriter(dir, items => rng.shuffle(items));
const ids = Array.from({length: 6}, (_, i) => `dddddddd-${String(i).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`);
const cached = new Set<string>();

type Message = {type: 'run'; ops: number; pauseMs: number} | {type: 'sync'} | {type: 'exit'};

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

process.on('message', async (message: Message) => {
	if (message.type === 'exit') process.exit(0);
	if (message.type === 'sync') {
		const files = readFilesNow(dir);
		for (const key of writer.intent.keys()) writer.intent.set(key, valueIn(files, key));
		cached.clear();
		for (const [key, value] of writer.intent) if (key.startsWith('ws:dev:') && value !== undefined) cached.add(key.slice(7));
		process.send!({type: 'synced'});
		return;
	}
	let failed = 0;
	for (let op = 0; op < message.ops; op++) {
		const queue = new StepQueue();
		const roll = rng.next();
		const id = rng.pick(ids);
		if (roll < 0.5 || cached.size === 0) {
			queue.push(...loginSteps(writer, 'dev', id, `Dev ${rng.int(1000)}`, mintToken()), () => void cached.add(id));
		} else if (roll < 0.8) {
			const choice = rng.pick([...cached]);
			queue.push(() => writer.setDefault('dev', choice));
		} else {
			queue.push(...logoutSteps(writer, 'dev'), () => cached.clear());
		}
		try {
			while (queue.runOne());
		} catch {
			// ntn stops at a file it cannot parse; a rename by notion-tokens never leaves one.
			failed++;
		}
		// Other processes get the CPU between operations, as between two ntn commands.
		await pause(rng.int(message.pauseMs + 1));
	}
	process.send!({type: 'done', failed, intent: [...writer.intent]});
});
process.send!({type: 'ready'});
