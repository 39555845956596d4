import {Box} from 'ink';
import {isGone, isRejected} from '../../../core/index.js';
import {Text} from '../../components/text.js';
import {ErrorPanel} from '../../components/error-panel.js';
import {expiryAction, expiryAdvice, formatAge, formatDaysLeft, unknownAdvice, unknownReason} from '../../format.js';
import {fit, symbols} from '../../../text/index.js';
import {useTheme} from '../../theme.js';
import {workspaceLabel} from '../tokens/tokens-screen.js';
import {attentionCount, selectedExpiring, selectedKnown, type ExpiringState, type GroupId} from './expiring-reducer.js';

export interface ExpiringScreenProps {
	readonly state: ExpiringState;
	readonly height: number;
	readonly columns: number;
	readonly now: Date;
	readonly windowDays: number;
}

const GROUP_TITLES = (windowDays: number): Record<GroupId, string> => ({
	expired: 'Expired or revoked',
	week: 'Within 7 days',
	window: `Within ${windowDays} days`,
	unknown: 'Expiry not known',
});

/**
 * Screen 3: tokens expired or expiring within the window, grouped, soonest first, then those whose
 * expiry is not known, with what to do. ✓ only when every expiry is known and none is near.
 */
export function ExpiringScreen({state, height, columns, now, windowDays}: ExpiringScreenProps) {
	const theme = useTheme();
	if (state.status === 'loading') return <Text color={theme.color('muted')}>Reading token dates{symbols.ellipsis}</Text>;
	if (state.status === 'error' && state.error) return <ErrorPanel message={state.error.message} fix={state.error.fix} />;
	const report = state.report;
	if (!report) return null;
	const days = report.withinDays || windowDays;
	const facts = report.oldestFactsAt ? `facts from Notion fetched ${formatAge(report.oldestFactsAt, now)}` : 'no facts from Notion yet: r fetches token dates';
	if (state.rows.length === 0) {
		return (
			<Box flexDirection="column">
				<Text wrap="truncate-end" color={theme.color('success')}>
					{symbols.ok} No token is expired or expires within {days} day{days === 1 ? '' : 's'}.
				</Text>
				<Text wrap="truncate-end" color={theme.color('muted')}>
					{facts}
				</Text>
			</Box>
		);
	}
	const attention = attentionCount(state);
	const summary =
		attention === 0
			? `Nothing known to be expired or expiring within ${days} day${days === 1 ? '' : 's'}`
			: `${attention} token${attention === 1 ? '' : 's'} need attention (window ${days} days)`;
	const titles = GROUP_TITLES(days);
	const top = Math.min(state.list.top, Math.max(0, state.lines.length - height));
	const selected = selectedExpiring(state);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={theme.color(attention === 0 ? 'warning' : 'muted')}>
				{summary} · {facts}
			</Text>
			{state.lines.slice(top, top + height).map(line => {
				if (line.kind === 'header') {
					return (
						<Text key={`h-${line.group}`} bold color={theme.color(line.group === 'expired' || line.group === 'week' ? 'error' : 'warning')}>
							{titles[line.group]} ({line.count})
						</Text>
					);
				}
				const row = state.rows[line.index];
				if (!row) return null;
				const isSelected = line.index === state.list.cursor;
				const known = line.group !== 'unknown';
				const gone = known && isGone(row);
				const mark = known ? (gone ? symbols.fail : symbols.warn) : '?';
				const action = known ? expiryAction(row) : 'refresh (r)';
				const when = !known
					? unknownReason(row)
					: row.expiry === 'revoked'
						? 'revoked'
						: row.expiry !== 'expired' && isRejected(row)
							? `rejected (${row.check.httpStatus ?? 401})`
							: formatDaysLeft(row.daysLeft);
				const name = Math.max(8, columns - 4 - 6 - 21 - (columns >= 70 ? 15 : 0) - 1);
				return (
					<Text key={`r-${line.index}`} wrap="truncate-end">
						<Text bold color={theme.color('accent')}>
							{isSelected ? `${symbols.pointer} ` : '  '}
						</Text>
						<Text color={theme.color(gone ? 'error' : 'warning')}>{mark} </Text>
						<Text bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
							{fit(workspaceLabel(row), name)}
						</Text>{' '}
						{fit(row.environment ?? 'shell', 5)} {fit(when, 20)}
						{columns >= 70 ? <Text color={theme.color('muted')}> {`${symbols.arrow} ${action}`}</Text> : null}
					</Text>
				);
			})}
			{selected ? (
				<Box height={2} overflow="hidden">
					<Text wrap="wrap" color={theme.color('info')}>
						What to do: {selectedKnown(state) ? expiryAdvice(selected) : unknownAdvice(selected)}
					</Text>
				</Box>
			) : null}
		</Box>
	);
}
