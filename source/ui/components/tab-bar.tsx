import {Box} from 'ink';
import {Text} from './text.js';
import {SCREENS, SCREEN_TITLES, type Screen} from '../state/app-state.js';
import {useTheme} from '../theme.js';

export interface TabBarProps {
	readonly screen: Screen;
	/** Number of tokens in the Expiring screen, when known. */
	readonly expiringCount: number | null;
	/** `12/340`: where the cursor is in the current list. */
	readonly position: string | null;
	/** Whether the Admin screen exists (an admin token is available). */
	readonly adminAvailable?: boolean;
}

/** `[1 Workspaces]  2 Tokens  3 Expiring (2)`: the current screen in brackets and bold. */
export function TabBar({screen, expiringCount, position, adminAvailable = false}: TabBarProps) {
	const theme = useTheme();
	return (
		<Box flexShrink={0}>
			{SCREENS.map((name, index) => {
				if (name === 'admin' && !adminAvailable) return null;
				const isCurrent = name === screen;
				const count = name === 'expiring' && expiringCount ? ` (${expiringCount})` : '';
				const label = `${index + 1} ${SCREEN_TITLES[name]}${count}`;
				return (
					<Text key={name} bold={isCurrent} color={isCurrent ? theme.color('accent') : undefined}>
						{isCurrent ? `[${label}]` : ` ${label} `}
						{'  '}
					</Text>
				);
			})}
			<Box flexGrow={1} justifyContent="flex-end">
				<Text color={theme.color('muted')}>{position ?? ''}</Text>
			</Box>
		</Box>
	);
}
