import {Box, Text} from 'ink';
import type {Inventory} from '../../core/index.js';
import {useTheme} from '../theme.js';

export interface TitleBarProps {
	readonly environment: string;
	readonly inventory: Inventory | null;
	readonly banner: string | null;
}

/** `notion-tokens · prod · /home/me/.config/notion · file store`, and the caller's banner. */
export function TitleBar({environment, inventory, banner}: TitleBarProps) {
	const theme = useTheme();
	const dir = inventory?.configDir ? inventory.configDir.path : inventory ? 'no config dir' : '…';
	const store = inventory ? `${inventory.store.kind === 'file' ? 'auth.json' : 'keychain'} store` : '';
	return (
		<Box flexDirection="column">
			<Box>
				<Text bold color={theme.color('accent')}>
					notion-tokens
				</Text>
				<Text> · env </Text>
				<Text bold>{environment}</Text>
				<Text> · </Text>
				<Box flexShrink={1}>
					<Text wrap="truncate-start">{dir}</Text>
				</Box>
				{store ? <Text color={theme.color('muted')}> · {store}</Text> : null}
			</Box>
			{banner ? (
				<Text wrap="truncate-end" color={theme.color('info')}>
					{banner}
				</Text>
			) : null}
		</Box>
	);
}
