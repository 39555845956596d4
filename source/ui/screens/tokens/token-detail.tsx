import {Box} from 'ink';
import {fieldOf} from '../../components/field.js';
import {Text} from '../../components/text.js';
import {Cell} from '../../components/columns.js';
import {formatAge, formatDate, formatDaysLeft, formatExpires} from '../../format.js';
import {windowOf} from '../../state/list.js';
import {symbols} from '../../../text/index.js';
import {useTheme} from '../../theme.js';
import {workspaceLabel} from './tokens-screen.js';
import {SavedDetail} from '../saved/saved-detail.js';
import {StatusAndCheck} from './token-check.js';
import {detailEntries, detailRow, type TokensState} from './tokens-reducer.js';

export interface TokenDetailProps {
	readonly state: TokensState;
	readonly height: number;
	readonly now: Date;
}

const FIELD_WIDTH = 8;
const Field = fieldOf(FIELD_WIDTH);

/** One token in full (masked), and the workspace's other tokens as Notion listed them. */
export function TokenDetail({state, height, now}: TokenDetailProps) {
	const theme = useTheme();
	const row = detailRow(state);
	if (!row || !state.detail) return null;
	if (row.source === 'saved') return <SavedDetail row={row} now={now} />;
	const entries = detailEntries(row);
	const {start, end} = windowOf(state.detail.list, entries.length, height);
	const where =
		row.source === 'override'
			? 'override: ntn uses it instead of stored tokens'
			: `${row.environment} ${symbols.dot} stored in ${row.storage === 'file' ? 'auth.json' : 'the keychain'}`;
	const identity = row.check.identity
		? ` ${symbols.dot} acts as ${row.check.identity.kind} ${row.check.identity.name ?? '?'}${row.check.identity.workspaceName ? ` in ${row.check.identity.workspaceName}` : ''}`
		: '';
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{workspaceLabel(row)}{' '}
				<Text bold={false} color={theme.color('muted')}>
					{symbols.dot} {where}
				</Text>
			</Text>
			<Field name="Token">
				{row.masked} {symbols.dot} id {row.tokenId ?? 'unknown'}
				{row.tokenName ? ` ${symbols.dot} ${symbols.quoteOpen}${row.tokenName}${symbols.quoteClose}` : ''}
			</Field>
			<Field name="Dates">
				issued {formatDate(row.issuedAt)} {symbols.dot} expires {formatExpires(row)}
				{row.expiryComputed ? ' (issued + 1 year)' : ''}
				{row.expiresAt ? ` ${symbols.dot} ${formatDaysLeft(row.daysLeft)}` : ''}
			</Field>
			<StatusAndCheck row={row} now={now} width={FIELD_WIDTH} identity={identity} />
			<Field name="Facts">
				{row.factsFetchedAt ? `fetched from Notion ${formatAge(row.factsFetchedAt, now)}` : `never fetched from Notion ${symbols.dot} r asks`}
			</Field>
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{row.source === 'stored' ? `Tokens of this workspace, as Notion listed them ${symbols.dot} x revokes the selected one:` : 'x revokes this token:'}
			</Text>
			{entries.slice(start, end).map((entry, offset) => {
				const isSelected = start + offset === state.detail?.list.cursor;
				const revoked = entry.revokedAt !== null;
				return (
					<Box key={`${entry.id ?? 'stored'}-${start + offset}`}>
						<Box width={2} flexShrink={0}>
							<Text bold color={theme.color('accent')}>
								{isSelected ? symbols.pointer : ' '}
							</Text>
						</Box>
						<Cell width={12} bold={entry.isStored}>
							{entry.isStored ? `${symbols.marked} this token` : '  other'}
						</Cell>
						<Cell>{entry.name ?? symbols.dash}</Cell>
						<Cell width={14} color={theme.color('muted')}>
							{entry.id ?? 'id unknown'}
						</Cell>
						<Cell width={10}>{formatDate(entry.expiresAt)}</Cell>
						<Cell width={10} color={revoked ? theme.color('error') : undefined}>
							{revoked ? `${symbols.fail} revoked` : ''}
						</Cell>
					</Box>
				);
			})}
		</Box>
	);
}
