/**
 * `helper.json` in the data directory: how a CLI process finds the running app or `akvault serve`.
 * `{"url": "http://127.0.0.1:<port>", "token": "<bearer token>", "pid": <owner>}`, mode 0600.
 *
 * The owner creates it exclusively (write a private temp file, then hard-link it into place: the file
 * appears complete or not at all, and never over a live owner's), and removes it on exit if it is
 * still its own. Readers trust it only after checking it (shape, owner uid) and asking the helper
 * itself (see helper-client.ts): a file left by a crashed process is simply ignored.
 *
 * Deliberately light (node:fs only): `env`/`exec` read it on every start.
 */
import { promises as fsp, unlinkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AkvaultError } from '../errors';

export interface HelperInfo {
  url: string;
  token: string;
  pid: number;
}

export type HelperFileState =
  | { state: 'missing' }
  | { state: 'invalid'; reason: string }
  | { state: 'found'; info: HelperInfo };

// The helper binds 127.0.0.1 only; anything else in the file did not come from akvault.
const URL_PATTERN = /^http:\/\/127\.0\.0\.1:(\d{1,5})$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43,512}$/;

/** The file's content if it is exactly what an owner writes, else null. */
export function parseHelperInfo(text: string): HelperInfo | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { url, token, pid } = value as Record<string, unknown>;
  if (typeof url !== 'string' || typeof token !== 'string' || typeof pid !== 'number') return null;
  const port = URL_PATTERN.exec(url)?.[1];
  if (port === undefined || Number(port) < 1 || Number(port) > 65_535) return null;
  if (!TOKEN_PATTERN.test(token)) return null;
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return { url, token, pid };
}

export function serializeHelperInfo(info: HelperInfo): string {
  return `${JSON.stringify({ url: info.url, token: info.token, pid: info.pid })}\n`;
}

export async function readHelperFile(file: string): Promise<HelperFileState> {
  let text: string;
  try {
    const st = await fsp.stat(file);
    // Only a file of our own user can have been written by our helper.
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return { state: 'invalid', reason: 'it belongs to another user' };
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const info = parseHelperInfo(text);
  return info ? { state: 'found', info } : { state: 'invalid', reason: 'its content is not what akvault writes' };
}

/** Whether a process with this id exists (EPERM: it does, it is just not ours to signal). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Publishes `info` as the helper file, unless a live helper already owns it (then 'helper.unavailable'
 * naming it). A file whose owner is gone is replaced. `isLive` asks the other helper itself.
 */
export async function claimHelperFile(file: string, info: HelperInfo, isLive: (other: HelperInfo) => Promise<boolean>): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fsp.writeFile(temp, serializeHelperInfo(info), { mode: 0o600, flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fsp.link(temp, file);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw e;
      }
      const existing = await readHelperFile(file);
      if (existing.state === 'found' && (await isLive(existing.info))) {
        throw new AkvaultError('helper.unavailable', `Another akvault helper is already running (process ${existing.info.pid}, ${existing.info.url}).`, {
          params: { pid: existing.info.pid, url: existing.info.url },
          hint: 'Stop it first (the akvault app, or `akvault serve` in another terminal). While it runs, `akvault env` and `akvault exec` use it on their own.',
        });
      }
      // Left behind by a helper that is gone (crash, SIGKILL, reboot): replace it.
      await fsp.rm(file, { force: true });
    }
  } finally {
    await fsp.rm(temp, { force: true });
  }
}

/** Removes the helper file if it is still ours (a later helper may have replaced a file we thought stale). */
export function releaseHelperFileSync(file: string, info: HelperInfo): void {
  try {
    if (parseHelperInfo(readFileSync(file, 'utf8'))?.token === info.token) unlinkSync(file);
  } catch {
    // already gone, or unreadable: nothing of ours to remove
  }
}
