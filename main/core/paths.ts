import os from 'node:os';
import path from 'node:path';

/**
 * Where akvault keeps its non-secret data (profiles file, settings, audit log, helper.json).
 * `AKVAULT_HOME` wins; otherwise the platform's usual per-user config place.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.AKVAULT_HOME?.trim();
  if (override) return path.resolve(override);
  const home = env.HOME?.trim() || os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'akvault');
    case 'win32':
      return path.join(env.APPDATA?.trim() || path.join(home, 'AppData', 'Roaming'), 'akvault');
    default:
      return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), 'akvault');
  }
}

/** The files inside the data directory, named in one place. */
export function dataFiles(dataDir: string) {
  return {
    dataDir,
    profiles: path.join(dataDir, 'profiles.json'),
    profilesBackup: path.join(dataDir, 'profiles.json.bak'),
    settings: path.join(dataDir, 'settings.json'),
    sealedDir: path.join(dataDir, 'sealed'),
    auditLog: path.join(dataDir, 'audit.log'),
    /** The diagnostic log (JSON lines, 0600, rotated; main/core/log/file-logger.ts). Never holds a secret. */
    log: path.join(dataDir, 'akvault.log'),
    helper: path.join(dataDir, 'helper.json'),
    /** Key rotations in progress (access key IDs and stages only; see main/core/rotation). */
    rotations: path.join(dataDir, 'rotations.json'),
    /** Which secret backend this data dir uses (`keychain` or `file`), recorded on the first secret written. */
    secretBackend: path.join(dataDir, 'secret-backend.json'),
    /** The encrypted vault file backend (key.age + secrets.age; see main/core/secrets/vault-format.ts). */
    vaultDir: path.join(dataDir, 'vault'),
    /** Progress of `akvault secrets migrate` (account names only), so an interrupted run resumes. */
    secretsMigration: path.join(dataDir, 'secrets-migration.json'),
  } as const;
}
export type DataFiles = ReturnType<typeof dataFiles>;
