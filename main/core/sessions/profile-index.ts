/**
 * The broker's in-memory view of the profiles file, so serving cached credentials never re-reads and
 * re-validates the file. It reloads when told (writes in this process) or when the file changes on
 * disk (the CLI or another process wrote it), noticed through a directory watch.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { AkvaultError } from '../errors';
import type { Profile } from '../profiles/schema';

export class ProfileIndex {
  private loading: Promise<Map<string, Profile>> | null = null;
  private byId = new Map<string, Profile>();
  private watcher: FSWatcher | null = null;
  private generation = 0;

  /**
   * `cached`: keep the loaded list until invalidate() (hosts that see every edit: a watched file, or an
   * in-memory list). Otherwise — a one-shot CLI run — every read loads afresh.
   */
  constructor(
    private readonly load: () => Promise<Profile[]>,
    private cached = false,
  ) {}

  /** Reloads on the next read whenever the file changes on disk. */
  watchFile(file: string): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (!name || name.toString() === path.basename(file)) this.invalidate();
      });
      this.watcher.on('error', () => this.invalidate());
      this.cached = true;
    } catch {
      // No watch support (or the directory does not exist yet): every read re-checks instead.
      this.watcher = null;
    }
  }

  invalidate(): void {
    this.generation++;
    this.loading = null;
  }

  async all(): Promise<Profile[]> {
    return [...(await this.ensure()).values()];
  }

  async byName(name: string): Promise<Profile> {
    const map = await this.ensure();
    const p = map.get(name.toLowerCase());
    if (!p) throw new AkvaultError('profile.not-found', `No profile named "${name}".`, { params: { name }, hint: 'Run `akvault profile list` to see the profiles you have.' });
    return p;
  }

  /** The profile with this id, if there is one. */
  async findById(id: string): Promise<Profile | undefined> {
    await this.ensure();
    return this.byId.get(id);
  }

  async byIdOrThrow(id: string, neededBy: string): Promise<Profile> {
    await this.ensure();
    const p = this.byId.get(id);
    if (!p) {
      throw new AkvaultError('profile.not-found', `The source profile of "${neededBy}" no longer exists.`, {
        params: { name: neededBy },
        hint: `Edit "${neededBy}" and choose another source profile.`,
      });
    }
    return p;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  private ensure(): Promise<Map<string, Profile>> {
    if (!this.cached) this.loading = null;
    if (this.loading) return this.loading;
    const gen = this.generation;
    const p = this.load().then(
      (list) => {
        const byName = new Map(list.map((x) => [x.name.toLowerCase(), x] as const));
        this.byId = new Map(list.map((x) => [x.id, x] as const));
        return byName;
      },
      (e: unknown) => {
        if (gen === this.generation) this.loading = null;
        throw e;
      },
    );
    this.loading = p;
    return p;
  }
}
