/**
 * The clipboard through the terminal (OSC 52), as editors and multiplexers do: works over SSH and
 * in tmux (`set-clipboard on`). The text travels base64-encoded, so nothing in it can act as a
 * control sequence.
 */
export const osc52 = (text: string): string => `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;

export function copyWithOsc52(text: string, output: NodeJS.WritableStream = process.stdout): void {
	output.write(osc52(text));
}
