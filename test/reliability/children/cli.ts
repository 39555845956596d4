/** The headless CLI as its own process (the shipped entry minus the terminal UI). */
import {run} from '../../../source/cli/run.js';
import {createStyle} from '../../../source/cli/style.js';

process.exitCode = await run(
	process.argv.slice(2),
	{stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, style: createStyle(false)},
	{version: '0.0.0-reliability'},
);
