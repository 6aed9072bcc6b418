/**
 * Every benchmark runs once at its tiny size so none rots. No timing is asserted here (speed targets
 * live in `npm run bench`); only that each produces its rows and that the correctness figures hold.
 */
import { describe, expect, it } from 'vitest';
import { benches } from '../../bench/registry';

describe('benchmarks at tiny size', () => {
  for (const [name, bench] of Object.entries(benches)) {
    it(`${name} runs and reports`, async () => {
      const rows = await bench({ tiny: true });
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.bench).toBeTruthy();
        expect(Number.isFinite(r.value)).toBe(true);
        if (r.floor) expect(r.floor.value).toBeGreaterThan(0);
      }
      // Correctness figures are not timings: they must hold at any size.
      for (const r of rows.filter((x) => x.metric === 'IAM calls')) expect(r.value).toBe(1);
    }, 120_000);
  }
});
