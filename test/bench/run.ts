/**
 * `npm run bench`: runs every benchmark, prints a table and writes JSON (machine, runs, min/median/max,
 * floors and ratios measured in the same run) to test-results/bench.json.
 *   --tiny       one run at the smallest sizes (what the test suite does, so no benchmark rots)
 *   --only a,b   run only the named benchmarks
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { benches } from './registry';
import { round } from './stats';
import type { BenchRow } from './types';

async function main() {
  const args = process.argv.slice(2);
  const tiny = args.includes('--tiny');
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? args[onlyIdx + 1]?.split(',') : undefined;
  const rows: BenchRow[] = [];
  for (const [name, bench] of Object.entries(benches)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`running ${name}…\n`);
    rows.push(...(await bench({ tiny })));
  }
  const machine = { platform: `${os.platform()} ${os.release()}`, arch: os.arch(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  const out = path.resolve(__dirname, '../../test-results/bench.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify({ date: new Date().toISOString(), tiny, machine, rows }, null, 2) + '\n');
  printTable(rows);
  process.stdout.write(`\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}. JSON: ${path.relative(process.cwd(), out)}\n`);
}

function printTable(rows: BenchRow[]) {
  const cells = rows.map((r) => [
    r.bench,
    r.case,
    r.metric,
    `${r.value} ${r.unit}`,
    r.runs ? `${round(r.runs.min, 3)}–${round(r.runs.max, 3)} (n=${r.runs.n})` : '',
    r.floor ? `${r.floor.value} ${r.unit} (${r.floor.label})` : '',
    r.ratio !== undefined ? `${r.ratio}×` : '',
    r.target ? `${r.target} ${r.pass ? 'ok' : 'MISSED'}` : '',
  ]);
  const head = ['bench', 'case', 'metric', 'median', 'range', 'floor', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  process.stdout.write(line(head) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
  for (const c of cells) process.stdout.write(line(c) + '\n');
}

void main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
