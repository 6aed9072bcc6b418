import lockfile from 'proper-lockfile';
import { AkvaultError } from '../errors';
import { ensurePrivateDir } from './private-files';
import path from 'node:path';

/**
 * A cross-process lock next to a file (`<file>.lock`, a directory: mkdir is atomic everywhere).
 *
 * The holder refreshes the lock's mtime every `update` ms; a lock older than `stale` ms is taken to be
 * left by a crashed process and taken over. Waiting retries for a little longer than `stale`, so a
 * crashed holder costs the next command at most that long instead of an error.
 */
export interface LockOptions {
  staleMs?: number;
  updateMs?: number;
  /** Total retries while another process holds the lock. */
  retries?: number;
}

const DEFAULTS = { staleMs: 10_000, updateMs: 2_000, retries: 80 } as const;

export async function withFileLock<T>(file: string, fn: (assertHeld: () => void) => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lockPath = `${file}.lock`;
  await ensurePrivateDir(path.dirname(file));
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      lockfilePath: lockPath,
      realpath: false, // the file may not exist yet
      stale: opts.staleMs ?? DEFAULTS.staleMs,
      update: opts.updateMs ?? DEFAULTS.updateMs,
      retries: { retries: opts.retries ?? DEFAULTS.retries, factor: 1.3, minTimeout: 15, maxTimeout: 250, randomize: true },
      onCompromised: (err) => {
        // The default throws from a timer and would crash the process; record it and refuse to write instead.
        compromised = err;
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new AkvaultError('store.locked', `${file} is being changed by another akvault process.`, {
        params: { file, lock: lockPath },
        hint: `Retry in a moment. If no other akvault is running, the lock ${lockPath} is left over from a crash: it expires by itself within ${Math.round((opts.staleMs ?? DEFAULTS.staleMs) / 1000)} s, or delete it.`,
        cause: e,
      });
    }
    throw new AkvaultError('store.io', `Cannot lock ${file}.`, { params: { file }, hint: 'Check that the data directory is writable.', cause: e });
  }
  const assertHeld = () => {
    if (compromised) {
      throw new AkvaultError('store.locked', `Lost the lock on ${file} (the system stalled for too long); nothing was written.`, {
        params: { file },
        hint: 'Retry.',
        cause: compromised,
      });
    }
  };
  try {
    return await fn(assertHeld);
  } finally {
    await release().catch(() => {
      // Already released or compromised: the work above decided what to report.
    });
  }
}
