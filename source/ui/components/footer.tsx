import {Text} from 'ink';
import {footerLine, type Context} from '../keymap.js';
import {useTheme} from '../theme.js';

export interface FooterProps {
	readonly context: Context;
	readonly columns: number;
	readonly problems: readonly string[];
}

/** One line: the keys of the current context, from the key map. */
export function Footer({context, columns, problems}: FooterProps) {
	const theme = useTheme();
	return (
		<Text wrap="truncate-end" color={theme.color('muted')}>
			{footerLine(context, columns, {problems})}
		</Text>
	);
}
