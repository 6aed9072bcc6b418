import { promises as fsp } from 'node:fs';
import { AkvaultError } from '../errors';
import { writePrivateFileAtomic } from '../fs/private-files';
import { dataFiles } from '../paths';
import type { BackendStatus } from './secret-store';

/**
 * Which store holds this data dir's secrets: the OS keychain or the encrypted vault file.
 *
 * 1. `AKVAULT_SECRET_BACKEND=keychain|file` wins — but only when it agrees with the choice recorded in
 *    the data dir (a disagreement is an error naming `akvault secrets migrate`, never a silent switch
 *    that would split secrets across two stores).
 * 2. Otherwise the recorded choice (`secret-backend.json`).
 * 3. On a fresh data dir: an existing vault means `file`; else the keychain if it answers, else `file`.
 *    The choice is recorded with the first secret written (so a read-only command writes nothing).
 */
export type SecretBackend = 'keychain' | 'file';

export interface BackendChoice {
  backend: SecretBackend;
  /** Whether it still has to be written to secret-backend.json. */
  record: boolean;
  /** How it was chosen (shown by `akvault secrets backend`). */
  reason: 'env' | 'recorded' | 'detected';
}

export const SECRET_BACKEND_ENV = 'AKVAULT_SECRET_BACKEND';

export function backendFromEnv(env: NodeJS.ProcessEnv): SecretBackend | null {
  const raw = env[SECRET_BACKEND_ENV]?.trim().toLowerCase();
  if (!raw) return null;
  if (raw === 'keychain' || raw === 'file') return raw;
  throw new AkvaultError('usage', `${SECRET_BACKEND_ENV} must be "keychain" or "file", not "${raw.slice(0, 20)}".`, {
    hint: `Unset ${SECRET_BACKEND_ENV} to let akvault choose (the OS keychain when it answers, else the encrypted vault file).`,
  });
}

export async function readRecordedBackend(dataDir: string): Promise<SecretBackend | null> {
  const file = dataFiles(dataDir).secretBackend;
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AkvaultError('store.io', `Cannot read ${file}.`, { params: { file }, cause: e });
  }
  try {
    const b = (JSON.parse(text) as { backend?: unknown }).backend;
    if (b === 'keychain' || b === 'file') return b;
  } catch {
    // reported below
  }
  throw new AkvaultError('secrets.backend', `${file} is damaged.`, {
    params: { file },
    hint: 'Write {"backend":"keychain"} or {"backend":"file"} into it, whichever holds your secrets.',
  });
}

export async function recordBackend(dataDir: string, backend: SecretBackend): Promise<void> {
  await writePrivateFileAtomic(dataFiles(dataDir).secretBackend, `${JSON.stringify({ backend }, null, 2)}\n`);
}

async function vaultExists(dataDir: string): Promise<boolean> {
  try {
    await fsp.access(`${dataFiles(dataDir).vaultDir}/key.age`);
    return true;
  } catch {
    return false;
  }
}

export async function chooseBackend(dataDir: string, env: NodeJS.ProcessEnv, probeKeychain: () => Promise<BackendStatus>): Promise<BackendChoice> {
  const wanted = backendFromEnv(env);
  const recorded = await readRecordedBackend(dataDir);
  if (wanted && recorded && wanted !== recorded) {
    throw new AkvaultError('secrets.backend', `This data dir keeps its secrets in the ${describe(recorded)}, but ${SECRET_BACKEND_ENV} asks for the ${describe(wanted)}.`, {
      params: { recorded, wanted },
      hint: `Move them first with \`akvault secrets migrate --to ${wanted}\`, or unset ${SECRET_BACKEND_ENV}.`,
    });
  }
  if (recorded) return { backend: recorded, record: false, reason: 'recorded' };
  if (wanted) return { backend: wanted, record: true, reason: 'env' };
  if (await vaultExists(dataDir)) return { backend: 'file', record: true, reason: 'detected' };
  const status = await probeKeychain();
  return { backend: status.state === 'unavailable' ? 'file' : 'keychain', record: true, reason: 'detected' };
}

export function describe(backend: SecretBackend): string {
  return backend === 'file' ? 'encrypted vault file' : 'OS keychain';
}
