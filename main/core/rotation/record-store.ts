/**
 * rotations.json: the rotations in progress, one record per profile, so a rotation can resume after a
 * failure, a restart or a crash. Access key IDs, stages and error codes only; the new SK waits in the
 * keychain (secretAccounts.rotationSecretKey), never here. Written atomically (0600) under a file lock,
 * so two akvault processes cannot interleave their read-modify-write.
 */
import { promises as fsp } from 'node:fs';
import { z } from 'zod';
import { AkvaultError } from '../errors';
import { withFileLock } from '../fs/file-lock';
import { writePrivateFileAtomic } from '../fs/private-files';
import { IN_PROGRESS_STAGES, type RotationRecord } from './types';

const Params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const RecordSchema = z.strictObject({
  profileId: z.string().min(1),
  userId: z.string().min(1),
  oldAccessKeyId: z.string().min(1),
  newAccessKeyId: z.string().min(1),
  stage: z.enum(IN_PROGRESS_STAGES),
  oldKeyStatus: z.enum(['active', 'inactive', 'deleted']),
  startedAt: z.string(),
  updatedAt: z.string(),
  lastError: z.strictObject({ code: z.string(), message: z.string(), hint: z.string().optional(), params: Params }).optional(),
});
const FileSchema = z.strictObject({ version: z.literal(1), rotations: z.array(RecordSchema) });

export class RotationRecords {
  constructor(private readonly file: string) {}

  async get(profileId: string): Promise<RotationRecord | null> {
    return (await this.read()).find((r) => r.profileId === profileId) ?? null;
  }

  /** Inserts or replaces the record of `record.profileId`. */
  async put(record: RotationRecord): Promise<void> {
    await this.change((all) => [...all.filter((r) => r.profileId !== record.profileId), record]);
  }

  async remove(profileId: string): Promise<void> {
    await this.change((all) => all.filter((r) => r.profileId !== profileId));
  }

  private async change(edit: (all: RotationRecord[]) => RotationRecord[]): Promise<void> {
    await withFileLock(this.file, async (assertHeld) => {
      const next = edit(await this.read());
      assertHeld();
      await writePrivateFileAtomic(this.file, `${JSON.stringify({ version: 1, rotations: next }, null, 2)}\n`);
    });
  }

  private async read(): Promise<RotationRecord[]> {
    let text: string;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new AkvaultError('store.io', `Cannot read ${this.file}.`, { params: { file: this.file }, cause: e });
    }
    let parsed: ReturnType<typeof FileSchema.safeParse>;
    try {
      parsed = FileSchema.safeParse(JSON.parse(text));
    } catch (e) {
      throw corrupt(this.file, e);
    }
    if (!parsed.success) throw corrupt(this.file, parsed.error);
    return parsed.data.rotations as RotationRecord[];
  }
}

function corrupt(file: string, cause: unknown): AkvaultError {
  return new AkvaultError('store.corrupt', `${file} is not a valid rotations file.`, {
    params: { file },
    hint: 'It only tracks rotations in progress: check the access keys of the affected users in the console, then delete the file.',
    cause,
  });
}
