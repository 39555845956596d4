import {Box} from 'ink';
import {Text} from '../../components/text.js';
import {useTheme} from '../../theme.js';
import type {Dialog} from './dialog-reducer.js';
import {dialogText} from './dialog-text.js';
import {FormPanel} from '../saved/saved-form-panel.js';
import {symbols} from '../../../text/index.js';

/** The y/N question or the typed confirmation, in a border above the footer (5 lines). */
export function DialogPanel({dialog}: {readonly dialog: Dialog}) {
	const theme = useTheme();
	if (dialog.kind === 'form') return <FormPanel form={dialog} />;
	const text = dialogText(dialog);
	const isDanger = dialog.intent.kind !== 'logout' || dialog.kind === 'type-confirm';
	return (
		<Box flexDirection="column" borderStyle={symbols.border} borderColor={theme.color('warning')} paddingX={1} flexShrink={0}>
			<Text bold wrap="truncate-end">
				{isDanger ? '⚠ ' : ''}
				{text.title}
			</Text>
			<Text wrap="truncate-end">{text.detail}</Text>
			{dialog.kind === 'type-confirm' ? (
				<Text wrap="truncate-end">
					{'> '}
					<Text bold>{dialog.typed}</Text>
					<Text inverse> </Text>
					{'  '}
					<Text color={dialog.mismatch ? theme.color('error') : theme.color('muted')}>
						{dialog.mismatch ? '✗ ' : ''}
						{text.hint}
					</Text>
				</Text>
			) : (
				<Text wrap="truncate-end" color={theme.color('muted')}>
					{text.hint}
				</Text>
			)}
		</Box>
	);
}
