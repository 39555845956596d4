import {Box} from 'ink';
import {Text} from './text.js';
import type {Inventory} from '../../core/index.js';
import {useTheme} from '../theme.js';

export interface TitleBarProps {
	readonly environment: string;
	readonly inventory: Inventory | null;
	readonly banner: string | null;
	readonly columns: number;
}

const NAME = 'notion-tokens';

/** Cuts the start of a path so that its end (the part that differs) stays visible. */
export const truncateStart = (text: string, width: number): string =>
	width <= 0 ? '' : text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;

/** `notion-tokens · env prod · /home/me/.config/notion · auth.json store`, and the caller's banner. */
export function TitleBar({environment, inventory, banner, columns}: TitleBarProps) {
	const theme = useTheme();
	const dir = inventory?.configDir ? inventory.configDir.path : inventory ? 'no config dir' : '…';
	const store = inventory ? ` · ${inventory.store.kind === 'file' ? 'auth.json' : 'keychain'} store` : '';
	const env = ` · env ${environment} · `;
	const room = columns - NAME.length - env.length - store.length;
	return (
		<Box flexDirection="column" flexShrink={0}>
			<Text wrap="truncate-end">
				<Text bold color={theme.color('accent')}>
					{NAME}
				</Text>
				{' · env '}
				<Text bold>{environment}</Text>
				{' · '}
				{truncateStart(dir, Math.max(8, room))}
				<Text color={theme.color('muted')}>{store}</Text>
			</Text>
			{banner ? (
				<Text wrap="truncate-end" color={theme.color('info')}>
					{banner}
				</Text>
			) : null}
		</Box>
	);
}
