import module from 'node:module';
import packageJson from './package.json' with {type: 'json'};
import {parseWindow} from './source/core/index.js';
import {createDemoHome} from './source/core/demo.js';
import {run} from './source/cli/run.js';
import {colorEnabled, createStyle} from './source/cli/style.js';

// V8's compile cache (Node 22.1+) makes every start after the first one faster.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

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
		version: packageJson.version,
		demoHome: createDemoHome,
		openUi: async (core, args) => {
			const windowDays = args.within === undefined ? undefined : parseWindow(args.within);
			const {runUi} = await import('./source/ui/run.js');
			return runUi(core, {
				...(windowDays === undefined ? {} : {windowDays}),
				...(args.demo ? {banner: 'Demo: made-up tokens in a throw-away config; your own files are untouched.'} : {}),
			});
		},
	},
);
process.exitCode = code;
