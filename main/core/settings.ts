/**
 * User preferences (no secrets): refresh margin, clipboard clear time, default agency duration, the
 * local helper, launch at login, theme and language. One small JSON file in the data directory,
 * written atomically (0600); unknown or damaged content falls back to defaults field by field so a bad
 * hand edit never stops the app, and the next save writes a clean file.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writePrivateFileAtomic } from './fs/private-files';

const fields = {
  refreshMarginSeconds: z.number().int().min(120).max(86_400),
  clipboardClearSeconds: z.number().int().min(5).max(3600),
  defaultDurationSeconds: z.number().int().min(900).max(86_400),
  helperEnabled: z.boolean(),
  /** 0 = a random free port each start. */
  helperPort: z.number().int().min(0).max(65_535),
  launchAtLogin: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  /** 'system' follows the OS locale. */
  language: z.enum(['system', 'en', 'zh-CN']),
  /** Notify this many minutes before a session that cannot auto-refresh expires (0 = never). */
  notifyBeforeExpiryMinutes: z.number().int().min(0).max(120),
};

export const DEFAULT_SETTINGS = {
  refreshMarginSeconds: 600,
  clipboardClearSeconds: 45,
  defaultDurationSeconds: 3600,
  helperEnabled: true,
  helperPort: 0,
  launchAtLogin: false,
  theme: 'system',
  language: 'system',
  notifyBeforeExpiryMinutes: 5,
} as const satisfies { [K in keyof typeof fields]: z.infer<(typeof fields)[K]> };

/** Reading the file: each field falls back to its default on its own. */
export const SettingsSchema = z.object({
  refreshMarginSeconds: fields.refreshMarginSeconds.catch(DEFAULT_SETTINGS.refreshMarginSeconds),
  clipboardClearSeconds: fields.clipboardClearSeconds.catch(DEFAULT_SETTINGS.clipboardClearSeconds),
  defaultDurationSeconds: fields.defaultDurationSeconds.catch(DEFAULT_SETTINGS.defaultDurationSeconds),
  helperEnabled: fields.helperEnabled.catch(DEFAULT_SETTINGS.helperEnabled),
  helperPort: fields.helperPort.catch(DEFAULT_SETTINGS.helperPort),
  launchAtLogin: fields.launchAtLogin.catch(DEFAULT_SETTINGS.launchAtLogin),
  theme: fields.theme.catch(DEFAULT_SETTINGS.theme),
  language: fields.language.catch(DEFAULT_SETTINGS.language),
  notifyBeforeExpiryMinutes: fields.notifyBeforeExpiryMinutes.catch(DEFAULT_SETTINGS.notifyBeforeExpiryMinutes),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What a front end may change: every field optional, each validated strictly (no silent fallback). */
export const SettingsPatchSchema = z.object(fields).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export class SettingsStore {
  private current: Settings = { ...DEFAULT_SETTINGS };
  private loaded = false;

  constructor(private readonly file: string) {}

  async load(): Promise<Settings> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.file, 'utf8'));
    } catch {
      raw = {};
    }
    this.current = SettingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
    this.loaded = true;
    return this.current;
  }

  get(): Settings {
    return this.current;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    if (!this.loaded) await this.load();
    const next = SettingsSchema.parse({ ...this.current, ...SettingsPatchSchema.parse(patch) });
    await writePrivateFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    this.current = next;
    return next;
  }
}
