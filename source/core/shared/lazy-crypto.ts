import {createRequire} from 'node:module';

type Crypto = typeof import('node:crypto');
let loaded: Crypto | undefined;

/** node:crypto, loaded on first use: commands that only read never need it, and loading it costs milliseconds. */
export const crypto = (): Crypto => (loaded ??= createRequire(import.meta.url)('node:crypto') as Crypto);
