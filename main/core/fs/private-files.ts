import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Files only the user may read: directories 0700, files 0600, replaced atomically so a crash or a
 * SIGKILL at any moment leaves either the old or the new content, never a torn file.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export async function ensurePrivateDir(dir: string): Promise<void> {
  // `mode` applies to every directory mkdir creates; an existing directory (perhaps chosen by the user
  // through AKVAULT_HOME) keeps its permissions.
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Temp file + fsync + rename over the target, mode 0600. */
export async function writePrivateFileAtomic(file: string, data: string | Buffer): Promise<void> {
  await ensurePrivateDir(path.dirname(file));
  await writeFileAtomic(file, data, { mode: PRIVATE_FILE_MODE, fsync: true });
}

/**
 * The first half of an atomic write, for callers that must do something between writing and publishing
 * (the sealed store updates the keychain in between). Returns the temp path; pass it to publishTemp or
 * discardTemp.
 */
export async function writePrivateTemp(file: string, data: Buffer): Promise<string> {
  await ensurePrivateDir(path.dirname(file));
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  const handle = await fsp.open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

export async function publishTemp(temp: string, file: string): Promise<void> {
  await fsp.rename(temp, file);
}

export async function discardTemp(temp: string): Promise<void> {
  await fsp.rm(temp, { force: true });
}

/** Whether a file (or folder) is there; any error reading it counts as "not there". */
export async function exists(file: string): Promise<boolean> {
  try {
    await fsp.access(file);
    return true;
  } catch {
    return false;
  }
}
