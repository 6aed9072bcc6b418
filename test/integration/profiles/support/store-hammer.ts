/**
 * Child process for the crash test: rewrites the profiles file in a tight loop until killed. Every
 * update moves all profiles to the next generation at once, so a torn or half-applied write would show
 * up as profiles from different generations (or as invalid JSON).
 *
 * Usage: node --import tsx store-hammer.ts <dataDir> <profileCount>
 */
import { randomUUID } from 'node:crypto';
import { ProfileStore } from '../../../../main/core/profiles/store';
import type { Profile } from '../../../../main/core/profiles/schema';

async function main(dataDir: string, count: number): Promise<void> {
  const store = new ProfileStore({ dataDir });
  for (let i = 0; ; i++) {
    await store.update((draft) => {
      const now = new Date().toISOString();
      if (draft.profiles.length === 0) {
        for (let n = 0; n < count; n++) {
          draft.profiles.push({
            id: randomUUID(),
            name: `hammer-${n}`,
            kind: 'access-key',
            accessKeyId: `AK${String(n).padStart(18, '0')}`,
            region: 'cn-north-4',
            description: 'gen-0',
            createdAt: now,
            updatedAt: now,
          } satisfies Profile);
        }
      }
      const gen = Number(draft.profiles[0]!.description!.slice(4)) + 1;
      for (const p of draft.profiles) {
        p.description = `gen-${gen}`;
        p.updatedAt = now;
      }
    });
    if (i === 0) process.stdout.write('ready\n');
  }
}

void main(process.argv[2]!, Number(process.argv[3]));
