import { dataFiles } from '../paths';
import { DEFAULT_KEYCHAIN_SERVICE, KeytarSecretStore } from './keytar-store';
import { SealedSecretStore } from './sealed-store';
import type { SecretStore } from './secret-store';

/**
 * The secret store for this machine: the OS keychain through keytar, with large values sealed into
 * `<dataDir>/sealed/`. keytar itself loads on the first keychain call, not here.
 *
 * `AKVAULT_KEYCHAIN_SERVICE` picks another keychain service name (a separate vault, or a test run that
 * must not see the user's items); the default is `akvault`.
 */
export function createDefaultSecretStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  const service = env.AKVAULT_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
  return new SealedSecretStore(new KeytarSecretStore({ service }), { sealedDir: dataFiles(dataDir).sealedDir, namespace: service });
}
