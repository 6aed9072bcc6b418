/**
 * Benchmark 5: resident memory of `akvault serve` idle, and of the same composition (app core + local
 * helper, in a child process) with 500 started sessions against the IAM emulator. Read from
 * /proc/<pid>/status (VmRSS) after a GC and a settle time.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import path from 'node:path';
import readline from 'node:readline';
import { createCliFixture, root } from './cli-fixture';
import type { Bench, BenchRow } from './types';

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const memory: Bench = async ({ tiny }) => {
  if (process.platform !== 'linux') return [];
  const sessions = tiny ? 5 : 500;
  const fx = await createCliFixture(sessions);
  const rows: BenchRow[] = [];
  try {
    const serve = await fx.startServe();
    await settle(tiny ? 200 : 2000);
    rows.push({ bench: 'memory', case: 'akvault serve, idle', metric: 'RSS', unit: 'MiB', value: rssMiB(serve.pid!) });
    serve.kill('SIGTERM');
    await new Promise((r) => serve.once('exit', r));

    // Bundled like the CLI and run on plain Node, so no TypeScript loader sits in the measured memory.
    // Inside the repository so the native keychain module resolves from node_modules as the CLI's does.
    const bundle = path.join(root, 'out/bench/sessions-host.cjs');
    await build({ entryPoints: [path.join(__dirname, 'servers/sessions-host.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['keytar'], logLevel: 'warning', alias: { 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') } });
    const host = spawn(process.execPath, ['--expose-gc', bundle, fx.dataDir, String(sessions)], {
      env: fx.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: host.stdout! }).once('line', resolve);
      host.once('exit', (c) => reject(new Error(`sessions host exited (${c})`)));
    });
    const info = JSON.parse(line) as { pid: number; sessions: number };
    await settle(tiny ? 200 : 2000);
    rows.push({ bench: 'memory', case: `app core + helper, ${info.sessions} sessions`, metric: 'RSS', unit: 'MiB', value: rssMiB(info.pid) });
    host.kill('SIGTERM');
  } finally {
    await fx.close();
  }
  return rows;
};
