import {Box} from 'ink';
import {Text} from './text.js';
import {useTheme} from '../theme.js';
import {symbols} from '../../text/index.js';

export interface ErrorPanelProps {
	readonly message: string;
	readonly fix?: string | null | undefined;
	readonly title?: string;
	/** Lines for the message and the fix, when the layout reserved them; default: as many as they wrap to. */
	readonly lines?: {readonly text: number; readonly fix: number};
}

/** A failure with its fix, in a border. Never a stack trace. */
export function ErrorPanel({message, fix, title = 'Error', lines}: ErrorPanelProps) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" borderStyle={symbols.border} borderColor={theme.color('error')} paddingX={1} flexShrink={0}>
			<Box height={lines?.text} overflow="hidden" flexShrink={0}>
				<Text wrap="wrap">
					<Text bold color={theme.color('error')}>
						{symbols.fail} {title}:
					</Text>{' '}
					{message}
				</Text>
			</Box>
			{fix ? (
				<Box height={lines ? Math.max(1, lines.fix) : undefined} overflow="hidden" flexShrink={0}>
					<Text wrap="wrap">Fix: {fix}</Text>
				</Box>
			) : null}
		</Box>
	);
}
