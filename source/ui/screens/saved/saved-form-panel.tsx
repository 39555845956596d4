import {Box} from 'ink';
import {Text} from '../../components/text.js';
import {symbols} from '../../../text/index.js';
import {useTheme} from '../../theme.js';
import {formTitle, shownValue, type FormDialog} from './saved-form.js';

/** The saved-token form in a border above the footer: one line per field; a masked field shows only dots. */
export function FormPanel({form}: {readonly form: FormDialog}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle={symbols.border} borderColor={theme.color('accent')} paddingX={1} flexShrink={0}>
			<Text bold wrap="truncate-end">
				{formTitle(form.purpose)}
			</Text>
			{form.fields.map((entry, index) => {
				const focused = index === form.focus;
				const shown = shownValue(entry);
				return (
					<Text key={entry.name} wrap="truncate-end">
						<Text color={focused ? theme.color('accent') : theme.color('muted')}>{`${focused ? symbols.pointer : ' '} ${entry.title.padEnd(10)}`}</Text>
						<Text bold={focused}>{shown}</Text>
						{focused ? <Text inverse> </Text> : null}
						{shown === '' ? <Text color={theme.color('muted')}>{` ${entry.placeholder}`}</Text> : null}
					</Text>
				);
			})}
			<Text wrap="truncate-end" color={form.problem ? theme.color('error') : theme.color('muted')}>
				{form.problem ? `${symbols.fail} ${form.problem} ` : ''}Tab/{symbols.down} next field {symbols.dot} Enter{' '}
				{form.purpose.kind === 'add' ? 'next, then save' : 'save'} {symbols.dot} Esc cancel
			</Text>
		</Box>
	);
}
