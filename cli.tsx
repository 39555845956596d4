import module from 'node:module';
import {createDemoHome, parseWindow} from './source/core/index.js';
import {tolerateClosedPipe} from './source/cli/closed-pipe.js';
import {run} from './source/cli/run.js';
import {createStyle} from './source/cli/style.js';
import {colorEnabled} from './source/text/index.js';

/** package.json's version, inlined by the bundler (scripts/bundle.mjs). */
declare const NOTION_TOKENS_VERSION: string;

// V8's compile cache (Node 22.1+) makes every start after the first one faster.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

tolerateClosedPipe(process.stdout);
tolerateClosedPipe(process.stderr);

const code = await run(
	process.argv.slice(2),
	{
		stdout: process.stdout,
		stderr: process.stderr,
		stdin: process.stdin,
		env: process.env,
		style: createStyle(colorEnabled(process.env, process.stdout.isTTY)),
	},
	{
		version: NOTION_TOKENS_VERSION,
		demoHome: createDemoHome,
		openUi: async (core, args) => {
			const windowDays = args.within === undefined ? undefined : parseWindow(args.within);
			// A person is at this terminal: Ink must draw every frame even if CI variables are set in the
			// shell (it reads them when it loads, and then draws only once, at exit).
			for (const name of Object.keys(process.env)) {
				if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete process.env[name];
			}
			const {runUi} = await import('./source/ui/run.js');
			return runUi(core, {
				...(windowDays === undefined ? {} : {windowDays}),
				...(args.demo ? {banner: 'Demo: made-up tokens in a throw-away config; your own files are untouched.'} : {}),
			});
		},
	},
);
process.exitCode = code;
