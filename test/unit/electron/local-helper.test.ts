import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalHelper } from '../../../main/electron/local-helper';
import { AkvaultError } from '../../../main/core/errors';
import type { HelperServer } from '../../../main/core/helper';
import type { CredentialProvider } from '../../../main/core/sessions/types';

const provider: CredentialProvider = {
  listProfiles: async () => [],
  getCredentials: async () => {
    throw new AkvaultError('profile.not-found', 'none');
  },
  getDefaultProfile: async () => null,
};

function fakeServer(port: number): HelperServer {
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token: 'T'.repeat(43),
    addPodIdentityClient: () => {
      throw new Error('unused');
    },
    podIdentityClients: () => [],
    attachUi: () => () => undefined,
    close: vi.fn(async () => undefined),
  };
}

describe('local helper runner (fakes)', () => {
  it('starts, reports its address (never the token), restarts on a port change, stops', async () => {
    const servers: HelperServer[] = [];
    const claim = vi.fn(async () => undefined);
    const release = vi.fn();
    const onChange = vi.fn();
    const helper = new LocalHelper({
      provider,
      helperFile: '/data/helper.json',
      pid: 4242,
      createServer: async (o) => {
        const s = fakeServer(o.port || 47001 + servers.length);
        servers.push(s);
        return s;
      },
      claim,
      release,
      onChange,
    });
    expect(helper.status()).toEqual({ state: 'off' });
    await helper.apply(true, 0);
    expect(helper.status()).toEqual({ state: 'running', url: 'http://127.0.0.1:47001', port: 47001 });
    expect(JSON.stringify(helper.status())).not.toContain('TTTT');
    expect(claim).toHaveBeenCalledWith('/data/helper.json', { url: 'http://127.0.0.1:47001', token: 'T'.repeat(43), pid: 4242 });

    await helper.apply(true, 0);
    expect(servers).toHaveLength(1);

    await helper.apply(true, 47555);
    expect(servers).toHaveLength(2);
    expect(servers[0]!.close).toHaveBeenCalled();
    expect(release).toHaveBeenCalledTimes(1);
    expect(helper.status()).toMatchObject({ state: 'running', port: 47555 });

    await helper.stop();
    expect(helper.status()).toEqual({ state: 'off' });
    expect(servers[1]!.close).toHaveBeenCalled();
    expect(release).toHaveBeenCalledTimes(2);
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(5);
  });

  it('reports a failure by code and leaves no server running', async () => {
    const server = fakeServer(47010);
    const helper = new LocalHelper({
      provider,
      helperFile: '/data/helper.json',
      createServer: async () => server,
      claim: async () => {
        throw new AkvaultError('helper.unavailable', 'Another akvault helper is already running.');
      },
    });
    await helper.apply(true, 0);
    expect(helper.status()).toEqual({ state: 'failed', errorCode: 'helper.unavailable' });
    expect(server.close).toHaveBeenCalled();
  });
});

describe('local helper runner (real server and helper.json)', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes helper.json (0600, url/token/pid) while running and removes it when stopped', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-helper-'));
    const file = path.join(dir, 'helper.json');
    const helper = new LocalHelper({ provider, helperFile: file });
    await helper.apply(true, 0);
    const status = helper.status();
    expect(status.state).toBe('running');
    const info = JSON.parse(await readFile(file, 'utf8')) as { url: string; token: string; pid: number };
    expect(info.url).toBe(status.url);
    expect(info.pid).toBe(process.pid);
    expect(info.token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const health = await fetch(`${status.url}/v1/health`, { headers: { authorization: `Bearer ${info.token}` } });
    expect(health.status).toBe(200);
    await helper.stop();
    await expect(stat(file)).rejects.toThrow();
  });
});
