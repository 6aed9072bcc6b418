/**
 * What importing a credentials.csv would do, without doing it: per row, the AK, the user, and either
 * the profile name it would get or the profile that already holds that AK. The secret keys are parsed
 * and dropped here; the preview carries no SK, so the page can show it safely.
 */
import type { CsvPreview } from '../../preload/contract';
import { parseCredentialsCsv } from '../core/profiles/csv-import';
import { baseName, uniqueName } from '../core/profiles/names';
import { accessKeyIdOf, type Profile } from '../core/profiles/schema';
import { cleanOptional } from '../core/profiles/validation';

export function previewCsvImport(text: string, profiles: readonly Profile[], opts: { namePrefix?: string } = {}): CsvPreview {
  const parsed = parseCredentialsCsv(text, 'the CSV text');
  const taken = profiles.map((p) => p.name);
  const byAk = new Map(profiles.map((p) => [accessKeyIdOf(p), p.name] as const));
  const prefix = cleanOptional(opts.namePrefix);
  const rows: CsvPreview['rows'] = parsed.problems.map((p) => ({ line: p.line, status: 'invalid' as const, problem: p.problem }));
  for (const r of parsed.rows) {
    const who = { ...(r.userName ? { userName: r.userName } : {}), ...(r.userId ? { userId: r.userId } : {}) };
    const existing = byAk.get(r.accessKeyId);
    if (existing) {
      rows.push({ line: r.line, status: 'existing', accessKeyId: r.accessKeyId, name: existing, ...who });
      continue;
    }
    const name = uniqueName(baseName({ prefix, userName: r.userName, userId: r.userId, accessKeyId: r.accessKeyId }), taken);
    taken.push(name);
    byAk.set(r.accessKeyId, name);
    rows.push({ line: r.line, status: 'new', accessKeyId: r.accessKeyId, name, ...who });
  }
  rows.sort((a, b) => a.line - b.line);
  const counts = { new: 0, existing: 0, invalid: 0 };
  for (const r of rows) counts[r.status]++;
  return { rows, counts };
}
