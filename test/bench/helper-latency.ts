/**
 * Benchmark 1: cached credential fetch through the local helper at 1, 16 and 256 concurrent keep-alive
 * clients, side by side with a bare node:http server on loopback answering a body of the same size
 * (the floor). Target: within 1.3× of the floor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { closedLoop, type LoadResult } from './load';
import { round, spread } from './stats';
import type { Bench, BenchRow } from './types';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

async function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; token: string; bodyBytes: number }> {
  const child = spawn(tsx, [path.join(__dirname, 'servers/helper-bench-server.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  rl.close();
  return { child, ...(JSON.parse(line) as { url: string; token: string; bodyBytes: number }) };
}

export const helperLatency: Bench = async ({ tiny }) => {
  const akvault = await startServer(['akvault']);
  const floor = await startServer(['floor', String(akvault.bodyBytes)]);
  const levels = tiny ? [1, 16] : [1, 16, 256];
  const runs = tiny ? 1 : 3;
  const durationMs = tiny ? 300 : 3000;
  const rows: BenchRow[] = [];
  try {
    for (const c of levels) {
      const a: LoadResult[] = [];
      const f: LoadResult[] = [];
      for (let r = 0; r < runs; r++) {
        // Alternate so drift in the machine's state hits both sides alike.
        a.push(await closedLoop(`${akvault.url}/v1/credentials/prod`, { authorization: `Bearer ${akvault.token}` }, c, durationMs));
        f.push(await closedLoop(`${floor.url}/v1/credentials/prod`, {}, c, durationMs));
      }
      if (a.some((x) => x.errors > 0)) throw new Error(`helper answered errors at concurrency ${c}`);
      for (const [metric, unit, pick, better] of [
        ['p50 latency', 'ms', (x: LoadResult) => x.p50Ms, 'lower'],
        ['p99 latency', 'ms', (x: LoadResult) => x.p99Ms, 'lower'],
        ['throughput', 'req/s', (x: LoadResult) => x.rps, 'higher'],
      ] as const) {
        const s = spread(a.map(pick));
        const fl = spread(f.map(pick)).median;
        const ratio = better === 'lower' ? s.median / fl : fl / s.median;
        rows.push({
          bench: 'helper',
          case: `${c} client${c > 1 ? 's' : ''}`,
          metric,
          unit,
          value: round(s.median, 3),
          runs: { ...s, n: runs },
          floor: { label: 'bare node:http', value: round(fl, 3) },
          ratio: round(ratio, 2),
          target: '≤ 1.3× floor',
          pass: ratio <= 1.3,
        });
      }
    }
  } finally {
    akvault.child.kill();
    floor.child.kill();
  }
  return rows;
};
