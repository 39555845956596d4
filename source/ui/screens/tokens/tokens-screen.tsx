import {Box, Text} from 'ink';
import type {TokenRow} from '../../../core/index.js';
import {Cell} from '../../components/columns.js';
import {ErrorPanel} from '../../components/error-panel.js';
import {formatAge, formatDate, tokenStatus} from '../../format.js';
import {windowOf} from '../../state/list.js';
import {useTheme} from '../../theme.js';
import type {TokensState} from './tokens-reducer.js';

export interface TokensScreenProps {
	readonly state: TokensState;
	readonly height: number;
	readonly columns: number;
	readonly now: Date;
}

const W = {pointer: 2, env: 5, token: 11, store: 8, expires: 10, status: 14} as const;

/** How much of the shown facts came from Notion, and how long ago (the oldest fetch). */
export function factsLine(rows: readonly TokenRow[], now: Date): string {
	const fetched = rows.map(row => row.factsFetchedAt).filter((at): at is string => at !== null);
	if (fetched.length === 0) return 'Not checked with Notion yet · r asks Notion';
	const oldest = fetched.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
	const scope = fetched.length === rows.length ? 'Facts from Notion' : `Facts for ${fetched.length} of ${rows.length} from Notion`;
	return `${scope} fetched ${formatAge(oldest, now)} · r refreshes`;
}

/** The override is marked ⚑, as on the Workspaces screen's banner. */
export const workspaceLabel = (row: TokenRow): string =>
	row.source === 'override' ? '⚑ NOTION_API_TOKEN' : (row.workspaceName ?? row.workspaceId ?? '—');

function TokenLine({row, isSelected, showStore}: {readonly row: TokenRow; readonly isSelected: boolean; readonly showStore: boolean}) {
	const theme = useTheme();
	const status = tokenStatus(row);
	return (
		<Box>
			<Box width={W.pointer} flexShrink={0}>
				<Text bold color={theme.color('accent')}>{isSelected ? '❯' : ' '}</Text>
			</Box>
			<Cell bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
				{workspaceLabel(row)}
			</Cell>
			<Cell width={W.env}>{row.environment ?? 'shell'}</Cell>
			<Cell width={W.token}>{row.masked}</Cell>
			{showStore ? <Cell width={W.store}>{row.storage === 'env' ? 'override' : row.storage}</Cell> : null}
			<Cell width={W.expires}>{formatDate(row.expiresAt)}</Cell>
			<Cell width={W.status} color={theme.color(status.tone)}>{`${status.symbol} ${status.text}`}</Cell>
		</Box>
	);
}

/** Screen 2: every token the tool knows, masked; facts as last fetched from Notion. */
export function TokensScreen({state, height, columns, now}: TokensScreenProps) {
	const theme = useTheme();
	if (state.status === 'loading') return <Text color={theme.color('muted')}>Reading the stored tokens…</Text>;
	if (state.status === 'error' && state.error) return <ErrorPanel message={state.error.message} fix={state.error.fix} />;

	const showStore = columns >= 80;
	const {start, end} = windowOf(state.list, state.rows.length, height);
	const facts = factsLine(state.rows, now);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{state.rows.length} token{state.rows.length === 1 ? '' : 's'} · {facts}
			</Text>
			<Box>
				<Box width={W.pointer} flexShrink={0} />
				<Cell color={theme.color('muted')}>WORKSPACE</Cell>
				<Cell width={W.env} color={theme.color('muted')}>ENV</Cell>
				<Cell width={W.token} color={theme.color('muted')}>TOKEN</Cell>
				{showStore ? <Cell width={W.store} color={theme.color('muted')}>STORAGE</Cell> : null}
				<Cell width={W.expires} color={theme.color('muted')}>EXPIRES</Cell>
				<Cell width={W.status} color={theme.color('muted')}>STATUS</Cell>
			</Box>
			{state.rows.length === 0 ? (
				<Text color={theme.color('muted')}>No stored tokens, and NOTION_API_TOKEN is not set.</Text>
			) : (
				state.rows.slice(start, end).map((row, offset) => (
					<TokenLine key={`${row.source}\u0000${row.environment}\u0000${row.workspaceId}`} row={row} isSelected={start + offset === state.list.cursor} showStore={showStore} />
				))
			)}
		</Box>
	);
}
