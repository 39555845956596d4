/**
 * sh lines that give "$1" a read-only copy of the files in "$2": a tmpfs mounted on "$1", filled,
 * then remounted read-only. Run them through `unshare --mount --propagation private` so the mount
 * exists only for that command; the lines shift both arguments off, leaving the command in "$@".
 */
export const READ_ONLY_COPY = [
	'dir="$1"; src="$2"; shift 2',
	'mount -t tmpfs -o size=8m,mode=0755 tmpfs "$dir"',
	'cp -p "$src"/* "$dir"/',
	'mount -o remount,ro "$dir"',
];
