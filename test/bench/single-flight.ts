/**
 * Benchmark 2a: N concurrent asks for a cold agency profile (1, 100, 1,000, 10,000) against the IAM
 * emulator: IAM calls (must be 1) and time to serve all.
 */
import { createBrokerFixture, OPS, sessionSeed } from '../support/broker-fixture';
import { round, spread, timeMs } from './stats';
import type { Bench, BenchRow } from './types';

export const singleFlight: Bench = async ({ tiny }) => {
  const sizes = tiny ? [1, 100] : [1, 100, 1000, 10_000];
  const runs = tiny ? 1 : 3;
  const fx = await createBrokerFixture({ seed: sessionSeed({ tokenExpiresAt: '2030-01-01T00:00:00Z' }), keychain: 'memory' });
  const rows: BenchRow[] = [];
  try {
    await fx.add({ name: 'ops', kind: 'access-key', accessKeyId: OPS.ak, domainId: OPS.domainId }, { secretKey: OPS.sk });
    let serial = 0;
    for (const n of sizes) {
      const times: number[] = [];
      const calls: number[] = [];
      for (let r = 0; r < runs; r++) {
        const name = `cold-${serial++}`;
        await fx.add({ name, kind: 'agency', sourceId: fx.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600 });
        fx.emulator.resetCalls();
        times.push(await timeMs(() => Promise.all(Array.from({ length: n }, () => fx.broker.getCredentials(name, { kind: 'broker' })))));
        calls.push(fx.emulator.callsTo('securitytokens').length);
      }
      const t = spread(times);
      rows.push({ bench: 'single-flight', case: `${n} concurrent`, metric: 'IAM calls', unit: 'calls', value: Math.max(...calls), target: '= 1', pass: calls.every((c) => c === 1) });
      rows.push({ bench: 'single-flight', case: `${n} concurrent`, metric: 'time to serve all', unit: 'ms', value: round(t.median), runs: { ...t, n: runs } });
    }
  } finally {
    await fx.close();
  }
  return rows;
};
