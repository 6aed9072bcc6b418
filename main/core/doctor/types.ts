/**
 * `akvault doctor` and the window's Diagnostics view: one report of why something may not work. Every
 * check has a stable id (the UI translates its title by it), a status, a one-line summary, and for a
 * failure the fix. Nothing secret is ever put in a report: no key, token, password or proxy password.
 */
export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail';

export type CheckId = 'secrets' | 'data-dir' | 'profiles' | 'helper' | 'clock' | 'proxy' | 'tool-files' | 'tray' | 'versions';
export const CHECK_IDS: readonly CheckId[] = ['secrets', 'data-dir', 'profiles', 'helper', 'clock', 'proxy', 'tool-files', 'tray', 'versions'];

export interface Check {
  id: CheckId;
  status: CheckStatus;
  /** What was found, in one line (English; the UI shows it as is). */
  summary: string;
  /** What to do about it; set for warn and fail. */
  fix?: string;
  /** Facts for a bug report (paths, versions, counts): never a secret. */
  details: Record<string, string | number | boolean | null>;
}

export interface DoctorReport {
  /** False when any check failed (`akvault doctor` then exits 1). */
  ok: boolean;
  generatedAt: string;
  host: 'cli' | 'app' | 'serve';
  checks: Check[];
}
