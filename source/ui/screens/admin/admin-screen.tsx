import {Box} from 'ink';
import {fieldOf} from '../../components/field.js';
import {Text} from '../../components/text.js';
import {memo} from 'react';
import {daysUntil, type PatRecord} from '../../../core/index.js';
import {ErrorPanel} from '../../components/error-panel.js';
import {formatAge} from '../../format.js';
import {windowOf} from '../../state/list.js';
import {fit, symbols} from '../../../text/index.js';
import {useTheme} from '../../theme.js';
import {pickMatches, pickTarget, selectedPat, SORT_TITLES, UNUSED_DAYS, type AdminState} from './admin-reducer.js';

export interface AdminScreenProps {
	readonly state: AdminState;
	readonly height: number;
	readonly columns: number;
	readonly now: Date;
}

/** Control characters and bidirectional overrides in Notion's text become spaces. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
export const clean = (text: string): string => text.replace(CONTROL, ' ');

const day = (ms: number | null): string => (ms === null ? symbols.dash : new Date(ms).toISOString().slice(0, 10));
const patName = (pat: PatRecord): string => (pat.name === null ? '(unnamed)' : clean(pat.name));
const person = (who: {id: string; name: string | null; email: string | null}): string => {
	const name = who.name === null ? null : clean(who.name);
	const email = who.email === null ? null : clean(who.email);
	return name && email ? `${name} <${email}>` : (name ?? email ?? who.id);
};
const expires = (pat: PatRecord, now: number): string => (pat.expiresAt === null ? 'never' : `${day(pat.expiresAt)} (${daysUntil(pat.expiresAt, now)}d)`);
const workspaceLabel = (state: AdminState): string => (state.workspace?.name ? clean(state.workspace.name) : (state.workspace?.id ?? ''));

const W = {pointer: 2, mark: 2, expires: 17, used: 10, status: 9} as const;
const STATUS_TONE = {active: 'success', expired: 'warning', revoked: 'error'} as const;

function layoutFor(width: number) {
	// `ok revoked` in ASCII is a column wider than `✓ revoked`.
	const status = Math.max(W.status, `${symbols.ok} revoked`.length);
	const flexible = Math.max(16, width - W.pointer - W.mark - W.expires - W.used - status - 4);
	const name = Math.max(8, Math.floor(flexible * 0.45));
	return {name, creator: Math.max(8, flexible - name)};
}

const PatLine = memo(function PatLine(props: {
	readonly pat: PatRecord;
	readonly isSelected: boolean;
	readonly isMarked: boolean;
	readonly result: {readonly ok: boolean; readonly text: string} | undefined;
	readonly nameWidth: number;
	readonly creatorWidth: number;
	readonly now: number;
}) {
	const theme = useTheme();
	const {pat, isSelected, isMarked, result, nameWidth, creatorWidth, now} = props;
	const status = result ? (result.ok ? `${symbols.ok} revoked` : `${symbols.fail} failed`) : pat.status;
	const tone = result ? (result.ok ? 'success' : 'error') : STATUS_TONE[pat.status];
	return (
		<Text wrap="truncate-end">
			<Text bold color={theme.color('accent')}>
				{isSelected ? `${symbols.pointer} ` : '  '}
			</Text>
			<Text color={theme.color('accent')}>{isMarked ? `${symbols.marked} ` : '  '}</Text>
			<Text bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
				{fit(patName(pat), nameWidth)}
			</Text>{' '}
			{fit(person(pat.creator), creatorWidth)} {fit(expires(pat, now), W.expires)} {fit(pat.lastUsedAt === null ? 'never' : day(pat.lastUsedAt), W.used)}{' '}
			<Text color={theme.color(tone)}>{status}</Text>
		</Text>
	);
});

const Field = fieldOf(11);

function PatDetail({state, now}: {readonly state: AdminState; readonly now: number}) {
	const theme = useTheme();
	const pat = selectedPat(state);
	if (!pat) return null;
	const result = state.results.get(pat.id);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{patName(pat)} <Text color={theme.color('muted')}>{`${symbols.dot} ${workspaceLabel(state)}`}</Text>
			</Text>
			<Field name="id">{pat.id}</Field>
			<Field name="status">
				<Text color={theme.color(STATUS_TONE[pat.status])}>{pat.status}</Text>
				{state.marked.has(pat.id) ? ` ${symbols.dot} marked` : ''}
			</Field>
			<Field name="creator">{person(pat.creator)}</Field>
			<Field name="created">{day(pat.createdAt)}</Field>
			<Field name="expires">{expires(pat, now)}</Field>
			<Field name="last used">{pat.lastUsedAt === null ? 'never' : day(pat.lastUsedAt)}</Field>
			{pat.revokedAt !== null || pat.revokedBy !== null ? (
				<Field name="revoked">
					{day(pat.revokedAt)}
					{pat.revokedBy ? ` by ${person(pat.revokedBy)} (${pat.revokedBy.type.replaceAll('_', ' ')})` : ''}
				</Field>
			) : null}
			{result ? (
				<Field name="last revoke">
					<Text color={theme.color(result.ok ? 'success' : 'error')}>{result.ok ? `${symbols.ok} revoked` : `${symbols.fail} ${result.text}`}</Text>
				</Field>
			) : null}
		</Box>
	);
}

function Picker({state, height}: {readonly state: AdminState; readonly height: number}) {
	const theme = useTheme();
	const matches = pickMatches(state);
	const {start, end} = windowOf(state.pickList, matches.length, height);
	const target = pickTarget(state);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={theme.color('muted')}>
				Which workspace's PATs? Pick one of ntn's, or type a workspace id.
			</Text>
			<Text wrap="truncate-end">
				<Text color={theme.color('accent')}>{'> '}</Text>
				{clean(state.pickText)}
				<Text color={theme.color('muted')}>{symbols.caret}</Text>
			</Text>
			{matches.length === 0 ? (
				<Text color={theme.color('muted')}>
					{target
						? `Enter reviews workspace ${target.id}`
						: state.choices.length === 0
							? 'ntn knows no workspace here: type a workspace id.'
							: 'No cached workspace matches.'}
				</Text>
			) : (
				matches.slice(start, end).map((choice, offset) => {
					const isSelected = start + offset === state.pickList.cursor;
					return (
						<Text key={choice.id} wrap="truncate-end" bold={isSelected} color={isSelected ? theme.color('accent') : undefined}>
							{isSelected ? `${symbols.pointer} ` : '  '}
							{choice.name === null ? choice.id : `${clean(choice.name)}  `}
							<Text color={theme.color('muted')}>{choice.name === null ? '' : choice.id}</Text>
						</Text>
					);
				})
			)}
		</Box>
	);
}

/** What the list shows: the fetch, the filters and how many are marked. */
export function summaryLine(state: AdminState, now: Date): string {
	const count = state.pats.length;
	const fetch =
		state.status === 'loading'
			? `fetching${symbols.ellipsis} page ${state.pages}`
			: state.remembered
				? `remembered from ${formatAge(state.fetchedAt, now)} (Notion not reached)`
				: state.fetchedAt
					? `fetched ${formatAge(state.fetchedAt, now)}`
					: '';
	const shown = state.view.length === count ? `${count} PATs` : `${state.view.length} of ${count} PATs`;
	return [workspaceLabel(state), shown, fetch].filter(Boolean).join(` ${symbols.dot} `);
}

export function filtersLine(state: AdminState): string {
	const parts = [`status ${state.statusFilter}`, `sort ${SORT_TITLES[state.sort]}`];
	if (state.quick === 'expired') parts.push('expired');
	if (state.quick === 'expiring') parts.push(`expiring within ${state.windowDays} days`);
	if (state.quick === 'unused') parts.push(`unused ${UNUSED_DAYS}+ days`);
	if (state.creator) parts.push(`by ${clean(state.creator.label)}`);
	if (state.filter !== '' || state.editing) parts.push(`/${clean(state.filter)}${state.editing ? symbols.caret : ''}`);
	if (state.marked.size > 0) parts.push(`${state.marked.size} marked`);
	return parts.join(` ${symbols.dot} `);
}

/** Screen 4: a workspace's PATs through Notion's Admin API. */
export function AdminScreen({state, height, columns, now}: AdminScreenProps) {
	const theme = useTheme();
	if (state.phase === 'pick') return <Picker state={state} height={height} />;
	if (state.detail) return <PatDetail state={state} now={state.now || now.getTime()} />;
	if (state.status === 'error' && state.error && state.pats.length === 0) return <ErrorPanel message={state.error.message} fix={state.error.fix} />;
	const layout = layoutFor(columns);
	const {start, end} = windowOf(state.list, state.view.length, height);
	const at = state.now || now.getTime();
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={state.status === 'error' ? theme.color('warning') : theme.color('muted')}>
				{state.status === 'error' && state.error ? `${summaryLine(state, now)} ${symbols.dot} ${state.error.message}` : summaryLine(state, now)}
			</Text>
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{filtersLine(state)}
			</Text>
			<Text wrap="truncate-end" color={theme.color('muted')}>
				{'    '}
				{fit('NAME', layout.name)} {fit('CREATOR', layout.creator)} {fit('EXPIRES', W.expires)} {fit('LAST USED', W.used)} STATUS
			</Text>
			{state.view.length === 0 ? (
				<Text color={theme.color('muted')}>
					{state.status === 'loading'
						? `Waiting for the first page${symbols.ellipsis}`
						: state.pats.length === 0
							? 'No PATs in this workspace.'
							: 'No PAT matches.'}
				</Text>
			) : (
				state.view.slice(start, end).map((index, offset) => {
					const pat = state.pats[index]!;
					return (
						<PatLine
							key={pat.id}
							pat={pat}
							isSelected={start + offset === state.list.cursor}
							isMarked={state.marked.has(pat.id)}
							result={state.results.get(pat.id)}
							nameWidth={layout.name}
							creatorWidth={layout.creator}
							now={at}
						/>
					);
				})
			)}
		</Box>
	);
}
