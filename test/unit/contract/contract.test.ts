import { describe, expect, it, vi } from 'vitest';
import { eventChannels, mfaEventNames, mfaOperationNames, operationChannels } from '../../../preload/channels';
import { events, operations, ProfileInputSchema, SnapshotSchema } from '../../../preload/contract';
import { buildApi, buildMfaApi, ContractError } from '../../../preload/bridge';
import { snapshot } from '../electron/support/snapshots';

describe('contract', () => {
  it('pairs every channel with schemas, and no channel is used twice', () => {
    expect(Object.keys(operations).sort()).toEqual(Object.keys(operationChannels).sort());
    expect(Object.keys(events).sort()).toEqual(Object.keys(eventChannels).sort());
    const all = [...Object.values(operationChannels), ...Object.values(eventChannels)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((c) => c.startsWith('akvault:'))).toBe(true);
  });

  it('the view schema refuses a profile carrying a secret field', () => {
    const profile = { id: 'x', name: 'p', kind: 'access-key', createdAt: 't', updatedAt: 't', secretAccessKey: 'nope' };
    expect(SnapshotSchema.safeParse(snapshot({ profiles: [profile as never] })).success).toBe(false);
    expect(SnapshotSchema.safeParse(snapshot()).success).toBe(true);
  });

  it('every result and event schema is strict where a secret could hide', () => {
    const withExtra = { ...snapshot(), token: 'x' };
    expect(SnapshotSchema.safeParse(withExtra).success).toBe(false);
    expect(events.mfaRequest.payload.safeParse({ pending: null, passcode: '123456' }).success).toBe(false);
    expect(operations.copyToClipboard.output.safeParse({ clearsInSeconds: 45, value: 'SK' }).success).toBe(false);
    expect(operations.startSession.output.safeParse({ profile: 'p', kind: 'agency', state: 'active', securityToken: 't' }).success).toBe(false);
  });

  it('profile input accepts every kind and refuses unknown fields', () => {
    for (const kind of ['access-key', 'temporary-key', 'token', 'account', 'ecs-agency', 'agency'] as const) {
      expect(ProfileInputSchema.safeParse({ name: 'p', kind }).success).toBe(true);
    }
    expect(ProfileInputSchema.safeParse({ name: 'p', kind: 'access-key', secretAccessKey: 'x' }).success).toBe(false);
  });
});

describe('bridge', () => {
  const onNames = (names: readonly string[]) => names.map((e) => `on${e[0]!.toUpperCase()}${e.slice(1)}`);

  it('exposes exactly one function per operation and one subscriber per event', () => {
    const api = buildApi({ invoke: vi.fn(), subscribe: vi.fn() });
    expect(Object.keys(api).sort()).toEqual([...Object.keys(operationChannels), ...onNames(Object.keys(eventChannels))].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
  });

  it('the MFA window gets its three operations and one event only', () => {
    const api = buildMfaApi({ invoke: vi.fn(), subscribe: vi.fn() });
    expect(Object.keys(api).sort()).toEqual([...mfaOperationNames, ...onNames(mfaEventNames)].sort());
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
    expect(listener.mock.calls[0]).toHaveLength(1);
    expect(() => api.onSnapshot('nope' as never)).toThrow(TypeError);
  });
});
