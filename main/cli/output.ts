import type { Advisory } from '../core/profiles/validation';
import type { Writer } from './io';

/** Small printing helpers: aligned tables for people, JSON for programs, advisories on stderr. */

export function printJson(out: Writer, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(out: Writer, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  out.write(`${line(headers)}\n`);
  for (const r of rows) out.write(`${line(r)}\n`);
}

export function printAdvisories(err: Writer, advisories: readonly Advisory[], prefix = ''): void {
  for (const a of advisories) err.write(`akvault: ${a.level}: ${prefix}${a.message}\n`);
}
