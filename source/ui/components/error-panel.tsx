import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';

export interface ErrorPanelProps {
	readonly message: string;
	readonly fix?: string | null | undefined;
	/** Lines of text inside the border (message + fix); longer text is truncated. */
	readonly title?: string;
}

/** A failure with its fix, in a border. Never a stack trace. */
export function ErrorPanel({message, fix, title = 'Error'}: ErrorPanelProps) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color('error')} paddingX={1} flexShrink={0}>
			<Text wrap="truncate-end">
				<Text bold color={theme.color('error')}>
					✗ {title}:
				</Text>{' '}
				{message}
			</Text>
			{fix ? <Text wrap="truncate-end">Fix: {fix}</Text> : null}
		</Box>
	);
}
