import {Box, Text} from 'ink';
import {useMemo} from 'react';
import type {TokenRow, WorkspaceRow} from '../../../core/index.js';
import {Cell} from '../../components/columns.js';
import {ErrorPanel} from '../../components/error-panel.js';
import {formatDate, shortId, tokenPresence} from '../../format.js';
import {windowOf} from '../../state/list.js';
import {useTheme} from '../../theme.js';
import {rowAt, visibleCount, type WorkspacesState} from './workspaces-reducer.js';

export interface WorkspacesScreenProps {
	readonly state: WorkspacesState;
	/** Token rows (when known), for the expiry column. */
	readonly tokens: readonly TokenRow[];
	readonly height: number;
	readonly columns: number;
}

const W = {pointer: 2, id: 8, token: 9, storage: 8, expires: 11} as const;

const expiryKey = (environment: string | null, id: string | null): string => `${environment ?? ''}\u0000${id ?? ''}`;

function ExpiryCell({row}: {readonly row: TokenRow | undefined}) {
	const theme = useTheme();
	if (!row?.expiresAt) return <Cell width={W.expires} color={theme.color('muted')}>—</Cell>;
	const soon = row.expiry === 'expired' || row.expiry === 'revoked' ? '✗' : row.expiry === 'within-7-days' || row.expiry === 'within-window' ? '⚠' : ' ';
	const tone = soon === '✗' ? 'error' : soon === '⚠' ? 'warning' : 'muted';
	return <Cell width={W.expires} color={theme.color(tone)}>{`${soon}${formatDate(row.expiresAt)}`}</Cell>;
}

function WorkspaceLine({row, isSelected, expiry, showStorage}: {readonly row: WorkspaceRow; readonly isSelected: boolean; readonly expiry: TokenRow | undefined; readonly showStorage: boolean}) {
	const theme = useTheme();
	const presence = tokenPresence(row);
	return (
		<Box>
			<Box width={W.pointer} flexShrink={0}>
				<Text color={theme.color('accent')} bold>{isSelected ? '❯' : ' '}</Text>
			</Box>
			<Box width={2} flexShrink={0}>
				<Text color={theme.color('warning')}>{row.isDefault ? '★' : ' '}</Text>
			</Box>
			<Cell bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
				{row.name}
			</Cell>
			<Cell width={W.id} color={theme.color('muted')}>{shortId(row.id)}</Cell>
			<Cell width={W.token} color={theme.color(presence.tone)}>{`${presence.symbol} ${presence.text}`}</Cell>
			{showStorage ? <Cell width={W.storage}>{row.storage}</Cell> : null}
			<ExpiryCell row={expiry} />
		</Box>
	);
}

/** Screen 1: the cached workspaces of the environment, as ntn's picker sorts them. */
export function WorkspacesScreen({state, tokens, height, columns}: WorkspacesScreenProps) {
	const theme = useTheme();
	const expiries = useMemo(() => {
		const map = new Map<string, TokenRow>();
		for (const row of tokens) if (row.source === 'stored') map.set(expiryKey(row.environment, row.workspaceId), row);
		return map;
	}, [tokens]);
	// Every row has the same store (also in the title): the column goes first when space is short.
	const showStorage = columns >= 70;

	if (state.status === 'loading') return <Text color={theme.color('muted')}>Reading ntn's files…</Text>;
	if (state.status === 'error' && state.error) return <ErrorPanel message={state.error.message} fix={state.error.fix} />;

	const total = state.inventory?.workspaces.length ?? 0;
	const count = visibleCount(state);
	const {start, end} = windowOf(state.list, count, height);
	const lines = [];
	for (let index = start; index < end; index++) {
		const row = rowAt(state, index);
		if (!row) continue;
		lines.push(
			<WorkspaceLine
				key={`${row.environment}\u0000${row.id}`}
				row={row}
				isSelected={index === state.list.cursor}
				expiry={expiries.get(expiryKey(row.environment, row.id))}
				showStorage={showStorage}
			/>,
		);
	}
	return (
		<Box flexDirection="column">
			{state.editing || state.filter !== '' ? (
				<Text wrap="truncate-end">
					<Text color={theme.color('accent')}>/ </Text>
					<Text bold>{state.filter}</Text>
					{state.editing ? <Text inverse> </Text> : null}
					<Text color={theme.color('muted')}>
						{state.editing ? '  Enter keeps the filter · Esc clears it' : `  ${count} of ${total} · Esc clears the filter`}
					</Text>
				</Text>
			) : null}
			<Box>
				<Box width={W.pointer + 2} flexShrink={0} />
				<Cell color={theme.color('muted')}>NAME (★ default)</Cell>
				<Cell width={W.id} color={theme.color('muted')}>ID</Cell>
				<Cell width={W.token} color={theme.color('muted')}>TOKEN</Cell>
				{showStorage ? <Cell width={W.storage} color={theme.color('muted')}>STORAGE</Cell> : null}
				<Cell width={W.expires} color={theme.color('muted')}>EXPIRES</Cell>
			</Box>
			{total === 0 ? (
				<Text wrap="truncate-end" color={theme.color('muted')}>
					No workspaces cached for {state.environment}. Log in with: NOTION_ENV={state.environment} ntn login
				</Text>
			) : count === 0 ? (
				<Text wrap="truncate-end" color={theme.color('muted')}>
					No workspace matches “{state.filter}”. Esc clears the filter.
				</Text>
			) : (
				lines
			)}
		</Box>
	);
}
