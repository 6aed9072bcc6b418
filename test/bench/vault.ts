/**
 * The vault file (secrets backend without an OS keychain): unlock time (scrypt at the default work
 * factor, once per unlock) and the cost of one secret read and one secret write with 5,000 profiles'
 * secrets in the vault (a write re-encrypts the whole file under the profiles lock, with no KDF).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VaultFileSecretStore } from '../../main/core/secrets/vault-file-store';
import { DEFAULT_SCRYPT_LOG_N } from '../../main/core/secrets/vault-format';
import { round, spread, timeMs } from './stats';
import type { Bench, BenchRow } from './types';

const PASS = 'benchmark vault passphrase';

export const vault: Bench = async ({ tiny }) => {
  const profiles = tiny ? 20 : 5_000;
  const logN = tiny ? 10 : DEFAULT_SCRYPT_LOG_N;
  const unlockRuns = tiny ? 1 : 3;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-bench-vault-'));
  const open = (scryptLogN = logN) => new VaultFileSecretStore({ dir: path.join(dir, 'vault'), lockFile: path.join(dir, 'profiles.json'), scryptLogN });
  try {
    const v = open();
    await v.create(PASS);
    // One secret key per profile, written as one batch (concurrent writes share one re-encryption).
    await Promise.all(Array.from({ length: profiles }, (_, i) => v.set(`profile:${String(i).padStart(8, '0')}:sk`, `SK${String(i).padStart(38, '0')}`)));

    const unlocks: number[] = [];
    for (let i = 0; i < unlockRuns; i++) unlocks.push(await timeMs(() => open().unlock(PASS)));

    const reads: number[] = [];
    for (let i = 0; i < (tiny ? 10 : 2_000); i++) reads.push(await timeMs(() => v.get(`profile:${String(i % profiles).padStart(8, '0')}:sk`)));
    const writes: number[] = [];
    for (let i = 0; i < (tiny ? 3 : 30); i++) writes.push(await timeMs(() => v.set(`session:${i}`, `cached-session-${i}`.padEnd(2_000, 'x'))));
    const batch = await timeMs(() => Promise.all(Array.from({ length: 100 }, (_, i) => v.set(`batch:${i}`, `value-${i}`))));

    const row = (c: string, metric: string, unit: string, values: number[]): BenchRow => {
      const s = spread(values);
      return { bench: 'vault', case: c, metric, unit, value: round(s.median, 3), runs: { min: s.min, median: s.median, max: s.max, n: values.length } };
    };
    return [
      row(`unlock (scrypt logN ${logN}), ${profiles} profiles`, 'time', 'ms', unlocks),
      row(`read one secret, ${profiles} profiles`, 'time', 'ms', reads),
      row(`write one secret, ${profiles} profiles`, 'time', 'ms', writes),
      { bench: 'vault', case: `100 concurrent writes, ${profiles} profiles`, metric: 'time', unit: 'ms', value: round(batch, 3) },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
