/**
 * Notices edits of the profiles file by other processes (the CLI adding a profile while the app runs)
 * so the tray and window follow without a restart. Watches the data directory (the file is replaced
 * atomically, which a watch on the file itself would lose) and debounces bursts of events.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export function watchProfilesFile(file: string, onChange: () => void, debounceMs = 250): () => void {
  let watcher: FSWatcher | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref?.();
  };
  try {
    watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (!name || name.toString() === path.basename(file)) fire();
    });
    watcher.on('error', () => undefined);
  } catch {
    // No data directory yet or no watch support: the window still refreshes on its own actions.
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
