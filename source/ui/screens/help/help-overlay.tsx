import {Box} from 'ink';
import {Text} from '../../components/text.js';
import {useTheme} from '../../theme.js';
import {helpLines} from './help-lines.js';
import type {HelpState} from './help-reducer.js';

/** The `?` overlay: every key, grouped by where it works, scrollable. */
export function HelpOverlay({state, height}: {readonly state: HelpState; readonly height: number}) {
	const theme = useTheme();
	const lines = helpLines();
	const top = Math.min(state.top, Math.max(0, lines.length - height));
	const more = lines.length > height ? ` · ${top + 1}–${Math.min(lines.length, top + height)} of ${lines.length}, ↑↓ scroll` : '';
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				Keys{' '}
				<Text bold={false} color={theme.color('muted')}>
					(Esc or ? closes{more})
				</Text>
			</Text>
			{lines.slice(top, top + height).map((line, index) =>
				line.kind === 'title' ? (
					<Text key={index} bold color={theme.color('accent')} wrap="truncate-end">
						{line.text}
					</Text>
				) : (
					<Text key={index} wrap="truncate-end">
						{'  '}
						<Text bold>{line.keys.padEnd(14)}</Text>
						{line.text}
						<Text color={theme.color('muted')}> · {line.where}</Text>
					</Text>
				),
			)}
		</Box>
	);
}
