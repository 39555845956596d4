import http from 'node:http';

/**
 * ntn's login endpoints (ntn-compat §7) on http://localhost:3000, the only base URL `ntn login`
 * can be pointed at (NOTION_ENV=local). Each login confirms at once with the next scripted
 * workspace; every request is recorded.
 */
export interface LoginMock {
	requests: Array<{path: string; body: string; headers: http.IncomingHttpHeaders}>;
	/** Workspaces handed out by the next logins, in order. */
	next: Array<{token: string; spaceId: string; spaceName: string}>;
	close(): Promise<void>;
}

export async function startLoginMock(): Promise<LoginMock> {
	const mock: LoginMock = {requests: [], next: [], close: async () => {}};
	let sessions = 0;
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', chunk => (body += chunk));
		request.on('end', () => {
			const path = request.url ?? '';
			mock.requests.push({path, body, headers: request.headers});
			const send = (status: number, value: unknown) => {
				response.writeHead(status, {'content-type': 'application/json'});
				response.end(JSON.stringify(value));
			};
			if (request.method === 'POST' && path === '/api/v3/workersCliLoginInit') {
				sessions++;
				return send(200, {
					sessionId: `session-${sessions}`,
					verificationCode: 'TEST-0000',
					browserUrl: `http://localhost:3000/cliLogin?sessionId=session-${sessions}`,
				});
			}
			if (request.method === 'POST' && path === '/api/v3/workersCliLoginRedeem') {
				const workspace = mock.next.shift();
				return workspace ? send(200, {status: 'confirmed', ...workspace}) : send(200, {status: 'expired'});
			}
			send(404, {});
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', error => reject(new Error(`the login mock needs 127.0.0.1:3000, which ntn's local environment uses: ${(error as Error).message}`)));
		server.listen(3000, '127.0.0.1', () => resolve());
	});
	mock.close = () =>
		new Promise<void>(resolve => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return mock;
}
