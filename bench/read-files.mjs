// The benchmark's read-only floor: reads and JSON.parses an ntn home's workspaces.json and
// auth.json, as any reader that checks them must, and nothing else. Usage: node read-files.mjs DIR
import {readFileSync} from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let keys = 0;
for (const name of ['workspaces.json', 'auth.json']) keys += Object.keys(JSON.parse(readFileSync(path.join(dir, name), 'latin1'))).length;
if (keys === 0) process.exitCode = 1;
