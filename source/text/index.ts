/**
 * Presentation shared by the CLI and the UI (no React, no Ink): the sanitiser for untrusted text,
 * terminal widths and cutting, the symbols and their ASCII forms, the shared wording and the
 * colour rule.
 */
export {colorEnabled} from './color.js';
export {isClean, sanitize, sanitizeDeep, terminalSafeJson} from './sanitize.js';
export {ASCII_SYMBOLS, chooseSymbols, inSymbols, localeIsUtf8, symbols, UNICODE_SYMBOLS, type Symbols} from './symbols.js';
export {fit, padEnd, textWidth, truncate, wrap} from './width.js';
export {ageText, attemptText, outcomeLabel, plural, relativeDays, unreadableLabel, unreadableNote, type OutcomeTone} from './wording.js';
