/**
 * Whether to colour, the same rule for the CLI and the UI: NO_COLOR (any non-empty value) turns
 * colour off and wins; else FORCE_COLOR turns it on (off when 0 or false); else colour is used on a
 * terminal that is not TERM=dumb.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean | undefined): boolean {
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
	const force = env['FORCE_COLOR'];
	if (force !== undefined) return force !== '0' && force !== 'false';
	return Boolean(isTTY) && env['TERM'] !== 'dumb';
}
