/**
 * akvault's record of what it changed in a tool's file, kept in its own data directory (never in the
 * tool's file). It holds paths, profile names, key names, positions and displaced non-secret lines;
 * secret values never go here (they stay in the tool file's backup copy).
 */
import path from 'node:path';
import type { z } from 'zod';
import { AkvaultError } from '../../errors';
import { ensureDir, readTextFile, removeFile, writeTextFile } from './text-file';

export class Sidecar<T> {
  readonly file: string;

  constructor(
    dataDir: string,
    name: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.file = path.join(dataDir, 'handoff', `${name}.json`);
  }

  async read(): Promise<T | null> {
    const f = await readTextFile(this.file);
    if (!f) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(f.text);
    } catch {
      parsed = undefined;
    }
    const result = this.schema.safeParse(parsed);
    if (!result.success) {
      throw new AkvaultError('handoff.file-refused', `akvault's record of the keys it wrote (${this.file}) is damaged.`, {
        params: { path: this.file },
        hint: 'Remove akvault\'s lines from the tool\'s file by hand (its ".akvault-backup" copy holds your original), then delete the record.',
      });
    }
    return result.data;
  }

  async write(value: T): Promise<void> {
    await ensureDir(this.file);
    await writeTextFile(this.file, `${JSON.stringify(value, null, 2)}\n`);
  }

  async remove(): Promise<void> {
    await removeFile(this.file);
  }
}
