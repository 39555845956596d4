/** The core's public surface: the CLI and the UI import from here and nowhere else in the core. */
export {createCore, type CoreOptions} from './services.js';
export {NotionTokensError, isNotionTokensError, EXIT, type ExitCode} from './shared/errors.js';
export {maskToken} from './shared/secret.js';
export {fixedClock, systemClock, type Clock} from './shared/clock.js';
export {describeConfigDirSource} from './ntn/config-dir.js';
export * from './shared/types.js';
export {parseWindow, parseInstant, resolveExpiry, expiringReport, oldest, isRejected, isGone, doesNotExpire} from './ops/expiry.js';
export {checkTokenId} from './notion/revoke.js';
export {createDemoHome} from './ops/demo.js';
export * from './ops/admin-types.js';
export {daysUntil, expiresWithin, unusedFor, createdBy} from './ops/admin-filters.js';
export {ADMIN_TOKEN_FIX, READ_SCOPE, REVOKE_SCOPE} from './ops/admin-errors.js';
export * from './own/saved-types.js';
export {looksLikeToken, TOKEN_ON_COMMAND_LINE as tokenOnCommandLine} from './own/saved-label.js';
export {describeIdentity, isUnused, UNUSED_DAYS} from './ops/saved-tokens.js';
export type {Secret} from './shared/secret.js';
export {ntnPaths, type NtnPaths} from './ntn/files.js';
