import type {ReactNode} from 'react';
import {useTheme} from '../theme.js';
import {Text} from './text.js';

export type FieldProps = {readonly name: string; readonly children: ReactNode};

const fields = new Map<number, (props: FieldProps) => ReactNode>();

/**
 * The `name  value` lines of a detail view whose names take `width` columns: the name muted, and
 * always a space before the value, which is cut at the screen's edge. One component per width.
 */
export function fieldOf(width: number): (props: FieldProps) => ReactNode {
	let field = fields.get(width);
	if (!field) {
		field = function Field({name, children}: FieldProps) {
			const theme = useTheme();
			return (
				<Text wrap="truncate-end">
					<Text color={theme.color('muted')}>{`${name} `.padEnd(width)}</Text>
					{children}
				</Text>
			);
		};
		fields.set(width, field);
	}
	return field;
}
