/**
 * Benchmark 3: `akvault exec PROFILE -- true` and `akvault env PROFILE` with cached credentials, through
 * `akvault serve` and standalone, against `node -e 0` (the floor: Node's own start-up). Target: within
 * 1.5× of the floor. Also 50 parallel `akvault env` processes with serve running: IAM calls (must be 1).
 */
import { spawn } from 'node:child_process';
import { createCliFixture, cli } from './cli-fixture';
import { round, spread } from './stats';
import type { Bench, BenchRow } from './types';

/** Wall time of each run, spawned asynchronously (the IAM emulator lives in this process's event loop). */
async function timeCommand(args: string[], env: NodeJS.ProcessEnv, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', resolve);
    });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (code !== 0) throw new Error(`${args.join(' ')} failed: ${stderr}`);
    out.push(ms);
  }
  return out;
}

export const cliStartup: Bench = async ({ tiny }) => {
  const runs = tiny ? 2 : 25;
  const fx = await createCliFixture();
  const rows: BenchRow[] = [];
  try {
    const floor = spread(await timeCommand(['-e', '0'], fx.env, runs)).median;
    const row = async (label: string, args: string[]) => {
      await timeCommand([cli, ...args], fx.env, 1); // warm: the first run mints and caches
      const s = spread(await timeCommand([cli, ...args], fx.env, runs));
      const ratio = s.median / floor;
      rows.push({ bench: 'cli', case: label, metric: 'wall time', unit: 'ms', value: round(s.median, 1), runs: { ...s, n: runs }, floor: { label: 'node -e 0', value: round(floor, 1) }, ratio: round(ratio, 2), target: '≤ 1.5× floor', pass: ratio <= 1.5 });
    };
    await row('env (standalone, cached)', ['env', 'prod']);
    await row('exec -- true (standalone, cached)', ['exec', 'prod', '--', 'true']);
    const serve = await fx.startServe();
    await row('env (through serve)', ['env', 'prod']);
    await row('exec -- true (through serve)', ['exec', 'prod', '--', 'true']);

    // 50 processes at once asking serve for a cold profile: one IAM call.
    fx.run(['profile', 'add', '--name', 'cold', '--kind', 'agency', '--source', 'ops', '--agency-domain-name', 'acme-prod', '--agency-name', 'prod-admin', '--iam-endpoint', fx.emulator.url]);
    await new Promise((r) => setTimeout(r, 200)); // serve notices the edited profiles file
    fx.emulator.resetCalls();
    const n = tiny ? 10 : 50;
    const codes = await Promise.all(
      Array.from({ length: n }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [cli, 'env', 'cold'], { env: fx.env, stdio: 'ignore' }).once('exit', resolve))),
    );
    if (codes.some((c) => c !== 0)) throw new Error('an akvault env process failed');
    const calls = fx.emulator.callsTo('securitytokens').length;
    rows.push({ bench: 'cli', case: `${n} parallel env via serve`, metric: 'IAM calls', unit: 'calls', value: calls, target: '= 1', pass: calls === 1 });
    serve.kill('SIGTERM');
  } finally {
    await fx.close();
  }
  return rows;
};
