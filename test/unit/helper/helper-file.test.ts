import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimHelperFile, isProcessAlive, parseHelperInfo, readHelperFile, releaseHelperFileSync, serializeHelperInfo, type HelperInfo } from '../../../main/core/helper/helper-file';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

const TOKEN = 'K_2keTAwP8-HcOVYjo9JeIesOKXPc_af8vnPwXdhRh4';
const info = (over: Partial<HelperInfo> = {}): HelperInfo => ({ url: 'http://127.0.0.1:40123', token: TOKEN, pid: 4242, ...over });

describe('helper.json validation', () => {
  it('accepts exactly what a helper writes', () => {
    expect(parseHelperInfo(serializeHelperInfo(info()))).toEqual(info());
  });

  it.each([
    ['not JSON', '{url'],
    ['an array', '[]'],
    ['a remote host', JSON.stringify(info({ url: 'http://evil.example:80' }))],
    ['localhost by name', JSON.stringify(info({ url: 'http://localhost:40123' }))],
    ['https', JSON.stringify(info({ url: 'https://127.0.0.1:40123' }))],
    ['a path after the port', JSON.stringify(info({ url: 'http://127.0.0.1:40123/x' }))],
    ['port 0', JSON.stringify(info({ url: 'http://127.0.0.1:0' }))],
    ['port 70000', JSON.stringify(info({ url: 'http://127.0.0.1:70000' }))],
    ['a short token', JSON.stringify(info({ token: 'abc' }))],
    ['a token with spaces', JSON.stringify(info({ token: `${TOKEN} x` }))],
    ['pid 0', JSON.stringify(info({ pid: 0 }))],
    ['a fractional pid', JSON.stringify(info({ pid: 1.5 }))],
    ['a pid as text', JSON.stringify({ ...info(), pid: '4242' })],
  ])('rejects %s', (_, text) => {
    expect(parseHelperInfo(text)).toBeNull();
  });

  it('reads a missing file as missing and garbage as invalid', async () => {
    const dir = temp.make();
    expect(await readHelperFile(path.join(dir, 'helper.json'))).toEqual({ state: 'missing' });
    await fsp.writeFile(path.join(dir, 'helper.json'), 'garbage');
    expect(await readHelperFile(path.join(dir, 'helper.json'))).toMatchObject({ state: 'invalid' });
  });

  it('knows a live process from a dead one', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
  });
});

describe('claiming helper.json', () => {
  it('creates it 0600 in a new 0700 directory, refuses a live owner, replaces a gone one', async () => {
    const file = path.join(temp.make(), 'data', 'helper.json');
    await claimHelperFile(file, info(), async () => true);
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fsp.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readHelperFile(file)).toEqual({ state: 'found', info: info() });

    const second = info({ url: 'http://127.0.0.1:40999', token: TOKEN.replace('K', 'Z') });
    await expect(claimHelperFile(file, second, async () => true)).rejects.toMatchObject({ code: 'helper.unavailable', message: expect.stringContaining('process 4242') });
    expect(await readHelperFile(file)).toEqual({ state: 'found', info: info() });

    await claimHelperFile(file, second, async () => false);
    expect(await readHelperFile(file)).toEqual({ state: 'found', info: second });
    // No temp files left next to it.
    expect(await fsp.readdir(path.dirname(file))).toEqual(['helper.json']);
  });

  it('replaces a damaged file', async () => {
    const file = path.join(temp.make(), 'helper.json');
    await fsp.writeFile(file, '{"url":');
    await claimHelperFile(file, info(), async () => true);
    expect(await readHelperFile(file)).toEqual({ state: 'found', info: info() });
  });

  it('release removes only a file that is still ours', async () => {
    const file = path.join(temp.make(), 'helper.json');
    await claimHelperFile(file, info(), async () => false);
    releaseHelperFileSync(file, info({ token: TOKEN.replace('K', 'Q') }));
    expect(await readHelperFile(file)).toMatchObject({ state: 'found' });
    releaseHelperFileSync(file, info());
    expect(await readHelperFile(file)).toEqual({ state: 'missing' });
    releaseHelperFileSync(file, info()); // already gone: no error
  });
});
