import {Box, Text} from 'ink';
import type {Notice} from '../state/notice.js';
import {useTheme} from '../theme.js';
import {ErrorPanel} from './error-panel.js';

const SYMBOL = {success: '✓', info: '•', warning: '⚠', error: '✗'} as const;

/** The result of the last action (an error becomes a panel with its fix), or what is running. */
export function NoticeLine({notice, busy}: {readonly notice: Notice | null; readonly busy: string | null}) {
	const theme = useTheme();
	if (busy) {
		return (
			<Text wrap="truncate-end" color={theme.color('info')}>
				… {busy}
			</Text>
		);
	}
	if (!notice) return null;
	if (notice.tone === 'error') return <ErrorPanel message={notice.text} fix={notice.fix} />;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end" color={theme.color(notice.tone)}>
				{SYMBOL[notice.tone]} {notice.text}
			</Text>
			{notice.fix ? <Text wrap="truncate-end">  {notice.fix}</Text> : null}
		</Box>
	);
}
