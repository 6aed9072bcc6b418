import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseBackend, recordBackend } from '../../../../main/core/secrets/backend-choice';
import { DefaultSecretStore } from '../../../../main/core/secrets/default-store';
import { listFiles } from '../../../support/secret-scan';
import { makeTempDirs } from '../../../support/temp-dir';

const temp = makeTempDirs('akvault-backend-');
afterEach(() => temp.cleanup());

const answers = async () => ({ state: 'available' as const, backend: 'test' });
const silent = async () => ({ state: 'unavailable' as const, backend: 'test', message: 'Cannot autolaunch D-Bus without X11 $DISPLAY' });
const lockedKeychain = async () => ({ state: 'locked' as const, backend: 'test', message: 'locked' });

describe('choosing the secret backend', () => {
  it('fresh data dir: the keychain when it answers (even locked), else the vault file; to be recorded', async () => {
    const dir = temp.make();
    expect(await chooseBackend(dir, {}, answers)).toEqual({ backend: 'keychain', record: true, reason: 'detected' });
    expect(await chooseBackend(dir, {}, lockedKeychain)).toMatchObject({ backend: 'keychain' });
    expect(await chooseBackend(dir, {}, silent)).toEqual({ backend: 'file', record: true, reason: 'detected' });
  });

  it('the variable picks one; a recorded choice wins over detection and must agree with the variable', async () => {
    const dir = temp.make();
    expect(await chooseBackend(dir, { AKVAULT_SECRET_BACKEND: 'file' }, answers)).toMatchObject({ backend: 'file', reason: 'env' });
    await recordBackend(dir, 'keychain');
    expect(await chooseBackend(dir, {}, silent)).toEqual({ backend: 'keychain', record: false, reason: 'recorded' });
    await expect(chooseBackend(dir, { AKVAULT_SECRET_BACKEND: 'file' }, answers)).rejects.toMatchObject({
      code: 'secrets.backend',
      hint: expect.stringContaining('akvault secrets migrate --to file'),
    });
    await expect(chooseBackend(dir, { AKVAULT_SECRET_BACKEND: 'vault' }, answers)).rejects.toMatchObject({ code: 'usage' });
    await fsp.writeFile(path.join(dir, 'secret-backend.json'), '{"backend":"floppy"}');
    await expect(chooseBackend(dir, {}, answers)).rejects.toMatchObject({ code: 'secrets.backend' });
  });

  it('an existing vault means the file backend even where a keychain answers', async () => {
    const dir = temp.make();
    await fsp.mkdir(path.join(dir, 'vault'), { recursive: true });
    await fsp.writeFile(path.join(dir, 'vault', 'key.age'), 'x');
    expect(await chooseBackend(dir, {}, answers)).toMatchObject({ backend: 'file', reason: 'detected' });
  });

  it('the default store records the choice with the first secret written, and writes nothing before', async () => {
    const dir = temp.make();
    const store = new DefaultSecretStore(dir, { AKVAULT_SECRET_BACKEND: 'file', AKVAULT_VAULT_SCRYPT_LOG_N: '10' }, { passphrase: async () => 'a passphrase for tests' });
    expect(await store.get('x')).toBeNull();
    expect(await store.list()).toEqual([]);
    expect(await listFiles(dir)).toEqual([]);
    await store.set('x', 'some-secret-value');
    expect(JSON.parse(await fsp.readFile(path.join(dir, 'secret-backend.json'), 'utf8'))).toEqual({ backend: 'file' });
    expect(await store.get('x')).toBe('some-secret-value');
    // Large values need no sealing here (createService must not wrap it again).
    expect(store.holdsLargeValues).toBe(true);
  });
});
