import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browserCommand } from '../../../main/cli/browser';
import { HANDOFF_COMMANDS } from '../../../main/cli/commands/handoff';
import { FAST_COMMANDS } from '../../../main/cli/fast-commands';
import { loginRefusal, parseLoginDuration } from '../../../main/cli/commands/login';
import { alarmLine, parsePort } from '../../../main/cli/commands/serve';
import { clockFromEnv } from '../../../main/cli/test-clock';
import { createTokenFile } from '../../../main/cli/token-file';
import type { Profile } from '../../../main/core/profiles/schema';
import { makeTempDirs } from '../../support/temp-dir';

const temp = makeTempDirs();
afterEach(() => temp.cleanup());

const base = { id: '00000000-0000-4000-8000-000000000001', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

describe('fast entry point', () => {
  it('sends exactly the handoff commands down the lean path', () => {
    expect([...FAST_COMMANDS].sort()).toEqual([...HANDOFF_COMMANDS].sort());
  });
});

describe('login checks', () => {
  it('refuses permanent keys and v3 agencies without a session user; lets the others through', () => {
    expect(loginRefusal({ ...base, name: 'k', kind: 'access-key', accessKeyId: 'AK' } as Profile)?.message).toMatch(/permanent access keys/);
    const agency = { ...base, name: 'a', kind: 'agency', sourceId: base.id, agencyDomainName: 'x', agencyName: 'y', durationSeconds: 900 } as Profile;
    expect(loginRefusal(agency)?.hint).toContain('--session-user');
    expect(loginRefusal({ ...agency, sessionUserName: 'alice-cli' } as Profile)).toBeNull();
    expect(loginRefusal({ ...base, name: 't', kind: 'temporary-key', accessKeyId: 'AK', expiresAt: '2030-01-01T00:00:00Z' } as Profile)).toBeNull();
  });

  it('takes console session lengths of 600–43200 s only', () => {
    expect(parseLoginDuration('600')).toBe(600);
    expect(parseLoginDuration('43200')).toBe(43_200);
    for (const bad of ['599', '43201', '1e3', '-600', '']) expect(() => parseLoginDuration(bad)).toThrow(/600 to 43200/);
  });

  it('opens the browser without a shell, the URL as one argument', () => {
    const url = 'https://auth.example/login?a=1&b=$(id)';
    expect(browserCommand(url, 'linux')).toEqual({ file: 'xdg-open', args: [url] });
    expect(browserCommand(url, 'darwin')).toEqual({ file: 'open', args: [url] });
    expect(browserCommand(url, 'win32')).toEqual({ file: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] });
  });
});

describe('serve parts', () => {
  it('parses ports', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65_535);
    for (const bad of ['65536', '-1', 'http', '8.5']) expect(() => parsePort(bad)).toThrow(/0 to 65535/);
  });

  it('prints one line per alarm raised or cleared, nothing for other events', () => {
    const alarm = { profile: 'prod', kind: 'refresh-failed' as const, code: 'iam.unreachable', message: 'IAM did not answer.', firstFailureAt: '', lastFailureAt: '', failures: 1 };
    expect(alarmLine({ type: 'alarm-raised', alarm })).toBe('akvault: alarm: prod: IAM did not answer. [iam.unreachable]\n');
    expect(alarmLine({ type: 'alarm-cleared', alarm, clearedAt: '' })).toBe('akvault: alarm cleared: prod works again.\n');
    expect(alarmLine({ type: 'alarm-updated', alarm })).toBeNull();
  });
});

describe('pod-identity token file', () => {
  it('is 0600 in a fresh 0700 directory and goes away with it', async () => {
    const t = createTokenFile('token-value-0123456789', temp.make());
    expect((await fsp.stat(t.path)).mode & 0o777).toBe(0o600);
    expect((await fsp.stat(path.dirname(t.path))).mode & 0o777).toBe(0o700);
    expect(await fsp.readFile(t.path, 'utf8')).toBe('token-value-0123456789');
    t.remove();
    await expect(fsp.stat(path.dirname(t.path))).rejects.toMatchObject({ code: 'ENOENT' });
    t.remove();
  });
});

describe('test clock hook', () => {
  it('is off unless both variables are set, and follows the file while running', async () => {
    const file = path.join(temp.make(), 'offset');
    expect(clockFromEnv({ AKVAULT_TEST_CLOCK_FILE: file })).toBeUndefined();
    expect(clockFromEnv({ AKVAULT_TEST_HOOKS: '1' })).toBeUndefined();
    const clock = clockFromEnv({ AKVAULT_TEST_HOOKS: '1', AKVAULT_TEST_CLOCK_FILE: file })!;
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
    await fsp.writeFile(file, String(3_600_000));
    expect(clock.now() - Date.now()).toBeGreaterThan(3_590_000);
  });
});
