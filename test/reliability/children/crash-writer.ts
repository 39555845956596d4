/**
 * Writes ntn's files in a loop until it is killed: `use` switching the prod default between two
 * workspaces (config.json), a large block added to and removed from workspaces.json, and a token
 * replaced in auth.json. Every file therefore only ever holds one of two known contents.
 * Prints `ready` once the first round is done.
 */
import {createCore} from '../../../source/core/services.js';
import {ntnPaths, updateAuth, updateWorkspaces} from '../../../source/core/ntn/files.js';
import {bigEntries} from '../support/big.js';

const [dir, first, second, tokenA, tokenB, bigCount] = process.argv.slice(2) as [string, string, string, string, string, string];
const paths = ntnPaths(dir);
const core = createCore({env: process.env, environment: 'prod'});
const big = bigEntries(Number(bigCount));

for (let round = 0; ; round++) {
	await core.switchWorkspace(round % 2 === 0 ? second : first);
	await updateWorkspaces(paths, file => {
		const environments = {...file.environments};
		if (environments['big']) delete environments['big'];
		else environments['big'] = big;
		return {...file, environments};
	});
	await updateAuth(paths, auth => ({...auth, [first]: auth[first] === tokenA ? tokenB : tokenA}));
	if (round === 0) process.stdout.write('ready\n');
}
