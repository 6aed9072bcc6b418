/**
 * A window.akvault for renderer-only browser tests, built from the same contract and bridge code the
 * preload uses (preload/bridge.ts), with a transport that answers from a fixture snapshot and checks
 * every call against the contract's schemas, as main does. Operations the smoke UI does not use answer
 * with a small valid value (or an error where a real one needs main), so a page can call any of them.
 */
import { buildApi } from '../../../preload/bridge';
import { eventChannels } from '../../../preload/channels';
import { operations, SnapshotSchema, type OperationName, type Snapshot } from '../../../preload/contract';

declare global {
  interface Window {
    __akvaultFixture: Snapshot;
    __akvaultCalls: string[];
  }
}

let snapshot = SnapshotSchema.parse(window.__akvaultFixture);
const listeners = new Map<string, Set<(p: unknown) => void>>();
window.__akvaultCalls = [];

const publish = (next: Snapshot) => {
  snapshot = { ...next, version: snapshot.version + 1 };
  for (const l of listeners.get(eventChannels.snapshot) ?? []) l(snapshot);
};
const needsMain = (name: string) => () => {
  throw new Error(`${name} needs main`);
};

const handlers: Record<OperationName, (...args: never[]) => unknown> = {
  getSnapshot: () => snapshot,
  setDefaultProfile: (name: string | null) => (publish({ ...snapshot, defaultProfile: name }), null),
  startSession: (name: string) => {
    const session = { profile: name, kind: 'agency', state: 'active' as const };
    publish({ ...snapshot, sessions: [...snapshot.sessions.filter((s) => s.profile !== name), session] });
    return session;
  },
  stopSession: (name: string) => (publish({ ...snapshot, sessions: snapshot.sessions.filter((s) => s.profile !== name) }), null),
  refreshNow: () => null,
  copyToClipboard: () => ({ clearsInSeconds: snapshot.settings.clipboardClearSeconds }),
  openConsole: () => null,
  addProfile: needsMain('addProfile'),
  updateProfile: needsMain('updateProfile'),
  removeProfile: needsMain('removeProfile'),
  importCsvPreview: () => ({ rows: [], counts: { new: 0, existing: 0, invalid: 0 } }),
  importCsv: needsMain('importCsv'),
  updateSettings: (patch: Partial<Snapshot['settings']>) => {
    publish({ ...snapshot, settings: { ...snapshot.settings, ...patch } });
    return snapshot.settings;
  },
  getAuditLog: () => [],
  getAlarmHistory: () => snapshot.alarms,
  setLocale: (language: Snapshot['settings']['language']) => (publish({ ...snapshot, settings: { ...snapshot.settings, language } }), null),
  mfaPending: () => null,
  mfaSubmit: () => null,
  mfaCancel: () => null,
};

window.akvault = buildApi({
  async invoke(channel, args) {
    const name = (Object.keys(operations) as OperationName[]).find((n) => operations[n].channel === channel);
    if (!name) return { ok: false, error: { code: 'usage', message: `unknown channel ${channel}`, params: {} } };
    window.__akvaultCalls.push(name);
    const parsed = operations[name].input.safeParse(args);
    if (!parsed.success) return { ok: false, error: { code: 'usage', message: 'bad arguments', params: {} } };
    try {
      const value = (handlers[name] as (...a: unknown[]) => unknown)(...(parsed.data as unknown[]));
      return { ok: true, value: operations[name].output.parse(value) };
    } catch (e) {
      return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : 'failed', params: {} } };
    }
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
});
