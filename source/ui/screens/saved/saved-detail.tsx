import {Box} from 'ink';
import {fieldOf} from '../../components/field.js';
import {Text} from '../../components/text.js';
import {describeIdentity, doesNotExpire, type DateSource, type TokenRow} from '../../../core/index.js';
import {formatAge, formatDate, formatDaysLeft} from '../../format.js';
import {StatusAndCheck} from '../tokens/token-check.js';
import {symbols, unreadableNote} from '../../../text/index.js';
import {useTheme} from '../../theme.js';

const SOURCE: Record<DateSource, string> = {notion: 'from Notion', you: 'as you gave it', computed: 'computed'};

const FIELD_WIDTH = 10;
const Field = fieldOf(FIELD_WIDTH);

/** A saved token in full (masked): whom it acts as, its dates and where they came from, last use, note. */
export function SavedDetail({row, now}: {readonly row: TokenRow; readonly now: Date}) {
	const theme = useTheme();
	const saved = row.saved;
	if (!saved) return null;
	const kind =
		saved.kind === 'pat'
			? 'personal access token'
			: saved.kind === 'connection'
				? 'internal connection'
				: saved.kind === 'admin'
					? 'Admin API token'
					: 'kind not known yet';
	const expiry = doesNotExpire(row)
		? 'none'
		: saved.expiresAt === null
			? `unknown ${symbols.dash} set it (E)`
			: `${formatDate(saved.expiresAt)} ${symbols.dot} ${formatDaysLeft(row.daysLeft)} ${symbols.dot} ${saved.expirySource ? SOURCE[saved.expirySource] : ''}${saved.lifetime ? ` (${saved.lifetime})` : ''}`;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{symbols.saved} {saved.label}{' '}
				<Text bold={false} color={theme.color('muted')}>
					{symbols.dot} saved in {saved.storage === 'file' ? 'tokens.json' : 'the credential store'} {symbols.dot} {kind}
				</Text>
			</Text>
			<Field name="Token">{saved.masked}</Field>
			<Field name="Acts as">
				{saved.kind === 'admin' ? 'not checked (Admin API)' : saved.identity ? describeIdentity(saved.identity) : `not known yet ${symbols.dot} r asks Notion`}
			</Field>
			<Field name="Expires">{expiry}</Field>
			<Field name="Created">
				{saved.createdAt ? `${formatDate(saved.createdAt)} ${symbols.dot} ${saved.createdSource ? SOURCE[saved.createdSource] : ''}` : symbols.dash}
			</Field>
			<Field name="Saved">{formatAge(saved.addedAt, now)}</Field>
			<Field name="Last use">
				{saved.lastUsedAt ? `${formatAge(saved.lastUsedAt, now)} (exec)` : 'never through exec'}
				{row.unused ? <Text color={theme.color('warning')}>{` ${symbols.dot} unused ${symbols.dash} revoke it if nothing needs it`}</Text> : null}
			</Field>
			<StatusAndCheck row={row} now={now} width={FIELD_WIDTH} />
			{row.unreadable ? <Text color={theme.color('error')}>{unreadableNote(row.unreadable)}</Text> : null}
			<Field name="Note">{saved.note ?? symbols.dash}</Field>
			{saved.history.length > 0 ? (
				<Field name="Replaced">{saved.history.map(entry => `${entry.masked} on ${formatDate(entry.replacedAt)}`).join(` ${symbols.dot} `)}</Field>
			) : null}
			<Text wrap="truncate-end" color={theme.color('muted')}>
				E edit expiry/note {symbols.dot} R rotate {symbols.dot} D remove {symbols.dot} notion-tokens exec {saved.label} -- &lt;command&gt;
			</Text>
		</Box>
	);
}
