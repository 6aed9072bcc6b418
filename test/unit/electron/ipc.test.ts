import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { operations, type OperationName } from '../../../preload/contract';
import { registerIpc, TrustedSenders, isTrustedEvent } from '../../../main/electron/ipc';
import type { Handlers } from '../../../main/shared/dispatch';
import { AkvaultError } from '../../../main/core/errors';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: vi.fn((channel: string, fn: Listener) => void handlers.set(channel, fn)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
}

function fakeWebContents(id: number) {
  const once = new Map<string, () => void>();
  return { id, once: (ev: string, fn: () => void) => void once.set(ev, fn), destroy: () => once.get('destroyed')?.() };
}

const snapshot = { version: 1, profiles: [], defaultProfile: null, keychain: { state: 'available' as const, backend: 'test' } };

function setup() {
  const ipc = fakeIpcMain();
  const senders = new TrustedSenders();
  const wc = fakeWebContents(7);
  senders.add(wc as never);
  const handlers: Handlers = {
    getSnapshot: vi.fn(async () => snapshot),
    setDefaultProfile: vi.fn(async (name: string | null) => {
      if (name === 'missing') throw new AkvaultError('profile.not-found', 'No profile named "missing".');
      return null;
    }),
  };
  registerIpc(ipc as never, handlers, senders);
  const event = (over: Partial<{ id: number; url: string; parent: unknown }> = {}) => ({
    sender: { id: over.id ?? 7 },
    senderFrame: { url: over.url ?? 'app://akvault/index.html', parent: over.parent ?? null },
  });
  const call = (name: OperationName, ev: unknown, ...args: unknown[]) => ipc.handlers.get(operations[name].channel)!(ev, ...args);
  return { ipc, handlers, wc, event, call };
}

describe('IPC doorway', () => {
  it('registers one handler per contract operation', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(operations).map((o) => o.channel).sort());
  });

  it('answers a trusted main-frame call from the app origin', async () => {
    const { call, event } = setup();
    await expect(call('getSnapshot', event())).resolves.toEqual({ ok: true, value: snapshot });
  });

  it.each([
    ['an unknown webContents', { id: 99 }],
    ['a subframe', { parent: {} }],
    ['a foreign origin', { url: 'https://evil.example/' }],
    ['a file:// page', { url: 'file:///tmp/x.html' }],
    ['an unparseable URL', { url: 'not a url' }],
  ])('refuses %s without calling the handler', async (_label, over) => {
    const { call, event, handlers } = setup();
    const r = (await call('getSnapshot', event(over))) as { ok: boolean; error?: { code: string } };
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('forbidden');
    expect(handlers.getSnapshot).not.toHaveBeenCalled();
  });

  it('forgets a window once it is destroyed', async () => {
    const { call, event, wc } = setup();
    wc.destroy();
    expect(((await call('getSnapshot', event())) as { ok: boolean }).ok).toBe(false);
  });

  it('turns a thrown AkvaultError into an error view with its code', async () => {
    const { call, event } = setup();
    await expect(call('setDefaultProfile', event(), 'missing')).resolves.toMatchObject({ ok: false, error: { code: 'profile.not-found' } });
  });

  it('every channel answers malformed payloads with a usage error and never throws', async () => {
    const { call, event, handlers } = setup();
    const names = Object.keys(operations) as OperationName[];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(fc.anything(), { minLength: 0, maxLength: 4 }), async (name, args) => {
        const valid = operations[name].input.safeParse(args).success;
        const r = (await call(name, event(), ...args)) as { ok: boolean; error?: { code: string } };
        if (!valid) expect(r).toMatchObject({ ok: false, error: { code: 'usage' } });
        else expect(r.ok === true || r.error?.code !== 'internal').toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(vi.mocked(handlers.getSnapshot).mock.calls.every((c) => c.length === 0)).toBe(true);
  });

  it('isTrustedEvent accepts a configured dev origin only when listed', () => {
    const senders = new TrustedSenders();
    senders.add(fakeWebContents(1) as never);
    const ev = { sender: { id: 1 }, senderFrame: { url: 'http://localhost:5173/', parent: null } } as never;
    expect(isTrustedEvent(ev, senders)).toBe(false);
    expect(isTrustedEvent(ev, senders, ['http://localhost:5173'])).toBe(true);
  });
});
