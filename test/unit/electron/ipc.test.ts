import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mfaOperationNames, operations, type OperationName } from '../../../preload/contract';
import { registerIpc, TrustedSenders, isTrustedEvent, roleMayCall, type WindowRole } from '../../../main/electron/ipc';
import { fakeHandlers, validArgs } from './support/fake-handlers';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;
type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

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

const names = Object.keys(operations) as OperationName[];

function setup() {
  const ipc = fakeIpcMain();
  const senders = new TrustedSenders();
  const main = fakeWebContents(7);
  const mfa = fakeWebContents(8);
  senders.add(main as never, 'main');
  senders.add(mfa as never, 'mfa');
  const handlers = fakeHandlers();
  const unregister = registerIpc(ipc as never, handlers, senders);
  const event = (over: Partial<{ id: number; url: string; parent: unknown }> = {}) => ({
    sender: { id: over.id ?? 7 },
    senderFrame: { url: over.url ?? 'app://akvault/index.html', parent: over.parent ?? null },
  });
  const call = (name: OperationName, ev: unknown, ...args: unknown[]) => ipc.handlers.get(operations[name].channel)!(ev, ...args) as Promise<Answer>;
  const calledHandlers = () => names.filter((n) => vi.mocked(handlers[n]).mock.calls.length > 0);
  return { ipc, handlers, main, mfa, event, call, calledHandlers, unregister };
}

describe('IPC doorway', () => {
  it('registers one handler per contract operation, and removes them all', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(operations).map((o) => o.channel).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it.each(names)('%s answers a trusted main-frame call from the app origin', async (name) => {
    const { call, event, handlers } = setup();
    const r = await call(name, event(), ...validArgs[name]);
    expect(r.ok).toBe(true);
    expect(handlers[name]).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an unknown webContents', { id: 99 }],
    ['a subframe', { parent: {} }],
    ['a foreign origin', { url: 'https://evil.example/' }],
    ['the app scheme with another host', { url: 'app://evil/index.html' }],
    ['a file:// page', { url: 'file:///tmp/x.html' }],
    ['an http page on loopback', { url: 'http://127.0.0.1:5173/' }],
    ['an unparseable URL', { url: 'not a url' }],
  ])('refuses %s on every channel without calling a handler', async (_label, over) => {
    const { call, event, calledHandlers } = setup();
    for (const name of names) {
      const r = await call(name, event(over), ...validArgs[name]);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calledHandlers()).toEqual([]);
  });

  it('refuses malformed events (no sender, no frame, a throwing getter) without crashing', async () => {
    const { call, calledHandlers } = setup();
    const throwing = {
      get sender(): never {
        throw new Error('boom');
      },
    };
    for (const ev of [{}, { sender: { id: 7 } }, { sender: { id: 7 }, senderFrame: null }, throwing, null]) {
      await expect(call('getSnapshot', ev)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calledHandlers()).toEqual([]);
  });

  it('the MFA prompt window may call only its three operations', async () => {
    const { call, event, handlers } = setup();
    const fromMfa = event({ id: 8, url: 'app://akvault/mfa.html' });
    for (const name of names) {
      const r = await call(name, fromMfa, ...validArgs[name]);
      if ((mfaOperationNames as readonly string[]).includes(name)) expect(r.ok).toBe(true);
      else expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(handlers.getSnapshot).not.toHaveBeenCalled();
    expect(handlers.copyToClipboard).not.toHaveBeenCalled();
    expect(handlers.mfaSubmit).toHaveBeenCalledTimes(1);
    const roles: WindowRole[] = ['main', 'mfa'];
    expect(roles.map((r) => roleMayCall(r, 'addProfile'))).toEqual([true, false]);
  });

  it('forgets a window once it is destroyed', async () => {
    const { call, event, main } = setup();
    main.destroy();
    expect((await call('getSnapshot', event())).ok).toBe(false);
  });

  it('turns a thrown AkvaultError into an error view with its code', async () => {
    const { call, event } = setup();
    await expect(call('setDefaultProfile', event(), 'missing')).resolves.toMatchObject({ ok: false, error: { code: 'profile.not-found' } });
  });

  it('hides the internals of an unexpected failure', async () => {
    const { call, event, handlers } = setup();
    vi.mocked(handlers.stopSession).mockRejectedValueOnce(new Error('ENOENT /home/alice/.config/akvault/secret-thing'));
    const r = await call('stopSession', event(), 'prod');
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('/home/alice');
  });

  it('a handler result that does not fit the contract (a stray secret field) is refused, not sent', async () => {
    const { call, event, handlers } = setup();
    vi.mocked(handlers.copyToClipboard).mockResolvedValueOnce({ clearsInSeconds: 45, secret: 'SK-VALUE' } as never);
    const r = await call('copyToClipboard', event(), 'prod', 'sk');
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('SK-VALUE');
  });

  it.each(names)('%s: hand-picked malformed payloads get a usage error, the handler never runs', async (name) => {
    const { call, event, handlers } = setup();
    const valid = validArgs[name];
    const malformed: unknown[][] = [
      [...valid, 'extra'],
      valid.length ? valid.slice(1) : ['unexpected'],
      valid.map(() => undefined),
      valid.map(() => ({ __proto__: { polluted: true }, constructor: 'x' })),
      valid.map(() => 'x'.repeat(2_000_000)),
      valid.map(() => ['nested', ['array']]),
      valid.map(() => 1e308),
      valid.map((v) => (typeof v === 'object' && v !== null ? { ...v, unknownField: 1 } : Symbol('s'))),
      [null],
      [...valid, {}],
      [...valid, undefined],
      [...valid, ...valid, ...valid],
    ].filter((args) => !operations[name].input.safeParse(args).success);
    expect(malformed.length).toBeGreaterThan(3);
    for (const args of malformed) {
      const r = await call(name, event(), ...args);
      expect(r).toMatchObject({ ok: false, error: { code: 'usage' } });
    }
    expect(handlers[name]).not.toHaveBeenCalled();
  });

  it('every channel answers random payloads with a usage error and never throws', async () => {
    const { call, event, handlers } = setup();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(fc.anything({ withObjectString: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }), { minLength: 0, maxLength: 4 }), async (name, args) => {
        const valid = operations[name].input.safeParse(args).success;
        const r = await call(name, event(), ...args);
        if (!valid) expect(r).toMatchObject({ ok: false, error: { code: 'usage' } });
        else expect(r.ok === true || r.error?.code !== 'internal').toBe(true);
      }),
      { numRuns: 1000 },
    );
    // Whatever reached a handler had passed the schema.
    for (const name of names) for (const args of vi.mocked(handlers[name]).mock.calls) expect(operations[name].input.safeParse(args).success).toBe(true);
  });

  it('isTrustedEvent accepts a configured dev origin only when listed', () => {
    const senders = new TrustedSenders();
    senders.add(fakeWebContents(1) as never);
    const ev = { sender: { id: 1 }, senderFrame: { url: 'http://localhost:5173/', parent: null } } as never;
    expect(isTrustedEvent(ev, senders)).toBe(false);
    expect(isTrustedEvent(ev, senders, ['http://localhost:5173'])).toBe(true);
  });
});
