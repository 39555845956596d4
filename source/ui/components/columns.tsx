import {Box} from 'ink';
import {Text} from './text.js';
import type {ReactNode} from 'react';

/** A fixed-width cell; text longer than the cell is cut with `…`. */
export function Cell({
	width,
	children,
	color,
	bold,
	dim,
}: {
	readonly width?: number;
	readonly children: ReactNode;
	readonly color?: string | undefined;
	readonly bold?: boolean;
	readonly dim?: boolean;
}) {
	return (
		<Box
			width={width}
			flexGrow={width === undefined ? 1 : 0}
			flexShrink={width === undefined ? 1 : 0}
			flexBasis={width === undefined ? 0 : undefined}
			marginRight={1}
		>
			<Text wrap="truncate-end" color={color} bold={bold} dimColor={dim}>
				{children}
			</Text>
		</Box>
	);
}
