/**
 * Handlers for every contract operation that answer with valid, secret-free values, as spies: the
 * IPC tests check which ones were called, with what, and that nothing reached them unvalidated.
 */
import { vi } from 'vitest';
import type { Handlers } from '../../../../main/shared/dispatch';
import { AkvaultError } from '../../../../main/core/errors';
import { profile, snapshot } from './snapshots';

export function fakeHandlers(): Handlers {
  const view = profile('p');
  return {
    getSnapshot: vi.fn(async () => snapshot()),
    setDefaultProfile: vi.fn(async (name: string | null) => {
      if (name === 'missing') throw new AkvaultError('profile.not-found', 'No profile named "missing".');
      return null;
    }),
    startSession: vi.fn(async (name: string) => ({ profile: name, kind: 'agency', state: 'active' as const })),
    stopSession: vi.fn(async () => null),
    refreshNow: vi.fn(async () => null),
    copyToClipboard: vi.fn(async () => ({ clearsInSeconds: 45 })),
    openConsole: vi.fn(async () => null),
    addProfile: vi.fn(async () => ({ profile: view, warnings: [] })),
    updateProfile: vi.fn(async () => ({ profile: view, warnings: [] })),
    removeProfile: vi.fn(async () => ({ profile: view, removedSecrets: 1 })),
    importCsvPreview: vi.fn(async () => ({ rows: [], counts: { new: 0, existing: 0, invalid: 0 } })),
    importCsv: vi.fn(async () => ({ source: 'x', rows: [], counts: { added: 0, unchanged: 0, conflict: 0, invalid: 0, failed: 0 } })),
    updateSettings: vi.fn(async () => snapshot().settings),
    getAuditLog: vi.fn(async () => []),
    getAlarmHistory: vi.fn(async () => []),
    setLocale: vi.fn(async () => null),
    mfaPending: vi.fn(async () => null),
    mfaSubmit: vi.fn(async () => null),
    mfaCancel: vi.fn(async () => null),
    rotationStatus: vi.fn(async () => null),
    rotationStart: vi.fn(async (name: string) => rotation(name)),
    rotationContinue: vi.fn(async (name: string) => rotation(name)),
    rotationAbort: vi.fn(async (name: string) => ({ ...rotation(name), stage: 'rolled-back' as const, actions: [] })),
    getDiagnostics: vi.fn(async () => ({ ok: true, generatedAt: '2001-01-01T00:00:00.000Z', host: 'app' as const, checks: [] })),
    vaultCreate: vi.fn(async () => ({ backend: 'file' as const, state: 'unlocked' as const })),
    vaultUnlock: vi.fn(async () => ({ backend: 'file' as const, state: 'unlocked' as const })),
    vaultLock: vi.fn(async () => ({ backend: 'file' as const, state: 'locked' as const })),
  };
}

/** One valid argument list per operation (the fuzz test starts from these and breaks them). */
export const validArgs: { [K in keyof Handlers]: unknown[] } = {
  getSnapshot: [],
  setDefaultProfile: ['prod'],
  startSession: ['prod'],
  stopSession: ['prod'],
  refreshNow: ['prod'],
  copyToClipboard: ['prod', 'sk'],
  openConsole: ['prod'],
  addProfile: [{ name: 'prod', kind: 'access-key', accessKeyId: 'AKEXAMPLE' }, { secretAccessKey: 'x' }],
  updateProfile: ['prod', { region: 'cn-north-4', description: null }, null],
  removeProfile: ['prod'],
  importCsvPreview: ['AK,SK\n'],
  importCsv: ['AK,SK\n', { namePrefix: 'acme-' }],
  updateSettings: [{ clipboardClearSeconds: 30 }],
  getAuditLog: [100],
  getAlarmHistory: [],
  getDiagnostics: [],
  setLocale: ['zh-CN'],
  mfaPending: [],
  mfaSubmit: ['6f1c2a52-3c1e-4a53-9a4e-1a2b3c4d5e6f', '123456'],
  mfaCancel: ['6f1c2a52-3c1e-4a53-9a4e-1a2b3c4d5e6f'],
  rotationStatus: ['prod'],
  rotationStart: ['prod'],
  rotationContinue: ['prod', true],
  rotationAbort: ['prod'],
  vaultCreate: ['a long vault passphrase'],
  vaultUnlock: ['a long vault passphrase'],
  vaultLock: [],
};

function rotation(profile: string) {
  return {
    profile,
    stage: 'old-deactivated' as const,
    oldAccessKeyId: 'OLDAKEXAMPLE00000001',
    oldKeyStatus: 'inactive' as const,
    newAccessKeyId: 'NEWAKEXAMPLE00000002',
    actions: ['confirm-delete-old' as const, 'abort' as const],
    message: 'waiting',
    startedAt: '2026-11-22T00:00:00.000Z',
    updatedAt: '2026-11-22T00:00:00.000Z',
  };
}
