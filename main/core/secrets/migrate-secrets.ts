import { promises as fsp } from 'node:fs';
import { AkvaultError } from '../errors';
import { writePrivateFileAtomic } from '../fs/private-files';
import { dataFiles } from '../paths';
import { describe as describeBackend, recordBackend, type SecretBackend } from './backend-choice';
import type { SecretStore } from './secret-store';

/**
 * `akvault secrets migrate --to file|keychain`: moves every secret from one backend to the other.
 *
 * Order: (1) a journal (`secrets-migration.json`: direction, account names, stage — never a value) is
 * written; (2) every value is copied; (3) every copy is read back and compared; (4) the data dir's
 * backend record switches; (5) the old copies are deleted; (6) the journal goes. Until (4) the old
 * store is untouched and still the one in use, so an interrupted run either resumes (run the same
 * command again: copying is idempotent) or rolls back (migrate back the other way: the copies are
 * deleted from the target). After (4) a rerun finishes the deletions.
 */
export interface MigrationJournal {
  from: SecretBackend;
  to: SecretBackend;
  stage: 'copying' | 'switched';
  accounts: string[];
}

export interface MigrationResult {
  outcome: 'migrated' | 'already' | 'rolled-back';
  moved: number;
  resumed: boolean;
}

export interface MigrationDeps {
  dataDir: string;
  /** The backend in use now (recorded or detected). */
  current: SecretBackend;
  to: SecretBackend;
  store(backend: SecretBackend): SecretStore;
}

async function readJournal(file: string): Promise<MigrationJournal | null> {
  try {
    const j = JSON.parse(await fsp.readFile(file, 'utf8')) as MigrationJournal;
    if ((j.from === 'file' || j.from === 'keychain') && (j.to === 'file' || j.to === 'keychain') && Array.isArray(j.accounts)) return j;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
  }
  throw new AkvaultError('secrets.backend', `${file} (an interrupted migration's journal) is damaged.`, {
    params: { file },
    hint: 'Check which store holds your secrets (`akvault secrets backend`), then delete the file and run the migration again.',
  });
}

export async function migrateSecrets(deps: MigrationDeps): Promise<MigrationResult> {
  const file = dataFiles(deps.dataDir).secretsMigration;
  const journal = await readJournal(file);
  const write = (j: MigrationJournal) => writePrivateFileAtomic(file, `${JSON.stringify(j, null, 2)}\n`);

  if (journal && journal.stage === 'copying' && journal.to !== deps.to) {
    // Migrating back while a copy was under way: remove the partial copies; the old store was never touched.
    const target = deps.store(journal.to);
    for (const a of journal.accounts) await target.delete(a);
    await fsp.rm(file, { force: true });
    return { outcome: 'rolled-back', moved: 0, resumed: true };
  }
  if (journal && journal.stage === 'switched') {
    if (journal.to !== deps.to) {
      throw new AkvaultError('secrets.backend', `An earlier migration to the ${describeBackend(journal.to)} still has old copies to delete.`, {
        hint: `Finish it first: \`akvault secrets migrate --to ${journal.to}\`.`,
      });
    }
    await deleteOld(deps.store(journal.from), journal.accounts);
    await fsp.rm(file, { force: true });
    return { outcome: 'migrated', moved: journal.accounts.length, resumed: true };
  }
  if (!journal && deps.current === deps.to) return { outcome: 'already', moved: 0, resumed: false };

  const from = journal?.from ?? deps.current;
  const source = deps.store(from);
  const target = deps.store(deps.to);
  const accounts = (await source.list()).sort();
  const j: MigrationJournal = { from, to: deps.to, stage: 'copying', accounts: [...new Set([...(journal?.accounts ?? []), ...accounts])] };
  await write(j);

  const values = new Map<string, string>();
  for (const a of accounts) {
    const v = await source.get(a);
    if (v !== null) values.set(a, v);
  }
  // All at once: the vault file applies concurrent writes in one re-encryption.
  await Promise.all([...values].map(([a, v]) => target.set(a, v)));
  for (const [a, v] of values) {
    if ((await target.get(a)) !== v) {
      throw new AkvaultError('secrets.backend', `The copy of "${a}" in the ${describeBackend(deps.to)} does not read back as written; nothing was switched or deleted.`, {
        params: { account: a },
        hint: `Run the command again, or migrate back with \`akvault secrets migrate --to ${from}\` to undo the copies.`,
      });
    }
  }
  await recordBackend(deps.dataDir, deps.to);
  await write({ ...j, stage: 'switched' });
  await deleteOld(source, [...values.keys()]);
  await fsp.rm(file, { force: true });
  return { outcome: 'migrated', moved: values.size, resumed: journal !== null };
}

async function deleteOld(store: SecretStore, accounts: string[]): Promise<void> {
  for (const a of accounts) await store.delete(a);
}
