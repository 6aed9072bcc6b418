/**
 * Reading and writing the tools' files without ever changing a byte by accident: files are read as
 * strict UTF-8 (anything else is refused rather than re-encoded), written atomically (temp file and
 * rename, through symlinks to their target) with mode 0600, and a missing directory is created 0700.
 */
import { mkdir, readFile, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AkvaultError } from '../../errors';

export interface TextFile {
  text: string;
  /** Permission bits (e.g. 0o644), restored when akvault hands the file back. */
  mode: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
}

export function ioError(action: string, file: string, e: unknown): AkvaultError {
  // Only the errno code: a library message could quote file content.
  return new AkvaultError('handoff.io', `Could not ${action} ${file} (${errno(e)}).`, {
    params: { path: file, errno: errno(e) },
    hint: 'Check that the file and its folder belong to you and are writable, then try again.',
    cause: e,
  });
}

export function refused(file: string, reason: string, hint: string): AkvaultError {
  return new AkvaultError('handoff.file-refused', `akvault left ${file} untouched: ${reason}.`, {
    params: { path: file },
    hint,
  });
}

/** The file's text and mode, or null when it does not exist. */
export async function readTextFile(file: string): Promise<TextFile | null> {
  let bytes: Buffer;
  let mode: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw refused(file, 'it is not a regular file', 'Move whatever is at that path away, or turn this handoff off.');
    mode = st.mode & 0o777;
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof AkvaultError) throw e;
    if (errno(e) === 'ENOENT') return null;
    throw ioError('read', file, e);
  }
  try {
    return { text: utf8.decode(bytes), mode };
  } catch {
    throw refused(file, 'it is not UTF-8 text', 'Convert the file to UTF-8, or turn this handoff off.');
  }
}

/**
 * Creates the file's directory (0700) if it is missing. Returns the topmost directory it created, so
 * the caller can remove it again if it stays empty, or null.
 */
export async function ensureDir(file: string): Promise<string | null> {
  try {
    return (await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })) ?? null;
  } catch (e) {
    throw ioError('create the folder for', file, e);
  }
}

export async function writeTextFile(file: string, text: string, mode = 0o600): Promise<void> {
  try {
    await writeFileAtomic(file, text, { mode, encoding: 'utf8' });
  } catch (e) {
    throw ioError('write', file, e);
  }
}

export async function removeFile(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (e) {
    if (errno(e) !== 'ENOENT') throw ioError('remove', file, e);
  }
}

/**
 * Removes the folders akvault created for `file` (from its folder up to `createdTop`), each only if it
 * is empty; anything else, or any error, leaves the folder where it is.
 */
export async function removeCreatedDirs(file: string, createdTop: string | null): Promise<void> {
  if (!createdTop) return;
  const top = path.resolve(createdTop);
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (dir !== top && !dir.startsWith(`${top}${path.sep}`)) return;
    const removed = await rmdir(dir).then(
      () => true,
      () => false,
    );
    if (!removed || dir === top) return;
  }
}

/** Where the one backup of a tool file is kept: next to it, so the user finds it. */
export function backupPathOf(file: string): string {
  return `${file}.akvault-backup`;
}
