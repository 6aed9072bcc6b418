/**
 * Where the Electron binary is, the way the electron npm package itself finds it when
 * ELECTRON_OVERRIDE_DIST_PATH is set (electron/npm/index.js): `<dist>/<path.txt>` or the platform's
 * default name. Never `require('electron')`, which would try to download a binary.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function electronExecutable(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH?.trim();
  if (!dist) return null;
  const pathTxt = path.join(dist, 'path.txt');
  const name = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8').trim()
    : platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : platform === 'win32'
        ? 'electron.exe'
        : 'electron';
  const exe = path.join(dist, name);
  return existsSync(exe) ? exe : null;
}
