import {Box} from 'ink';
import {Text} from '../../components/text.js';
import {memo} from 'react';
import {oldest, type CheckResult, type TokenRow} from '../../../core/index.js';
import {ErrorPanel} from '../../components/error-panel.js';
import {attemptText, formatAge, formatExpires, tokenStatus} from '../../format.js';
import {windowOf} from '../../state/list.js';
import {fit, symbols} from '../../../text/index.js';
import {useTheme} from '../../theme.js';
import {tokenKey, type TokensState} from './tokens-reducer.js';

export interface TokensScreenProps {
	readonly state: TokensState;
	readonly height: number;
	readonly columns: number;
	readonly now: Date;
}

const W = {pointer: 2, env: 5, token: 11, store: 8, expires: 10, status: 18} as const;

interface Columns {
	readonly workspace: number;
	readonly store: boolean;
}

function columnsFor(width: number): Columns {
	const store = width >= 80;
	const fixed = W.pointer + (W.env + 1) + (W.token + 1) + (store ? W.store + 1 : 0) + (W.expires + 1) + W.status;
	return {workspace: Math.max(8, width - fixed - 1), store};
}

/**
 * How much of the shown facts came from Notion, and how long ago (the oldest fetch); the latest
 * attempt that got no answer comes first, beside what is kept.
 */
export function factsLine(all: readonly TokenRow[], now: Date): string {
	// Listed tokens are facts themselves: the count is of the tokens held here.
	const rows = all.filter(row => row.source !== 'listed');
	const fetched = rows.map(row => row.factsFetchedAt).filter((at): at is string => at !== null);
	const failed = rows.map(row => row.lastAttempt).filter((attempt): attempt is CheckResult => attempt !== null);
	const latest = failed.reduce<CheckResult | null>((a, b) => (a && Date.parse(a.checkedAt ?? '') >= Date.parse(b.checkedAt ?? '') ? a : b), null);
	const attempt = latest ? `${capitalized(attemptText(latest, now))} ${symbols.dot} ` : '';
	if (fetched.length === 0) return latest ? `${attempt}no dates yet ${symbols.dot} r asks again` : `Not checked with Notion yet ${symbols.dot} r asks Notion`;
	const scope = fetched.length === rows.length ? 'Facts from Notion' : `Facts for ${fetched.length} of ${rows.length} from Notion`;
	return `${attempt}${scope} fetched ${formatAge(oldest(fetched) ?? fetched[0]!, now)}${latest ? ' kept' : ''} ${symbols.dot} r refreshes`;
}

const capitalized = (text: string): string => `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;

/** The override is marked with the flag, as on the Workspaces screen's banner; a saved token with its own mark. */
export const workspaceLabel = (row: TokenRow): string => {
	if (row.source === 'override') return row.label === undefined ? `${symbols.flag} NOTION_API_TOKEN` : `${symbols.flag} NOTION_API_TOKEN = ${row.label}`;
	// Saved tokens by label; the other tokens Notion lists for a workspace, under its stored one.
	if (row.source === 'saved') return `${symbols.saved} ${row.label ?? '?'}`;
	if (row.source === 'listed') return `  ${symbols.child} ${row.tokenName ?? row.tokenId ?? '?'}`;
	return row.workspaceName ?? row.workspaceId ?? symbols.dash;
};

const TokenLine = memo(function TokenLine({row, isSelected, layout}: {readonly row: TokenRow; readonly isSelected: boolean; readonly layout: Columns}) {
	const theme = useTheme();
	const status = tokenStatus(row);
	return (
		<Text wrap="truncate-end">
			<Text bold color={theme.color('accent')}>
				{isSelected ? `${symbols.pointer} ` : '  '}
			</Text>
			<Text bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
				{fit(workspaceLabel(row), layout.workspace)}
			</Text>{' '}
			{fit(row.environment ?? (row.source === 'saved' ? 'saved' : 'shell'), W.env)} {fit(row.masked, W.token)}{' '}
			{layout.store ? `${fit(row.storage === 'env' ? 'override' : row.storage, W.store)} ` : ''}
			{fit(formatExpires(row), W.expires)} <Text color={theme.color(status.tone)}>{`${status.symbol} ${status.text}`}</Text>
		</Text>
	);
});

/** Screen 2: every token the tool knows, masked; facts as last fetched from Notion. */
export function TokensScreen({state, height, columns, now}: TokensScreenProps) {
	const theme = useTheme();
	if (state.status === 'loading') return <Text color={theme.color('muted')}>Reading the stored tokens{symbols.ellipsis}</Text>;
	if (state.status === 'error' && state.error) return <ErrorPanel message={state.error.message} fix={state.error.fix} />;

	const layout = columnsFor(columns);
	const {start, end} = windowOf(state.list, state.rows.length, height);
	const facts = factsLine(state.rows, now);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{state.rows.length} token{state.rows.length === 1 ? '' : 's'} {symbols.dot} {facts}
			</Text>
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{'  '}
				{fit('WORKSPACE', layout.workspace)} {fit('ENV', W.env)} {fit('TOKEN', W.token)} {layout.store ? `${fit('STORAGE', W.store)} ` : ''}
				{fit('EXPIRES', W.expires)} STATUS
			</Text>
			{state.rows.length === 0 ? (
				<Text color={theme.color('muted')}>No stored tokens, and NOTION_API_TOKEN is not set.</Text>
			) : (
				state.rows
					.slice(start, end)
					.map((row, offset) => <TokenLine key={tokenKey(row)} row={row} isSelected={start + offset === state.list.cursor} layout={layout} />)
			)}
		</Box>
	);
}
