import { describe, expect, it, vi } from 'vitest';
import { classifyKeychainError } from '../../../../main/core/secrets/keychain-errors';
import { KeytarSecretStore, type KeytarApi } from '../../../../main/core/secrets/keytar-store';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';

const ctx = { operation: 'write' as const, service: 'akvault', platform: 'linux' as const };

describe('classifyKeychainError', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain.unavailable'],
    ['The given address is empty', 'keychain.unavailable'],
    ['Could not connect: No such file or directory', 'keychain.unavailable'],
    ['Could not connect: Connection refused', 'keychain.unavailable'],
    ['GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files', 'keychain.unavailable'],
    ['No such interface “org.freedesktop.DBus.Properties” on object at path /org/freedesktop/secrets/collection/login', 'keychain.unavailable'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain.unavailable'],
    ['Cannot create an item in a locked collection', 'keychain.locked'],
    ['The prompt was dismissed', 'keychain.locked'],
    ['User interaction is not allowed.', 'keychain.locked'],
    ['Something odd happened', 'keychain.failed'],
  ])('%s → %s', (message, code) => {
    expect(classifyKeychainError(new Error(message), ctx).code).toBe(code);
  });

  it('gives Linux users the commands that fix a missing Secret Service', () => {
    const e = classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), ctx);
    expect(e.hint).toContain('gnome-keyring-daemon --start --components=secrets');
    expect(e.hint).toContain('dbus-run-session');
    expect(e.hint).toContain('WSL');
    expect(e.hint).toMatch(/never stores secrets in plain text/);
    expect(classifyKeychainError(new Error('Cannot create an item in a locked collection'), ctx).hint).toMatch(/unlock your keyring and retry/i);
  });

  it('removes the value being written from the reason and keeps one short line', () => {
    const secret = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
    const e = classifyKeychainError(new Error(`bad data ${secret}\nsecond line ${'x'.repeat(500)}`), { ...ctx, redact: [secret] });
    expect(e.message).not.toContain(secret);
    expect(JSON.stringify(e.toJSON())).not.toContain(secret);
    expect(e.message).toContain('[redacted]');
    expect(e.message).not.toContain('second line');
  });

  it('treats a module that fails to load as an unavailable keychain, with a libsecret hint on Linux', () => {
    const e = classifyKeychainError(new Error('libsecret-1.so.0: cannot open shared object file'), { ...ctx, operation: 'load' });
    expect(e.code).toBe('keychain.unavailable');
    expect(e.hint).toMatch(/libsecret/);
  });
});

function fakeKeytar(overrides: Partial<KeytarApi> = {}): KeytarApi {
  const mem = new MemorySecretStore();
  return {
    getPassword: (_s, a) => mem.get(a),
    setPassword: (_s, a, v) => mem.set(a, v),
    deletePassword: (_s, a) => mem.delete(a),
    findCredentials: async () => Promise.all((await mem.list()).map(async (account) => ({ account, password: (await mem.get(account))! }))),
    ...overrides,
  };
}

describe('KeytarSecretStore', () => {
  it('loads keytar only on the first keychain call, once', async () => {
    const load = vi.fn(async () => fakeKeytar());
    const store = new KeytarSecretStore({ service: 'svc', load });
    expect(load).not.toHaveBeenCalled();
    await store.set('a', 'value-a');
    expect(await store.get('a')).toBe('value-a');
    expect(await store.list()).toEqual(['a']);
    expect(await store.delete('a')).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('passes its service name to every call', async () => {
    const seen: string[] = [];
    const api = fakeKeytar();
    const spy: KeytarApi = {
      getPassword: (s, a) => (seen.push(s), api.getPassword(s, a)),
      setPassword: (s, a, v) => (seen.push(s), api.setPassword(s, a, v)),
      deletePassword: (s, a) => (seen.push(s), api.deletePassword(s, a)),
      findCredentials: (s) => (seen.push(s), api.findCredentials(s)),
    };
    const store = new KeytarSecretStore({ service: 'akvault-other', load: async () => spy });
    await store.set('a', 'v');
    await store.get('a');
    await store.list();
    await store.delete('a');
    expect(new Set(seen)).toEqual(new Set(['akvault-other']));
  });

  it('maps a locked collection to keychain.locked without the secret in the error', async () => {
    const secret = 'riEoWsy3qO0BvgwfkoLVgCUvzgpjBBcvdqM0hbk0';
    const store = new KeytarSecretStore({
      load: async () =>
        fakeKeytar({
          setPassword: async () => {
            throw new Error('Cannot create an item in a locked collection');
          },
        }),
    });
    const err = await store.set('profile:x:sk', secret).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'keychain.locked' });
    expect(JSON.stringify((err as { toJSON(): unknown }).toJSON())).not.toContain(secret);
  });

  it('reports status from a read probe and never throws from status()', async () => {
    const ok = new KeytarSecretStore({ platform: 'linux', load: async () => fakeKeytar() });
    expect(await ok.status()).toEqual({ state: 'available', backend: 'keytar:linux' });
    const noBus = new KeytarSecretStore({
      platform: 'linux',
      load: async () =>
        fakeKeytar({
          getPassword: async () => {
            throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
          },
        }),
    });
    const s = await noBus.status();
    expect(s.state).toBe('unavailable');
    expect(s.state !== 'available' && s.message).toMatch(/gnome-keyring-daemon/);
  });

  it('turns a failing native module into keychain.unavailable and retries loading later', async () => {
    let attempts = 0;
    const store = new KeytarSecretStore({
      platform: 'linux',
      load: async () => {
        attempts++;
        if (attempts === 1) throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
        return fakeKeytar();
      },
    });
    await expect(store.get('a')).rejects.toMatchObject({ code: 'keychain.unavailable' });
    expect(await store.get('a')).toBeNull();
    expect(attempts).toBe(2);
  });
});
