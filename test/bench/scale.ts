/**
 * Benchmark 4 (Node side): profile store load at 100, 1,000 and 5,000 profiles (target < 50 ms at 5,000).
 * More scale cases (tray menu model, state snapshot, renderer) register in the same table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProfileStore } from '../../main/core/profiles/store';
import { createAppCore } from '../../main/core/app-core';
import { MemorySecretStore } from '../../main/core/secrets/memory-store';
import { buildSnapshot } from '../../main/shared/snapshot';
import { buildTrayMenu } from '../../main/electron/tray-menu-model';
import { SnapshotSchema } from '../../preload/contract';
import { createTranslator } from '../../i18n';
import { manyProfiles } from './profiles-fixture';
import { round, spread, timeMs } from './stats';
import type { Bench, BenchRow } from './types';

export const scale: Bench = async ({ tiny }) => {
  const sizes = tiny ? [100] : [100, 1000, 5000];
  const runs = tiny ? 1 : 7;
  const rows: BenchRow[] = [];
  for (const n of sizes) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-bench-'));
    try {
      const profiles = manyProfiles(n);
      await new ProfileStore({ dataDir: dir }).update((draft) => {
        draft.profiles.push(...profiles);
      });
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const store = new ProfileStore({ dataDir: dir });
        let count = 0;
        times.push(await timeMs(async () => (count = (await store.read()).profiles.length)));
        if (count !== n) throw new Error(`store read ${count} of ${n} profiles`);
      }
      const s = spread(times);
      const target = (median: number) => (n === 5000 ? { target: '< 50 ms', pass: median < 50 } : {});
      rows.push({ bench: 'scale', case: `${n} profiles`, metric: 'profile store load', unit: 'ms', value: round(s.median), runs: { ...s, n: runs }, ...target(s.median) });

      // The state snapshot main sends every page (built from the core, then validated by the contract)
      // and the tray menu model built from it.
      // As the app runs it: the profiles file watched, the broker's index kept between snapshots.
      const core = await createAppCore({ dataDir: dir, secretStore: new MemorySecretStore(), watchProfiles: true });
      const helper = { status: () => ({ state: 'off' as const }) };
      const locale = { current: () => 'en' as const };
      const snapTimes: number[] = [];
      const trayTimes: number[] = [];
      const t = createTranslator('en');
      for (let r = 0; r < runs; r++) {
        let snap: unknown;
        snapTimes.push(await timeMs(async () => (snap = SnapshotSchema.parse({ version: r + 1, ...(await buildSnapshot(core, helper as never, locale as never)) }))));
        trayTimes.push(await timeMs(() => buildTrayMenu({ snapshot: snap as never, windowVisible: false }, t, Date.now())));
      }
      core.dispose();
      const ss = spread(snapTimes);
      const ts = spread(trayTimes);
      rows.push({ bench: 'scale', case: `${n} profiles`, metric: 'state snapshot (build + validate)', unit: 'ms', value: round(ss.median), runs: { ...ss, n: runs }, ...target(ss.median) });
      rows.push({ bench: 'scale', case: `${n} profiles`, metric: 'tray menu model build', unit: 'ms', value: round(ts.median), runs: { ...ts, n: runs }, ...target(ts.median) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
};
