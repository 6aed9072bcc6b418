/**
 * Benchmark 4 (Node side): profile store load at 100, 1,000 and 5,000 profiles (target < 50 ms at 5,000).
 * More scale cases (tray menu model, state snapshot, renderer) register in the same table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProfileStore } from '../../main/core/profiles/store';
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
      rows.push({ bench: 'scale', case: `${n} profiles`, metric: 'profile store load', unit: 'ms', value: round(s.median), runs: { ...s, n: runs }, ...(n === 5000 ? { target: '< 50 ms', pass: s.median < 50 } : {}) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
};
