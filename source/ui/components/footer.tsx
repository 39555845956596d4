import {Text} from './text.js';
import {FOOTER_SEPARATOR, footerFit, type Context} from '../keymap.js';
import {useTheme} from '../theme.js';

export interface FooterProps {
	readonly context: Context;
	readonly columns: number;
	readonly problems: readonly string[];
}

/** One line: the keys of the current context, from the key map. */
export function Footer({context, columns, problems}: FooterProps) {
	const theme = useTheme();
	const items = footerFit(context, columns, {problems});
	return (
		<Text wrap="truncate-end">
			{items.map((item, index) => (
				<Text key={`${item.keys}-${item.label}`}>
					{index > 0 ? FOOTER_SEPARATOR : ''}
					<Text bold>{item.keys}</Text>
					<Text color={theme.color('muted')}> {item.label}</Text>
				</Text>
			))}
		</Text>
	);
}
