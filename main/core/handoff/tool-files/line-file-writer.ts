/**
 * The write/clean cycle for `key = value` files that hold one identity at a time (the SDK credentials
 * file, obsutil's config). The file belongs to one akvault profile at a time; writing another profile
 * takes it over, and only the owner's clean hands the file back.
 *
 * Order of a write: compute the new text (bad input fails here, before anything is touched) → back up
 * the user's file at the start of an ownership period → save the record → write the file. The record
 * goes first so that a crash never leaves akvault's lines in the file without a record of them.
 */
import { z } from 'zod';
import type { SessionCredentials } from '../../sessions/types';
import type { Dialect } from './kv-syntax';
import {
  applyManaged,
  displacedSecretsMatch,
  hasMarker,
  MARKER_PREFIX,
  unapplyManaged,
  type EditOptions,
  type ManagedSection,
} from './managed-lines';
import { checkProfileName } from './profile-name';
import { SerialQueue } from './serial-queue';
import { Sidecar } from './sidecar';
import { backupPathOf, ensureDir, readTextFile, refused, removeCreatedDirs, removeFile, writeTextFile } from './text-file';
import type { ToolFileCleanResult, ToolFileContext, ToolFileId, ToolFileWriteResult, ToolFileWriter } from './types';

const displacedSchema = z.object({
  key: z.string(),
  index: z.number().int().nonnegative(),
  secret: z.boolean(),
  text: z.string().optional(),
  eol: z.string().optional(),
});

const recordSchema = z.object({
  version: z.literal(1),
  /** The file akvault edited (the path override may change later; clean uses this one). */
  path: z.string(),
  owner: z.string(),
  /** False when akvault created the file: clean then removes it if nothing else is left in it. */
  fileExisted: z.boolean(),
  originalMode: z.number().int().nullable(),
  /** A folder akvault created for the file, removed on clean if empty. */
  createdDir: z.string().nullable(),
  edit: z.object({
    eolFixed: z.boolean(),
    sections: z.array(
      z.object({
        section: z.string().nullable(),
        created: z.boolean(),
        separator: z.boolean(),
        written: z.array(z.string()),
        displaced: z.array(displacedSchema),
      }),
    ),
  }),
});
type LineFileRecord = z.infer<typeof recordSchema>;

export interface LineFileSpec {
  id: ToolFileId;
  dialect: Dialect;
  targetPath(ctx: ToolFileContext): string;
  /** What to write for these credentials; throws a validation error for values the file cannot hold. */
  sections(creds: SessionCredentials): ManagedSection[];
  /** The ownership comment, for files that take comments. */
  marker?(profile: string): string;
}

export class LineFileWriter implements ToolFileWriter {
  readonly id: ToolFileId;
  private readonly sidecar: Sidecar<LineFileRecord>;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly ctx: ToolFileContext,
    private readonly spec: LineFileSpec,
  ) {
    this.id = spec.id;
    this.sidecar = new Sidecar(ctx.dataDir, spec.id, recordSchema);
  }

  targetPath(): string {
    return this.spec.targetPath(this.ctx);
  }

  holders(): Promise<string[]> {
    return this.queue.run(async () => {
      const record = await this.sidecar.read();
      return record ? [record.owner] : [];
    });
  }

  write(profile: string, creds: SessionCredentials): Promise<ToolFileWriteResult> {
    return this.queue.run(async () => {
      checkProfileName(profile);
      const sections = this.spec.sections(creds);
      const target = this.targetPath();
      const opts = this.options(target, profile);
      const backupPath = backupPathOf(target);

      let record = await this.sidecar.read();
      if (record && record.path !== target) {
        // The path override changed while akvault held the old file: hand that one back first.
        await this.handBack(record);
        await this.sidecar.remove();
        record = null;
      }

      const current = await readTextFile(target);
      let userText = '';
      let backupText: string | null = null;
      let unrestored: string[] = [];
      if (record) {
        backupText = (await readTextFile(backupPath))?.text ?? null;
        if (current) ({ text: userText, unrestored } = unapplyManaged(current.text, record.edit, backupText, opts));
      } else {
        userText = current?.text ?? '';
        if (hasMarker(userText, this.spec.dialect)) {
          throw refused(
            target,
            "it holds keys akvault wrote earlier, but akvault's record of them is gone",
            `Remove the "${MARKER_PREFIX}" line and the keys akvault wrote (or restore ${backupPath}), then try again.`,
          );
        }
      }

      const { text, edit } = applyManaged(userText, sections, opts);

      let hasBackup = backupText !== null;
      if (!record && current) {
        // Start of an ownership period: keep the file exactly as the user left it.
        await writeTextFile(backupPath, current.text);
        hasBackup = true;
      } else if (record && !displacedSecretsMatch(userText, edit, backupText, this.spec.dialect)) {
        // The user added a secret line akvault now displaces: the backup must hold it to restore it.
        await writeTextFile(backupPath, userText);
        hasBackup = true;
      }

      const createdDir = await ensureDir(target);
      const next: LineFileRecord = {
        version: 1,
        path: target,
        owner: profile,
        fileExisted: record ? record.fileExisted : current !== null,
        originalMode: record ? record.originalMode : (current?.mode ?? null),
        createdDir: record ? (record.createdDir ?? createdDir) : createdDir,
        edit,
      };
      await this.sidecar.write(next);
      await writeTextFile(target, text, 0o600);

      return {
        path: target,
        backupPath: hasBackup ? backupPath : null,
        ...(record && record.owner !== profile ? { replacedProfile: record.owner } : {}),
        ...(unrestored.length ? { unrestored } : {}),
      };
    });
  }

  clean(profile: string): Promise<ToolFileCleanResult> {
    return this.queue.run(async () => {
      const record = await this.sidecar.read();
      if (!record || record.owner !== profile) return { path: record?.path ?? this.targetPath(), changed: false, unrestored: [] };
      const result = await this.handBack(record);
      await this.sidecar.remove();
      return { path: record.path, ...result };
    });
  }

  private options(file: string, profile: string | null): EditOptions {
    const marker = profile !== null ? this.spec.marker?.(profile) : undefined;
    return { dialect: this.spec.dialect, file, ...(marker ? { marker } : {}) };
  }

  /** Takes akvault's lines out of the recorded file and puts the user's lines back. */
  private async handBack(record: LineFileRecord): Promise<{ changed: boolean; unrestored: string[] }> {
    const current = await readTextFile(record.path);
    if (!current) return { changed: false, unrestored: [] }; // the user removed the file meanwhile
    const backupText = (await readTextFile(backupPathOf(record.path)))?.text ?? null;
    const { text, unrestored } = unapplyManaged(current.text, record.edit, backupText, this.options(record.path, null));
    if (!record.fileExisted && text === '') {
      await removeFile(record.path);
      await removeCreatedDirs(record.path, record.createdDir);
    } else {
      await writeTextFile(record.path, text, record.originalMode ?? 0o600);
    }
    return { changed: true, unrestored };
  }
}
