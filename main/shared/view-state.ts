/**
 * Turns the core service into what the contract promises a page: the snapshot (view state only, no
 * secrets) and the handlers for each operation. Shared by the Electron window and the browser UI.
 */
import type { ProfileView, Snapshot } from '../../preload/contract';
import type { Handlers } from './dispatch';
import type { AkvaultService } from '../core/service';

export function toProfileView(p: Awaited<ReturnType<AkvaultService['listProfiles']>>[number]): ProfileView {
  const v: Record<string, unknown> = {};
  for (const key of ['id', 'name', 'kind', 'accessKeyId', 'domainName', 'domainId', 'userName', 'region', 'projectId', 'description', 'color', 'expiresAt', 'createdAt', 'updatedAt'] as const) {
    const value = (p as Record<string, unknown>)[key];
    if (value !== undefined && value !== null) v[key] = value;
  }
  return v as ProfileView;
}

export function createViewState(service: AkvaultService, push: (snapshot: Snapshot) => void) {
  let version = 0;
  async function snapshot(): Promise<Snapshot> {
    const [profiles, defaultProfile, keychain] = await Promise.all([service.listProfiles(), service.getDefaultProfile(), service.keychainStatus()]);
    return {
      version: ++version,
      profiles: profiles.map(toProfileView),
      defaultProfile,
      keychain: keychain.state === 'available' ? { state: 'available', backend: keychain.backend } : { state: keychain.state, backend: keychain.backend, message: keychain.message },
    };
  }
  const handlers: Handlers = {
    getSnapshot: () => snapshot(),
    async setDefaultProfile(name) {
      await service.setDefaultProfile(name);
      push(await snapshot());
      return null;
    },
  };
  return { handlers, snapshot };
}
