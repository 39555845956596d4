/** A config dir with ntn's three files in file mode (NOTION_KEYRING=0), and the ids it holds. */
import {mintToken} from '../../helpers/mock-notion.js';
import {ntnHome, workspacesFile, type NtnHome} from '../../helpers/ntn-home.js';

export const ids = (prefix: string, n: number): string[] =>
	Array.from({length: n}, (_, i) => `${prefix}-${String(i).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`);

export interface Pool {
	ids: string[];
	names: Map<string, string>;
	tokens: Map<string, string>;
}

export function pool(prefix: string, n: number, label: string): Pool {
	const list = ids(prefix, n);
	return {
		ids: list,
		names: new Map(list.map((id, i) => [id, `${label} ${i}`])),
		tokens: new Map(list.map(id => [id, mintToken()])),
	};
}

/** A home where `cached` environments hold every workspace of their pool, each with its token. */
export async function homeWith(cached: Record<string, Pool>, defaults: Record<string, string>): Promise<NtnHome> {
	const auth: Record<string, string> = {};
	for (const p of Object.values(cached)) for (const [id, token] of p.tokens) auth[id] = token;
	return ntnHome({
		config: {version: '1', defaultWorkspaceIds: defaults},
		workspaces: workspacesFile(
			Object.fromEntries(Object.entries(cached).map(([env, p]) => [env, p.ids.map(id => [id, p.names.get(id)!] as [string, string])])),
		),
		auth,
	});
}
