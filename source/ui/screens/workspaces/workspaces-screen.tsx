import {Box} from 'ink';
import {Text} from '../../components/text.js';
import {memo, useMemo} from 'react';
import type {TokenRow, WorkspaceRow} from '../../../core/index.js';
import {ErrorPanel} from '../../components/error-panel.js';
import {formatDate, shortId, tokenPresence} from '../../format.js';
import {windowOf} from '../../state/list.js';
import {fit} from '../../../text/index.js';
import {useTheme, type Theme} from '../../theme.js';
import {inUseLine, listProblem, workspaceOverride} from './in-use.js';
import {rowAt, visibleCount, type WorkspacesState} from './workspaces-reducer.js';

export interface WorkspacesScreenProps {
	readonly state: WorkspacesState;
	/** Token rows (when known), for the expiry column. */
	readonly tokens: readonly TokenRow[];
	readonly height: number;
	readonly columns: number;
}

/** Column widths; the name takes what is left. Each row is one line of text, not a box per cell. */
interface Columns {
	readonly name: number;
	readonly storage: boolean;
}

const W = {marks: 4, id: 8, token: 10, storage: 8, expires: 11} as const;

function columnsFor(width: number): Columns {
	// Every row has the same store (also in the title): the column goes first when space is short.
	const storage = width >= 70;
	const fixed = W.marks + (W.id + 1) + (W.token + 1) + (storage ? W.storage + 1 : 0) + W.expires;
	return {name: Math.max(8, width - fixed - 1), storage};
}

const expiryKey = (environment: string | null, id: string | null): string => `${environment ?? ''}\u0000${id ?? ''}`;

function expiryCell(row: TokenRow | undefined, theme: Theme) {
	if (!row?.expiresAt) return <Text color={theme.color('muted')}>{fit('—', W.expires)}</Text>;
	const gone = row.expiry === 'expired' || row.expiry === 'revoked';
	const soon = row.expiry === 'within-7-days' || row.expiry === 'within-window';
	const mark = gone ? '✗' : soon ? '⚠' : ' ';
	const tone = gone ? 'error' : soon ? 'warning' : 'muted';
	return <Text color={theme.color(tone)}>{fit(`${mark}${formatDate(row.expiresAt)}`, W.expires)}</Text>;
}

interface LineProps {
	readonly row: WorkspaceRow;
	readonly isSelected: boolean;
	/** ntn uses this workspace instead of the default (NOTION_WORKSPACE_ID). */
	readonly isUsed: boolean;
	readonly expiry: TokenRow | undefined;
	readonly layout: Columns;
}

const WorkspaceLine = memo(function WorkspaceLine({row, isSelected, isUsed, expiry, layout}: LineProps) {
	const theme = useTheme();
	const presence = tokenPresence(row, expiry);
	return (
		<Text wrap="truncate-end">
			{/* Blank marks are plain spaces: a colour on them shows nothing and costs every frame. */}
			{isSelected ? (
				<Text bold color={theme.color('accent')}>
					❯{' '}
				</Text>
			) : (
				'  '
			)}
			{isUsed ? <Text color={theme.color('info')}>⚑ </Text> : row.isDefault ? <Text color={theme.color('warning')}>★ </Text> : '  '}
			<Text bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
				{fit(row.name, layout.name)}
			</Text>{' '}
			<Text color={theme.color('muted')}>{fit(shortId(row.id), W.id)}</Text>{' '}
			<Text color={theme.color(presence.tone)}>{fit(`${presence.symbol} ${presence.text}`, W.token)}</Text>{' '}
			{layout.storage ? `${fit(row.storage, W.storage)} ` : ''}
			{expiryCell(expiry, theme)}
		</Text>
	);
});

/** Screen 1: the cached workspaces of the environment, as ntn's picker sorts them. */
export function WorkspacesScreen({state, tokens, height, columns}: WorkspacesScreenProps) {
	const theme = useTheme();
	const expiries = useMemo(() => {
		const map = new Map<string, TokenRow>();
		for (const row of tokens) if (row.source === 'stored') map.set(expiryKey(row.environment, row.workspaceId), row);
		return map;
	}, [tokens]);
	const layout = useMemo(() => columnsFor(columns), [columns]);
	const inUse = useMemo(() => (state.inventory ? inUseLine(state.inventory) : null), [state.inventory]);
	const override = workspaceOverride(state.inventory);
	const used = override !== null && override !== state.inventory?.defaultWorkspaceId ? override : null;

	if (state.status === 'loading') return <Text color={theme.color('muted')}>Reading ntn's files…</Text>;
	if (state.status === 'error' && state.error) return <ErrorPanel message={state.error.message} fix={state.error.fix} />;

	const unreadable = listProblem(state.inventory);
	if (unreadable) return <ErrorPanel message={unreadable.message} fix={unreadable.fix} />;

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
				isUsed={row.id === used}
				expiry={expiries.get(expiryKey(row.environment, row.id))}
				layout={layout}
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
			{inUse ? (
				<Text wrap="truncate-end" color={theme.color(inUse.tone)}>
					{inUse.text}
				</Text>
			) : null}
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{'    '}
				{fit(used ? 'NAME (★ default, ⚑ used)' : 'NAME (★ default)', layout.name)} {fit('ID', W.id)} {fit('TOKEN', W.token)}{' '}
				{layout.storage ? `${fit('STORAGE', W.storage)} ` : ''}
				{'EXPIRES'}
			</Text>
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
