import { constants as fsConstants, promises as fsp } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../clock';
import { AkvaultError, isAkvaultError } from '../errors';
import { withFileLock, type LockOptions } from '../fs/file-lock';
import { exists, PRIVATE_FILE_MODE, writePrivateFileAtomic } from '../fs/private-files';
import { dataFiles, type DataFiles } from '../paths';
import { describeIssues, describeJsonError } from './file-errors';
import { migrate } from './migrations';
import { emptyProfilesFile, profilesFileSchema, type ProfilesFile } from './schema';

/**
 * The profiles file (`profiles.json` in the data directory): read it, change it safely, restore it.
 *
 * - A missing file is an empty store.
 * - A damaged or hand-broken file is never "fixed" by dropping what we do not understand: it is a
 *   store.corrupt error that names the file and the problem, and the file stays as it is.
 * - Changes are read-modify-write under a cross-process lock, re-reading inside the lock, so two
 *   processes changing profiles at once both land.
 * - Writes are atomic (temp + fsync + rename, mode 0600) and the previous good version is kept as
 *   `profiles.json.bak` (exactly one backup).
 */
export interface ProfileStoreOptions {
  dataDir: string;
  clock?: Clock;
  lock?: LockOptions;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the file that was replaced now lives, or null when there was none. */
  keptAs: string | null;
  profileCount: number;
}

interface Loaded {
  doc: ProfilesFile;
  /** The text as read, to keep as the backup byte for byte. */
  text: string;
}

export class ProfileStore {
  readonly files: DataFiles;
  private readonly clock: Clock;
  private readonly lockOptions: LockOptions;

  constructor(opts: ProfileStoreOptions) {
    this.files = dataFiles(opts.dataDir);
    this.clock = opts.clock ?? systemClock;
    this.lockOptions = opts.lock ?? {};
  }

  async read(): Promise<ProfilesFile> {
    return (await this.load(this.files.profiles))?.doc ?? emptyProfilesFile();
  }

  /**
   * Runs `mutator` on a copy of the current file (read inside the lock) and writes the result, if it
   * changed and is valid. Whatever the mutator throws aborts the change with nothing written.
   */
  async update<T>(mutator: (draft: ProfilesFile) => T | Promise<T>): Promise<T> {
    return withFileLock(
      this.files.profiles,
      async (assertHeld) => {
        const current = await this.load(this.files.profiles);
        const before = current?.doc ?? emptyProfilesFile();
        const draft = structuredClone(before);
        const result = await mutator(draft);
        const checked = profilesFileSchema.safeParse(draft);
        if (!checked.success) {
          // The front ends validate input first; reaching this is a bug, and we refuse to write a file we could not read back.
          throw new AkvaultError('validation', `Refusing to save an invalid profiles file: ${describeIssues(checked.error.issues, draft)}.`, {
            params: { file: this.files.profiles },
          });
        }
        const next = serialize(checked.data);
        if (current && next === serialize(before)) return result;
        assertHeld();
        if (current) await this.write(this.files.profilesBackup, current.text);
        await this.write(this.files.profiles, next);
        return result;
      },
      this.lockOptions,
    );
  }

  /**
   * Puts `profiles.json.bak` back. The backup is validated first; the file it replaces is kept as
   * `profiles.json.corrupt-<time>` so nothing is lost.
   */
  async restoreBackup(): Promise<RestoreResult> {
    return withFileLock(
      this.files.profiles,
      async (assertHeld) => {
        const backup = await this.load(this.files.profilesBackup);
        if (!backup) {
          throw new AkvaultError('store.no-backup', `There is no backup to restore (${this.files.profilesBackup} does not exist).`, {
            params: { file: this.files.profilesBackup },
            hint: `Fix ${this.files.profiles} by hand.`,
          });
        }
        let keptAs: string | null = null;
        if (await exists(this.files.profiles)) {
          keptAs = await this.keepCopy(this.files.profiles);
        }
        assertHeld();
        await this.write(this.files.profiles, backup.text);
        return { restoredFrom: this.files.profilesBackup, keptAs, profileCount: backup.doc.profiles.length };
      },
      this.lockOptions,
    );
  }

  /** Reads and validates one file; null when it does not exist. */
  private async load(file: string): Promise<Loaded | null> {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw ioError(file, 'read', e);
    }
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch (e) {
      throw await this.corrupt(file, describeJsonError(body, e));
    }
    let migrated;
    try {
      migrated = migrate(raw, { file });
    } catch (e) {
      if (isAkvaultError(e) && e.code === 'store.corrupt') throw await this.corrupt(file, String(e.params.problem));
      throw e;
    }
    const parsed = profilesFileSchema.safeParse(migrated.doc);
    if (!parsed.success) throw await this.corrupt(file, `has a problem: ${describeIssues(parsed.error.issues, migrated.doc)}`);
    return { doc: parsed.data, text };
  }

  private async corrupt(file: string, problem: string): Promise<AkvaultError> {
    const isBackup = file === this.files.profilesBackup;
    let hint: string;
    if (isBackup) hint = `The backup is damaged too: fix ${this.files.profiles} or the backup by hand. Nothing was changed.`;
    else if (await exists(this.files.profilesBackup)) {
      hint = 'Nothing was changed. Fix the file by hand, or run `akvault profile restore-backup` to go back to the previous version (the damaged file is kept).';
    } else hint = 'Nothing was changed. Fix the file by hand (there is no backup to restore).';
    return new AkvaultError('store.corrupt', `${file} ${problem}.`, { params: { file }, hint });
  }

  private async keepCopy(file: string): Promise<string> {
    const stamp = new Date(this.clock.now()).toISOString().replace(/[:.]/g, '-');
    for (let n = 0; ; n++) {
      const target = `${file}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}`;
      try {
        await fsp.copyFile(file, target, fsConstants.COPYFILE_EXCL);
        await fsp.chmod(target, PRIVATE_FILE_MODE);
        return target;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST' && n < 100) continue;
        throw ioError(file, 'copy', e);
      }
    }
  }

  private async write(file: string, text: string): Promise<void> {
    try {
      await writePrivateFileAtomic(file, text);
    } catch (e) {
      throw ioError(file, 'write', e);
    }
  }
}

function serialize(doc: ProfilesFile): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function ioError(file: string, op: string, e: unknown): AkvaultError {
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
  return new AkvaultError('store.io', `Cannot ${op} ${file} (${code}).`, {
    params: { file, errno: code },
    hint: `Check that ${path.dirname(file)} exists, is writable by you and the disk is not full.`,
    cause: e,
  });
}
