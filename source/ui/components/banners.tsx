import {Box} from 'ink';
import {Text} from './text.js';
import type {BannerLine} from '../state/layout.js';
import {useTheme} from '../theme.js';

/** One or two lines each: expiry warning, shell overrides, problems with their fix. */
export function Banners({banners}: {readonly banners: readonly BannerLine[]}) {
	const theme = useTheme();
	return (
		<>
			{banners.map((banner, index) => (
				<Box key={index} height={banner.lines} overflow="hidden" flexShrink={0}>
					<Text wrap={banner.lines > 1 ? 'wrap' : 'truncate-end'} color={theme.color(banner.tone)}>
						{banner.text}
					</Text>
				</Box>
			))}
		</>
	);
}
