import { AkvaultError, isAkvaultError } from '../errors';
import { parseCredentialsCsv } from './csv-import';
import { baseName, uniqueName } from './names';
import { accessKeyIdOf, type Profile } from './schema';
import { checkName, checkRegion, cleanOptional, type Advisory } from './validation';
import type { ProfileVault } from './vault';

/**
 * Imports access keys from a credentials.csv, one row at a time, each with its own outcome:
 * - added: a new access-key profile (name from the user name or the AK, with the prefix, de-duplicated);
 * - unchanged: the AK is already stored with the same SK (importing a file twice changes nothing);
 * - conflict: the AK is already stored with a different SK, or as another kind; nothing is overwritten;
 * - invalid: the row itself is unusable (empty key, wrong column count);
 * - failed: storing it failed (the error's message says why).
 */
export type ImportStatus = 'added' | 'unchanged' | 'conflict' | 'invalid' | 'failed';

export interface ImportRowOutcome {
  line: number;
  status: ImportStatus;
  /** The profile the row was stored as or matched. */
  name?: string;
  accessKeyId?: string;
  message: string;
  advisories: Advisory[];
}

export interface ImportReport {
  source: string;
  rows: ImportRowOutcome[];
  counts: Record<ImportStatus, number>;
}

export interface ImportOptions {
  namePrefix?: string;
  region?: string;
  /** Named in messages (a file name); never the content. */
  source?: string;
}

export async function importCredentialsCsv(vault: ProfileVault, text: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const source = opts.source ?? 'the CSV file';
  const prefix = cleanOptional(opts.namePrefix);
  const region = cleanOptional(opts.region);
  if (prefix) {
    const problem = checkName(prefix);
    if (problem || prefix.length > 40) {
      throw new AkvaultError('validation', `Invalid name prefix: ${problem ?? 'at most 40 characters'}.`, { params: { field: 'namePrefix' } });
    }
  }
  if (region) {
    const problem = checkRegion(region);
    if (problem) throw new AkvaultError('validation', `Invalid region: ${problem}.`, { params: { field: 'region' } });
  }

  const parsed = parseCredentialsCsv(text, source);
  if (parsed.rows.length > 0) await vault.requireKeychain();

  const rows: ImportRowOutcome[] = parsed.problems.map((p) => ({
    line: p.line,
    status: 'invalid' as const,
    message: `skipped: ${p.problem}`,
    advisories: [],
  }));

  for (const row of parsed.rows) {
    rows.push(await importRow(vault, row, { prefix, region }));
  }
  rows.sort((a, b) => a.line - b.line);
  const counts: Record<ImportStatus, number> = { added: 0, unchanged: 0, conflict: 0, invalid: 0, failed: 0 };
  for (const r of rows) counts[r.status]++;
  return { source, rows, counts };
}

async function importRow(
  vault: ProfileVault,
  row: ReturnType<typeof parseCredentialsCsv>['rows'][number],
  opts: { prefix: string | undefined; region: string | undefined },
): Promise<ImportRowOutcome> {
  const base = { line: row.line, accessKeyId: row.accessKeyId };
  // Two attempts: another process may add the same key or take the chosen name between our read and our write.
  for (let attempt = 0; ; attempt++) {
    try {
      const profiles = await vault.listProfiles();
      const existing = profiles.find((p) => accessKeyIdOf(p) === row.accessKeyId);
      if (existing) return { ...base, ...(await compareWithStored(vault, existing, row.secretAccessKey)) };
      const name = uniqueName(
        baseName({ prefix: opts.prefix, userName: row.userName, userId: row.userId, accessKeyId: row.accessKeyId }),
        profiles.map((p) => p.name),
      );
      const { profile, warnings } = await vault.addProfile(
        {
          name,
          kind: 'access-key',
          accessKeyId: row.accessKeyId,
          ...(row.userName ? { userName: row.userName } : {}),
          ...(row.userId ? { userId: row.userId } : {}),
          ...(opts.region ? { region: opts.region } : {}),
        },
        { secretAccessKey: row.secretAccessKey },
        { rejectDuplicateAccessKey: true },
      );
      return { ...base, status: 'added', name: profile.name, message: `added as "${profile.name}"`, advisories: warnings };
    } catch (e) {
      if (isAkvaultError(e) && e.code === 'profile.exists' && attempt === 0) continue;
      if (isAkvaultError(e)) return { ...base, status: 'failed', message: `failed: ${e.describe()}`, advisories: [] };
      throw e;
    }
  }
}

async function compareWithStored(
  vault: ProfileVault,
  existing: Profile,
  secretAccessKey: string,
): Promise<Pick<ImportRowOutcome, 'status' | 'name' | 'message' | 'advisories'>> {
  const name = existing.name;
  if (existing.kind !== 'access-key') {
    return { status: 'conflict', name, message: `conflict: this access key is already stored as ${existing.kind} profile "${name}"; nothing changed`, advisories: [] };
  }
  let stored: string | undefined;
  try {
    stored = (await vault.getSecrets(name)).secretAccessKey;
  } catch (e) {
    if (isAkvaultError(e) && e.code === 'keychain.missing-secret') {
      return {
        status: 'conflict',
        name,
        message: `conflict: this access key is stored as "${name}" but its secret key is missing from the keychain; remove "${name}" and import again`,
        advisories: [],
      };
    }
    throw e;
  }
  if (stored === secretAccessKey) return { status: 'unchanged', name, message: `unchanged: already imported as "${name}"`, advisories: [] };
  return {
    status: 'conflict',
    name,
    message: `conflict: this access key is already stored as "${name}" with a different secret key; nothing changed (remove "${name}" first to replace it)`,
    advisories: [],
  };
}
