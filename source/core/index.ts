/** The core's public surface: the CLI and the UI import from here and nowhere else in the core. */
export {createCore, type CoreOptions} from './services.js';
export {NotionTokensError, isNotionTokensError, EXIT, type ExitCode} from './errors.js';
export {maskToken} from './secret.js';
export {fixedClock, systemClock, type Clock} from './clock.js';
export {describeConfigDirSource} from './config-dir.js';
export * from './types.js';
export {parseWindow, parseInstant, resolveExpiry, expiringReport} from './expiry.js';
export {checkTokenId} from './token-revoke.js';
