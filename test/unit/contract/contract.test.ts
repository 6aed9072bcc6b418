import { describe, expect, it, vi } from 'vitest';
import { eventChannels, operationChannels } from '../../../preload/channels';
import { events, operations, SnapshotSchema } from '../../../preload/contract';
import { buildApi, ContractError } from '../../../preload/bridge';

describe('contract', () => {
  it('pairs every channel with schemas, and no channel is used twice', () => {
    expect(Object.keys(operations).sort()).toEqual(Object.keys(operationChannels).sort());
    expect(Object.keys(events).sort()).toEqual(Object.keys(eventChannels).sort());
    const all = [...Object.values(operationChannels), ...Object.values(eventChannels)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('the view schema refuses a profile carrying a secret field', () => {
    const profile = { id: 'x', name: 'p', kind: 'access-key', createdAt: 't', updatedAt: 't', secretAccessKey: 'nope' };
    const r = SnapshotSchema.safeParse({ version: 1, profiles: [profile], defaultProfile: null, keychain: { state: 'available', backend: 'b' } });
    expect(r.success).toBe(false);
  });
});

describe('bridge', () => {
  it('exposes exactly one function per operation and one subscriber per event', () => {
    const api = buildApi({ invoke: vi.fn(), subscribe: vi.fn() });
    expect(Object.keys(api).sort()).toEqual([...Object.keys(operationChannels), ...Object.keys(eventChannels).map((e) => `on${e[0]!.toUpperCase()}${e.slice(1)}`)].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('unwraps results, throws ContractError with the code, and hands listeners only the payload', async () => {
    let captured: ((p: unknown) => void) | undefined;
    const api = buildApi({
      invoke: async (channel) =>
        channel === operationChannels.getSnapshot ? { ok: true, value: 42 } : { ok: false, error: { code: 'profile.not-found', message: 'No such profile.', params: {} } },
      subscribe: (_c, l) => {
        captured = l;
        return () => undefined;
      },
    });
    await expect(api.getSnapshot()).resolves.toBe(42);
    const err = await api.setDefaultProfile('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).view.code).toBe('profile.not-found');
    const listener = vi.fn();
    api.onSnapshot(listener);
    captured!({ v: 1 });
    expect(listener).toHaveBeenCalledWith({ v: 1 });
    expect(() => api.onSnapshot('nope' as never)).toThrow(TypeError);
  });
});
