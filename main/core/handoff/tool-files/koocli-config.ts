/**
 * KooCLI's `~/.hcloud/config.json`: akvault keeps one profile per akvault profile, named
 * `akvault-<profile>`, in AKSK mode with the current temporary keys (use it with
 * `--cli-profile=akvault-<profile>`). Every other profile and key stays byte for byte, and `current`
 * (KooCLI's default profile) is never changed. Files that are not plain JSON — KooCLI encrypts keys
 * by default — are refused untouched.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AkvaultError } from '../../errors';
import type { SessionCredentials } from '../../sessions/types';
import {
  findEntries,
  insertEntry,
  newDocument,
  parseKoocliDocument,
  removeEntry,
  removeProfilesList,
  replaceEntry,
} from './koocli-document';
import { checkProfileName } from './profile-name';
import { SerialQueue } from './serial-queue';
import { Sidecar } from './sidecar';
import { backupPathOf, ensureDir, readTextFile, refused, removeCreatedDirs, removeFile, writeTextFile, type TextFile } from './text-file';
import type { ToolFileCleanResult, ToolFileContext, ToolFileWriteResult, ToolFileWriter } from './types';

const recordSchema = z.object({
  version: z.literal(1),
  path: z.string(),
  /** akvault profiles whose entries the file holds. */
  profiles: z.array(z.string()).min(1),
  fileExisted: z.boolean(),
  /** The text of a blank file akvault filled (whitespace only, so nothing secret), put back at the end. */
  originalText: z.string().nullable(),
  originalMode: z.number().int().nullable(),
  createdDir: z.string().nullable(),
  /** akvault wrote the whole document (the file was missing or blank). */
  createdDocument: z.boolean(),
  /** akvault added the `profiles` member; it goes again once no entry is left in it. */
  createdList: z.boolean(),
  /** What sat between `[` and `]` of an empty profiles list, and between `{` and `}` of an empty document. */
  emptyListInner: z.string().nullable(),
  emptyRootInner: z.string().nullable(),
});
type KoocliRecord = z.infer<typeof recordSchema>;

export function koocliConfigPath(ctx: ToolFileContext): string {
  return path.join(ctx.homeDir, '.hcloud', 'config.json');
}

export function koocliProfileName(profile: string): string {
  return `akvault-${profile}`;
}

/** The KooCLI profile entry; absent values are left out. */
export function koocliEntry(profile: string, creds: SessionCredentials): Record<string, string> {
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    throw new AkvaultError('validation', 'There is no access key to write into the KooCLI profile.');
  }
  const entry: Record<string, string> = {
    name: koocliProfileName(profile),
    mode: 'AKSK',
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
  };
  if (creds.securityToken) entry.securityToken = creds.securityToken;
  if (creds.region) entry.region = creds.region;
  if (creds.projectId) entry.projectId = creds.projectId;
  if (creds.domainId) entry.domainId = creds.domainId;
  return entry;
}

function isBlank(file: TextFile | null): boolean {
  return file === null || file.text.trim() === '';
}

export class KoocliConfigWriter implements ToolFileWriter {
  readonly id = 'koocli' as const;
  private readonly sidecar: Sidecar<KoocliRecord>;
  private readonly queue = new SerialQueue();

  constructor(private readonly ctx: ToolFileContext) {
    this.sidecar = new Sidecar(ctx.dataDir, 'koocli', recordSchema);
  }

  targetPath(): string {
    return koocliConfigPath(this.ctx);
  }

  holders(): Promise<string[]> {
    return this.queue.run(async () => (await this.sidecar.read())?.profiles ?? []);
  }

  write(profile: string, creds: SessionCredentials): Promise<ToolFileWriteResult> {
    return this.queue.run(async () => {
      checkProfileName(profile);
      const entry = koocliEntry(profile, creds);
      const target = this.targetPath();
      const backupPath = backupPathOf(target);

      let record = await this.sidecar.read();
      if (record && record.path !== target) {
        // The home directory changed while akvault held entries in the old file: take them out first.
        let left: KoocliRecord | null = record;
        for (const p of record.profiles) if (left) left = await this.removeOne(left, p);
        record = null;
      }
      const current = await readTextFile(target);
      // A missing or blank file while akvault holds entries: the user cleared it; start afresh.
      if (record && isBlank(current)) record = null;

      let text: string;
      let next: KoocliRecord;
      const fresh: KoocliRecord = {
        version: 1,
        path: target,
        profiles: [profile],
        fileExisted: current !== null,
        originalText: null,
        originalMode: current?.mode ?? null,
        createdDir: null,
        createdDocument: false,
        createdList: false,
        emptyListInner: null,
        emptyRootInner: null,
      };
      if (isBlank(current)) {
        text = newDocument(entry);
        next = { ...fresh, originalText: current?.text ?? null, createdDocument: true, createdList: true };
      } else {
        const doc = parseKoocliDocument(target, current!.text);
        const base = record ?? fresh;
        const found = findEntries(doc, entry.name!);
        if (found.length > 1) {
          throw refused(target, `it has more than one KooCLI profile named "${entry.name}"`, 'Delete the extra ones and try again.');
        }
        if (found.length === 1 && !record?.profiles.includes(profile)) {
          throw refused(
            target,
            `it already has a KooCLI profile named "${entry.name}" that akvault did not write`,
            'Rename or delete that KooCLI profile, then try again.',
          );
        }
        if (found.length === 1) {
          text = replaceEntry(doc, found[0]!, entry);
          next = base;
        } else {
          const added = insertEntry(doc, entry);
          text = added.text;
          next = {
            ...base,
            profiles: base.profiles.includes(profile) ? base.profiles : [...base.profiles, profile],
            createdList: base.createdList || added.createdList,
            emptyListInner: base.emptyListInner ?? added.emptyListInner ?? null,
            emptyRootInner: base.emptyRootInner ?? added.emptyRootInner ?? null,
          };
        }
      }

      // One backup, taken before akvault's first change of the user's file.
      if (!record && current && !isBlank(current)) await writeTextFile(backupPath, current.text);
      const createdDir = await ensureDir(target);
      next = { ...next, createdDir: record?.createdDir ?? createdDir };
      await this.sidecar.write(next);
      await writeTextFile(target, text, 0o600);
      const hasBackup = await access(backupPath).then(
        () => true,
        () => false,
      );
      return { path: target, backupPath: hasBackup ? backupPath : null };
    });
  }

  clean(profile: string): Promise<ToolFileCleanResult> {
    return this.queue.run(async () => {
      const record = await this.sidecar.read();
      if (!record || !record.profiles.includes(profile)) return { path: record?.path ?? this.targetPath(), changed: false, unrestored: [] };
      const before = await readTextFile(record.path);
      await this.removeOne(record, profile);
      const after = await readTextFile(record.path);
      return { path: record.path, changed: before?.text !== after?.text, unrestored: [] };
    });
  }

  /** Removes one profile's entry; returns the updated record (null once akvault holds nothing there). */
  private async removeOne(record: KoocliRecord, profile: string): Promise<KoocliRecord | null> {
    const remaining = record.profiles.filter((p) => p !== profile);
    const current = await readTextFile(record.path);
    if (!isBlank(current)) {
      let doc = parseKoocliDocument(record.path, current!.text);
      let text = doc.text;
      const found = findEntries(doc, koocliProfileName(profile));
      if (found.length > 0) {
        text = removeEntry(doc, found[0]!, record.emptyListInner);
        doc = parseKoocliDocument(record.path, text);
      }
      if (remaining.length === 0) {
        if (record.createdList && doc.profiles && doc.profiles.items.length === 0) {
          text = removeProfilesList(doc, record.emptyRootInner);
          doc = parseKoocliDocument(record.path, text);
        }
        if (record.createdDocument && doc.root.members.length === 0) text = record.originalText ?? '';
      }
      const last = remaining.length === 0;
      await this.finish(record, text, {
        removeWholeFile: last && record.createdDocument && record.originalText === null && text === '',
        // Back to the user's own mode only once no akvault keys are left in the file.
        mode: last && record.fileExisted ? (record.originalMode ?? 0o600) : 0o600,
      });
    }
    const next = remaining.length ? { ...record, profiles: remaining } : null;
    if (next) await this.sidecar.write(next);
    else await this.sidecar.remove();
    return next;
  }

  private async finish(record: KoocliRecord, text: string, how: { removeWholeFile: boolean; mode: number }): Promise<void> {
    if (how.removeWholeFile) {
      await removeFile(record.path);
      await removeCreatedDirs(record.path, record.createdDir);
      return;
    }
    await writeTextFile(record.path, text, how.mode);
  }
}

