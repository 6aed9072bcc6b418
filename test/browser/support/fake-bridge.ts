/**
 * A window.akvault for renderer-only browser tests, built from the same contract and bridge code the
 * preload uses (preload/bridge.ts), with a transport that answers from a fixture snapshot and checks
 * every call against the contract's schemas, as main does.
 */
import { buildApi } from '../../../preload/bridge';
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

const handlers: Partial<Record<OperationName, (...args: never[]) => unknown>> = {
  getSnapshot: () => snapshot,
  setDefaultProfile: (name: string | null) => {
    snapshot = { ...snapshot, version: snapshot.version + 1, defaultProfile: name };
    for (const l of listeners.get('akvault:event:snapshot') ?? []) l(snapshot);
    return null;
  },
};

window.akvault = buildApi({
  async invoke(channel, args) {
    const name = (Object.keys(operations) as OperationName[]).find((n) => operations[n].channel === channel);
    if (!name) return { ok: false, error: { code: 'usage', message: `unknown channel ${channel}`, params: {} } };
    window.__akvaultCalls.push(name);
    const parsed = operations[name].input.safeParse(args);
    if (!parsed.success) return { ok: false, error: { code: 'usage', message: 'bad arguments', params: {} } };
    const h = handlers[name] as ((...a: unknown[]) => unknown) | undefined;
    if (!h) return { ok: false, error: { code: 'internal', message: `${name} not in fixture`, params: {} } };
    return { ok: true, value: operations[name].output.parse(h(...(parsed.data as unknown[]))) };
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
});
