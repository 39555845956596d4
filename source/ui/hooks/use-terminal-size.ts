import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {Size} from '../state/app-state.js';

const FALLBACK: Size = {columns: 80, rows: 24};

/** The size of a terminal, or 80×24 when it does not say. */
export const terminalSize = (stdout: NodeJS.WriteStream): Size => ({
	columns: stdout.columns || FALLBACK.columns,
	rows: stdout.rows || FALLBACK.rows,
});

/** The terminal's size, updated on resize. A fixed size (tests) wins. */
export function useTerminalSize(fixed?: Size): Size {
	const {stdout} = useStdout();
	const [size, setSize] = useState<Size>(() => fixed ?? terminalSize(stdout));
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(terminalSize(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
