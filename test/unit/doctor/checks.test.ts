/**
 * The doctor's checks that depend on the desktop and the environment, with their inputs injected:
 * the tray host (GNOME without the AppIndicator extension fails with the fix), proxy settings (a
 * proxy password never shows), data directory permissions, and the clock check's thresholds.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkClockSkew } from '../../../main/core/doctor/clock-skew';
import { checkDataDir, checkProxy } from '../../../main/core/doctor/local-checks';
import { checkTrayHost } from '../../../main/core/doctor/tray-host';
import type { FetchLike } from '../../../main/core/iam/fetch';
import { ManualClock } from '../../support/manual-clock';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs('akvault-doctor-');
afterEach(() => temp.cleanup());

describe('tray host', () => {
  const gnome = { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', WAYLAND_DISPLAY: 'wayland-0' };
  it('GNOME without a StatusNotifierWatcher fails and names the extension', async () => {
    const c = await checkTrayHost(gnome, 'linux', async () => false);
    expect(c.status).toBe('fail');
    expect(c.fix).toMatch(/AppIndicator/);
  });
  it('GNOME with the extension (a watcher on the bus) is fine', async () => {
    expect((await checkTrayHost(gnome, 'linux', async () => true)).status).toBe('ok');
  });
  it('another desktop without a watcher warns; no desktop session is only information', async () => {
    expect((await checkTrayHost({ XDG_CURRENT_DESKTOP: 'XFCE', DISPLAY: ':0' }, 'linux', async () => false)).status).toBe('warn');
    expect((await checkTrayHost({}, 'linux', async () => false)).status).toBe('info');
    expect((await checkTrayHost({}, 'darwin', async () => false)).status).toBe('ok');
  });
});

describe('proxy settings', () => {
  it('shows the proxy in effect without its password', async () => {
    const c = await checkProxy({ HTTPS_PROXY: 'http://alice:Pr0xyPassw0rd@proxy.corp:3128', NO_PROXY: '.corp,127.0.0.1' }, 'cli');
    expect(JSON.stringify(c)).not.toContain('Pr0xyPassw0rd');
    expect(JSON.stringify(c)).not.toContain('alice');
    expect(c.summary).toContain('proxy.corp:3128');
    expect(c.summary).toContain('.corp,127.0.0.1');
  });
  it('fails when NODE_EXTRA_CA_CERTS names a missing file', async () => {
    const c = await checkProxy({ NODE_EXTRA_CA_CERTS: '/nonexistent/corp-ca.pem' }, 'cli');
    expect(c.status).toBe('fail');
  });
  it('the app follows the OS settings', async () => {
    expect((await checkProxy({}, 'app')).summary).toMatch(/operating system/);
  });
});

describe('data directory', () => {
  it('fails for a directory or file other users can read, with the chmod that fixes it', async () => {
    const dir = path.join(temp.make(), 'data');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, 'profiles.json'), '{}', { mode: 0o600 });
    expect((await checkDataDir(dir, 'linux')).status).toBe('ok');
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'profiles.json'), 0o644);
    const c = await checkDataDir(dir, 'linux');
    expect(c.status).toBe('fail');
    expect(c.fix).toContain(`chmod 700 '${dir}'`);
    expect(c.fix).toContain(`chmod 600 '${path.join(dir, 'profiles.json')}'`);
  });
});

describe('clock skew', () => {
  const at = (serverMs: number): FetchLike => async () => ({ status: 404, headers: { get: (n: string) => (n === 'date' ? new Date(serverMs).toUTCString() : null) }, text: async () => '' });
  const now = Date.UTC(2001, 0, 1, 12, 0, 0);
  it('ok within a minute, warn past one, fail past five, saying ahead or behind', async () => {
    const clock = new ManualClock(now);
    expect((await checkClockSkew(['https://iam.example'], at(now + 20_000), clock)).status).toBe('ok');
    expect((await checkClockSkew(['https://iam.example'], at(now - 120_000), clock)).status).toBe('warn');
    const fail = await checkClockSkew(['https://iam.example'], at(now + 600_000), clock);
    expect(fail).toMatchObject({ status: 'fail', details: { skewSeconds: -600 } });
    expect(fail.summary).toMatch(/600 s behind IAM/);
  });
  it('an unreachable IAM is a warning pointing at the network settings', async () => {
    const down: FetchLike = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    const c = await checkClockSkew(['https://iam.example'], down, new ManualClock(now));
    expect(c.status).toBe('warn');
    expect(c.fix).toMatch(/proxy/);
  });
});
