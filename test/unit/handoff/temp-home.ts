import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ToolFileContext } from '../../../main/core/handoff/tool-files/types';

export interface TempHome {
  root: string;
  home: string;
  dataDir: string;
  ctx(env?: Record<string, string>): ToolFileContext;
}

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A throwaway home and data directory (the real home directory is never involved). */
export async function tempHome(): Promise<TempHome> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'akvault-handoff-'));
  made.push(root);
  const home = path.join(root, 'home');
  const dataDir = path.join(root, 'data');
  await mkdir(home);
  return { root, home, dataDir, ctx: (env = {}) => ({ homeDir: home, env, dataDir, cwd: root }) };
}

export const read = (file: string) => readFile(file, 'utf8');
export const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
export const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Every file akvault keeps in its data directory, as text (to check no secret ever lands there). */
export async function dataDirText(dataDir: string): Promise<string> {
  const dir = path.join(dataDir, 'handoff');
  const names = await readdir(dir).catch(() => [] as string[]);
  return (await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')))).join('\n');
}
