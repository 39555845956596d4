// A loopback Notion Admin API serving `count` PATs of one workspace in pages of 100 (cursor paging,
// as notion-pat-apis.md §1 describes), for the Admin figures. Run as its own process (the bench
// times the CLI with spawnSync, which blocks its own event loop): prints `{"port": …}` when ready.
import http from 'node:http';

const [count = '10000', token = 'bench-admin-token', space = 'aaaaaaaa-0000-4000-8000-000000000001'] = process.argv.slice(2);
const DAY = 86_400_000;
const now = Date.now();
const pats = Array.from({length: Number(count)}, (_, index) => {
	const status = index % 10 === 9 ? 'revoked' : index % 10 === 8 ? 'expired' : 'active';
	const creator = index % 50;
	const pat = {
		id: `${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`,
		name: `token ${index} for the ${['sync', 'deploy', 'report', 'backup'][index % 4]} job`,
		creator: {id: `c0000000-0000-4000-8000-${String(creator).padStart(12, '0')}`, name: `Member ${creator}`, email: `member${creator}@example.com`},
		created_at: now - ((index * 37) % 400) * DAY,
		status,
	};
	if (index % 17 !== 0) pat.expires_at = status === 'expired' ? now - ((index % 30) + 1) * DAY : now + ((index * 7) % 365) * DAY;
	if (index % 5 !== 0) pat.last_used_at = now - ((index * 3) % 200) * DAY;
	if (status === 'revoked') {
		pat.revoked_at = now - (index % 20) * DAY;
		pat.revoked_by = {type: 'user', id: 'c0000000-0000-4000-8000-000000000000', name: 'Member 0', email: 'member0@example.com'};
	}
	return pat;
});

const server = http.createServer((request, response) => {
	const url = new URL(request.url ?? '/', 'http://bench');
	const send = (status, body) => {
		const text = JSON.stringify(body);
		response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
		response.end(text);
	};
	if (request.headers.authorization !== `Bearer ${token}`) return send(401, {type: 'error', code: 'unauthorized', status: 401, message: 'Unauthorized.'});
	if (url.pathname !== `/admin/v1/spaces/${space}/personal_access_tokens`)
		return send(404, {type: 'error', code: 'not_found', status: 404, message: 'Not found.'});
	const offset = Number(url.searchParams.get('cursor') ?? '0');
	const results = pats.slice(offset, offset + 100);
	const hasMore = offset + 100 < pats.length;
	send(200, hasMore ? {results, has_more: true, next_cursor: String(offset + 100)} : {results, has_more: false});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({port: server.address().port})}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
