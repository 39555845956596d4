// The benchmark's bare Ink program: as much text as the UI's first frame (39 lines of 119
// columns, with the marks the UI's rows have: ❯ ★ ✓), with no file read, no state and no logic.
// Bundled like the CLI (bench/lib/bare-ink.mjs), its spawn-to-first-frame time is what Ink itself
// costs on this machine.
import {Box, Text, render} from 'ink';

const line = index => `${index === 0 ? '❯' : ' '} ${index === 1 ? '★' : ' '} ${String(index).padStart(2, '0')} ${'bare ink '.repeat(13)}✓`.slice(0, 119);

render(
	<Box flexDirection="column">
		{Array.from({length: 39}, (_, index) => (
			<Text key={index}>{line(index)}</Text>
		))}
	</Box>,
);
