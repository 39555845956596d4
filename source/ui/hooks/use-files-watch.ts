import fs from 'node:fs';
import path from 'node:path';
import {useEffect, useRef} from 'react';
import {ntnPaths} from '../../core/index.js';

/** Changes that arrive together (a write, then its rename; ntn's three files in a row) are one. */
const SETTLE_MS = 150;

/**
 * Calls `onChange` when config.json, workspaces.json or auth.json in ntn's config dir changes.
 * The directory is watched, not the files: ntn and notion-tokens replace a file by renaming a new
 * one over it, which a watch on the old file would never see. Stops watching on unmount, and
 * never keeps the process alive by itself.
 */
export function useFilesWatch(dir: string | null, onChange: () => void): void {
	const latest = useRef(onChange);
	latest.current = onChange;
	useEffect(() => {
		if (dir === null) return;
		const paths = ntnPaths(dir);
		const names = new Set([paths.config, paths.workspaces, paths.auth].map(file => path.basename(file)));
		let timer: NodeJS.Timeout | undefined;
		let watcher: fs.FSWatcher | undefined;
		const changed = () => {
			clearTimeout(timer);
			timer = setTimeout(() => latest.current(), SETTLE_MS);
			timer.unref();
		};
		try {
			watcher = fs.watch(dir, {persistent: false}, (_event, name) => {
				// Without a name the platform could not say which file changed: it may be one of ours.
				if (name === null || names.has(name.toString())) changed();
			});
			// A directory that goes away (or a watch the platform refuses) ends watching; `r` still reads.
			watcher.on('error', () => watcher?.close());
		} catch {
			return;
		}
		return () => {
			clearTimeout(timer);
			watcher?.close();
		};
	}, [dir]);
}
