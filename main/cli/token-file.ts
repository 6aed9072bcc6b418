/**
 * The pod-identity token file of an `exec --server` child: a 0600 file in a fresh 0700 directory,
 * removed with its directory when the child ends. The removal is also hooked to process exit, so an
 * unexpected failure in akvault does not leave the token behind (only SIGKILL can).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TokenFile {
  path: string;
  remove(): void;
}

export function createTokenFile(token: string, parentDir: string = os.tmpdir()): TokenFile {
  // mkdtemp creates the directory with mode 0700.
  const dir = mkdtempSync(path.join(parentDir, 'akvault-exec-'));
  const file = path.join(dir, 'token');
  writeFileSync(file, token, { mode: 0o600, flag: 'wx' });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return { path: file, remove };
}
