/**
 * `akvault doctor`, the built CLI against the real keychain and the IAM emulator: a healthy setup
 * exits 0; no keychain, a stale helper.json, and a clock skewed against IAM (the emulator's clock) each
 * exit 1 and say what is wrong and how to fix it. The report never holds a secret.
 */
import { writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeHelperInfo } from '../../../main/core/helper/helper-file';
import type { DoctorReport } from '../../../main/core/doctor';
import { OPS } from '../../support/broker-fixture';
import { createCliFixture, type CliFixture } from './support/cli-fixture';

let fx: CliFixture;

beforeAll(async () => {
  fx = await createCliFixture();
  await fx.addProfiles();
});

afterAll(async () => {
  await fx?.close();
});

async function doctor(env: NodeJS.ProcessEnv = {}) {
  const text = await fx.akvault(['doctor'], { env });
  const json = await fx.akvault(['doctor', '--json'], { env });
  const report = JSON.parse(json.stdout) as DoctorReport;
  expect(json.code).toBe(text.code);
  expect(text.stdout + json.stdout).not.toContain(OPS.sk);
  return { code: text.code, stdout: text.stdout, report, byId: (id: string) => report.checks.find((c) => c.id === id)! };
}

describe('akvault doctor', () => {
  it('exits 0 on a healthy setup, with every check reported', async () => {
    const r = await doctor();
    expect(r.report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.report.ok).toBe(true);
    expect(r.report.checks.map((c) => c.id)).toEqual(['secrets', 'data-dir', 'profiles', 'helper', 'clock', 'proxy', 'tool-files', 'tray', 'versions']);
    expect(r.byId('secrets').status).toBe('ok');
    expect(r.byId('data-dir').status).toBe('ok');
    expect(r.byId('profiles')).toMatchObject({ status: 'ok', details: { profiles: 2 } });
    expect(r.byId('clock')).toMatchObject({ status: 'ok', details: { endpoint: expect.stringContaining('127.0.0.1') } });
    expect(r.stdout).toContain('No problems found.');
  });

  it('without a keychain: exits 1 and says the secret store is unavailable', async () => {
    const r = await doctor({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/akvault-no-bus' });
    expect(r.code).toBe(1);
    expect(r.byId('secrets')).toMatchObject({ status: 'fail', details: { state: 'unavailable' } });
    expect(r.stdout).toMatch(/FAIL\s+Secret store .*unavailable/);
    expect(r.stdout).toMatch(/fix: .*Secret Service/);
  });

  it('with a stale helper.json: exits 1, names the file and how to fix it', async () => {
    const file = path.join(fx.dataDir, 'helper.json');
    // A helper that crashed: its process is gone, the file stayed.
    writeFileSync(file, serializeHelperInfo({ url: 'http://127.0.0.1:9', token: 'A'.repeat(43), pid: 2 ** 22 + 12345 }), { mode: 0o600 });
    try {
      const r = await doctor();
      expect(r.code).toBe(1);
      expect(r.byId('helper')).toMatchObject({ status: 'fail' });
      expect(r.stdout).toMatch(/FAIL\s+Local helper .*helper\.json is stale: process \d+ is not running/);
      expect(r.stdout).toContain(`rm '${file}'`);
    } finally {
      await rm(file, { force: true });
    }
  });

  it('with a clock skewed against IAM: exits 1 and says by how much', async () => {
    fx.clock.offsetMs = 20 * 60_000; // the emulator (IAM) runs 20 minutes ahead of this machine
    try {
      const r = await doctor();
      expect(r.code).toBe(1);
      expect(r.byId('clock')).toMatchObject({ status: 'fail' });
      expect(Math.abs(Number(r.byId('clock').details.skewSeconds) + 1200)).toBeLessThanOrEqual(5);
      expect(r.stdout).toMatch(/FAIL\s+Clock vs IAM\s+This machine's clock is 1[12]\d\d s behind IAM/);
      expect(r.stdout).toMatch(/fix: Turn on automatic time/);
    } finally {
      fx.clock.offsetMs = 0;
    }
  });
});
