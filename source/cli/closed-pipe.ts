/**
 * A reader that stops early (`notion-tokens workspaces --json | head`) closes the pipe, and the next
 * write fails with EPIPE. Like other command-line tools, notion-tokens then writes nothing more to
 * that stream and finishes what it was doing without a message; the exit code is the command's own.
 * Any other write error is a real failure and is thrown as before.
 */
export function tolerateClosedPipe(stream: NodeJS.WriteStream): void {
	let closed = false;
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') closed = true;
		// Once closed, later writes fail again (the stream is destroyed): nothing more to say.
		if (closed) return;
		throw error;
	});
}
