import path from 'node:path';
import { isAkvaultError, type AkvaultError } from '../../main/core/errors';
import type { ProfileInput } from '../../main/core/profiles/profile-input';
import { MemorySecretStore } from '../../main/core/secrets/memory-store';
import type { SecretStore } from '../../main/core/secrets/secret-store';
import { createService, type AkvaultService } from '../../main/core/service';
import { fakeAccessKeyId, fakeSecretKey } from './fake-keys';
import { ManualClock } from './manual-clock';

/** A service over a temp data dir and an in-memory keychain, plus shorthands for the profiles chain tests need. */
export function serviceIn(dir: string, secretStore: SecretStore = new MemorySecretStore()) {
  const dataDir = path.join(dir, 'data');
  const clock = new ManualClock();
  const service = createService({ dataDir, secretStore, clock, keychainService: 'akvault-test' });
  return { dataDir, clock, service, secretStore };
}

export async function addKey(service: AkvaultService, name: string, sk = fakeSecretKey()) {
  return (await service.addProfile({ name, kind: 'access-key', accessKeyId: fakeAccessKeyId() }, { secretAccessKey: sk })).profile;
}

export async function addAgency(service: AkvaultService, name: string, source: string, extra: Partial<ProfileInput> = {}) {
  const sourceId = (await service.getProfile(source)).id;
  return service.addProfile({ name, kind: 'agency', sourceId, agencyDomainName: 'acme', agencyName: `role-${name}`, ...extra }, {});
}

export async function rejection(p: Promise<unknown>): Promise<AkvaultError> {
  try {
    await p;
  } catch (e) {
    if (isAkvaultError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
