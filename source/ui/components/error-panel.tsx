import {Box, Text} from 'ink';
import {useTheme} from '../theme.js';

export interface ErrorPanelProps {
	readonly message: string;
	readonly fix?: string | null | undefined;
	readonly title?: string;
	/** Lines for the message and the fix; default one each (longer text is cut). */
	readonly lines?: {readonly text: number; readonly fix: number};
}

/** A failure with its fix, in a border. Never a stack trace. */
export function ErrorPanel({message, fix, title = 'Error', lines = {text: 1, fix: 1}}: ErrorPanelProps) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={theme.color('error')} paddingX={1} flexShrink={0}>
			<Box height={lines.text} overflow="hidden">
				<Text wrap={lines.text > 1 ? 'wrap' : 'truncate-end'}>
					<Text bold color={theme.color('error')}>
						✗ {title}:
					</Text>{' '}
					{message}
				</Text>
			</Box>
			{fix ? (
				<Box height={Math.max(1, lines.fix)} overflow="hidden">
					<Text wrap={lines.fix > 1 ? 'wrap' : 'truncate-end'}>Fix: {fix}</Text>
				</Box>
			) : null}
		</Box>
	);
}
