import {Box} from 'ink';
import {Text} from './text.js';
import {noticeLines} from '../state/layout.js';
import type {Notice} from '../state/notice.js';
import {useTheme} from '../theme.js';
import {ErrorPanel} from './error-panel.js';

const SYMBOL = {success: '✓', info: '•', warning: '⚠', error: '✗'} as const;

/** The result of the last action (an error becomes a panel with its fix), or what is running. */
export function NoticeLine({notice, busy, columns}: {readonly notice: Notice | null; readonly busy: string | null; readonly columns: number}) {
	const theme = useTheme();
	if (busy) {
		return (
			<Text wrap="truncate-end" color={theme.color('info')}>
				… {busy}
			</Text>
		);
	}
	if (!notice) return null;
	const lines = noticeLines(notice, columns);
	if (notice.tone === 'error') return <ErrorPanel message={notice.text} fix={notice.fix} lines={lines} />;
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Box height={lines.text} overflow="hidden">
				<Text wrap="wrap" color={theme.color(notice.tone)}>
					{SYMBOL[notice.tone]} {notice.text}
				</Text>
			</Box>
			{notice.fix ? (
				<Box height={lines.fix} overflow="hidden" paddingLeft={2}>
					<Text wrap="wrap">{notice.fix}</Text>
				</Box>
			) : null}
		</Box>
	);
}
