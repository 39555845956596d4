/**
 * Reads the parts of a stored token the way `ntn debug` does (ntn-compat §10). Tokens are otherwise
 * opaque: these functions never throw and answer null when the token does not have the shape.
 */

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The token id: segment 2 (index 1) when splitting on `.` gives at least 3 segments, verbatim. */
export function tokenIdOf(token: string): string | null {
	// indexOf rather than split: called for every token, and split copies every segment.
	const start = token.indexOf('.') + 1;
	const end = start === 0 ? -1 : token.indexOf('.', start);
	return end > start ? token.slice(start, end) : null;
}

/**
 * The space (workspace) id: bytes 4..20 of segment 3, base64url-decoded without padding, as a
 * lowercase UUID. Null for fewer than 3 segments, `=` padding, `/` or `+`, or fewer than 20 bytes.
 */
export function spaceIdOf(token: string): string | null {
	const segment = token.split('.')[2];
	if (segment === undefined || !BASE64URL.test(segment) || segment.length % 4 === 1) return null;
	const bytes = Buffer.from(segment, 'base64url');
	if (bytes.length < 20) return null;
	const hex = bytes.subarray(4, 20).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
