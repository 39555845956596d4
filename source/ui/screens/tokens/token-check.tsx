import type {TokenRow} from '../../../core/index.js';
import {fieldOf} from '../../components/field.js';
import {Text} from '../../components/text.js';
import {attemptText, checkText, formatAge, outcomeLabel, tokenStatus} from '../../format.js';
import {symbols} from '../../../text/index.js';
import {useTheme} from '../../theme.js';

/**
 * A token's Status and Check lines in its details (fields `width` wide): Notion's last definite
 * answer, with a later attempt that got no answer shown beside it, never in its place (the attempt
 * alone when nothing was known); `identity` follows the answer.
 */
export function StatusAndCheck({
	row,
	now,
	width,
	identity = '',
}: {
	readonly row: TokenRow;
	readonly now: Date;
	readonly width: number;
	readonly identity?: string;
}) {
	const theme = useTheme();
	const Field = fieldOf(width);
	const status = tokenStatus(row);
	const check = row.check.outcome === 'unchecked' && row.lastAttempt ? row.lastAttempt : row.check;
	return (
		<>
			<Field name="Status">
				<Text color={theme.color(status.tone)}>
					{status.symbol} {status.text}
				</Text>
			</Field>
			<Field name="Check">
				<Text color={theme.color(outcomeLabel(check.outcome).tone)}>{checkText(check)}</Text>
				{check.checkedAt ? ` ${symbols.dot} checked ${formatAge(check.checkedAt, now)}` : ''}
				{identity}
				{row.lastAttempt && check !== row.lastAttempt ? (
					<Text color={theme.color('warning')}>{` ${symbols.dot} then ${attemptText(row.lastAttempt, now)}`}</Text>
				) : null}
			</Field>
		</>
	);
}
