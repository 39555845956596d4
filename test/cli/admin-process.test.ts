import {spawn} from 'node:child_process';
import {afterEach, describe, expect, it} from 'vitest';
import {makePats, startMockAdmin, type MockAdmin} from '../helpers/mock-admin.js';
import {ntnHome} from '../helpers/ntn-home.js';
import {headlessCli, nodePath} from '../peer/helpers/headless-cli.js';

const SPACE = 'aaaaaaaa-0000-4000-8000-000000000001';
let admin: MockAdmin | undefined;

afterEach(async () => {
	await admin?.close();
});

describe('admin pats as a real process', () => {
	it('Ctrl+C during a long fetch stops it at once: exit 130, nothing half-printed on stdout', async () => {
		admin = await startMockAdmin();
		admin.space(SPACE, makePats(300, Date.now()));
		admin.onPage(2, {delayMs: 30_000});
		const home = await ntnHome();
		const child = spawn(process.execPath, [await headlessCli(), 'admin', 'pats', SPACE, '--json'], {
			env: {PATH: process.env['PATH']!, NODE_PATH: nodePath, ...home.env, NOTION_ADMIN_TOKEN: admin.token, NOTION_PUBLIC_API_BASE_URL: admin.baseUrl},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
		const closed = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
		// Wait until the slow second page is being asked for.
		while (admin.requests.length < 2) await new Promise(resolve => setTimeout(resolve, 20));
		child.kill('SIGINT');
		expect(await closed).toBe(130);
		expect(stdout).toBe('');
		expect(stderr).toContain('Interrupted.');
		expect(stderr).not.toContain(admin.token.slice(8, 20));
	}, 20_000);
});
