import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SingleFlight } from '../../../main/core/sessions/single-flight';
import { Alarms } from '../../../main/core/sessions/alarms';
import { AuditLog } from '../../../main/core/sessions/audit-log';
import { ManualClock } from '../../support/manual-clock';

describe('SingleFlight', () => {
  it('shares one run between concurrent callers and runs again afterwards', async () => {
    const sf = new SingleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return runs;
    };
    const all = Promise.all(Array.from({ length: 1000 }, () => sf.run('p', work)));
    release();
    expect(new Set(await all)).toEqual(new Set([1]));
    expect(await sf.run('p', async () => 42)).toBe(42);
    expect(runs).toBe(1);
  });

  it('propagates a failure to every waiter and does not cache it', async () => {
    const sf = new SingleFlight<number>();
    const failing = Promise.all([sf.run('k', async () => Promise.reject(new Error('boom'))), sf.run('k', async () => 1)]);
    await expect(failing).rejects.toThrow('boom');
    await expect(sf.run('k', async () => 2)).resolves.toBe(2);
  });
});

describe('Alarms', () => {
  it('raises once per profile, updates on repeat failures and clears on recovery', () => {
    const a = new Alarms();
    expect(a.fail('p', 'refresh-failed', 'iam.server', 'IAM answered 503', 't1').type).toBe('raised');
    const upd = a.fail('p', 'refresh-failed', 'iam.server', 'IAM answered 503', 't2');
    expect(upd).toMatchObject({ type: 'updated', alarm: { failures: 2, firstFailureAt: 't1', lastFailureAt: 't2' } });
    expect(a.list()).toHaveLength(1);
    expect(a.recover('p', 't3')).toMatchObject({ type: 'cleared', clearedAt: 't3' });
    expect(a.recover('p', 't4')).toBeNull();
    expect(a.list()).toHaveLength(0);
    expect(a.recent()[0]).toMatchObject({ profile: 'p', clearedAt: 't3' });
  });
});

describe('AuditLog', () => {
  it('appends JSON lines with mode 0600, keeps only schema fields, and rotates by size', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-audit-'));
    const file = path.join(dir, 'audit.log');
    const log = new AuditLog({ file, clock: new ManualClock(), maxBytes: 400, keep: 2 });
    const leaky = { event: 'served', profile: 'prod', to: { kind: 'cli', command: 'env' }, secretAccessKey: 'SHOULD-NOT-APPEAR' } as never;
    for (let i = 0; i < 10; i++) await log.record(leaky);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const all = (await readFile(file, 'utf8')) + (await readFile(`${file}.1`, 'utf8'));
    expect(all).not.toContain('SHOULD-NOT-APPEAR');
    const entries = await log.read();
    expect(entries[0]).toMatchObject({ event: 'served', profile: 'prod', to: { kind: 'cli', command: 'env' } });
    expect(entries.length).toBeGreaterThan(2);
    await expect(stat(`${file}.3`)).rejects.toThrow();
  });

  it('skips a torn last line after a crash', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-audit-'));
    const file = path.join(dir, 'audit.log');
    await writeFile(file, '{"at":"x","event":"issued","profile":"a"}\n{"at":"y","ev');
    const log = new AuditLog({ file, clock: new ManualClock() });
    expect(await log.read()).toEqual([{ at: 'x', event: 'issued', profile: 'a' }]);
  });
});
