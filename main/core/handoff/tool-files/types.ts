/**
 * The contract between the broker and the writers that keep a profile's current temporary keys in
 * other tools' configuration files (opt-in per profile, off by default).
 */
import type { SessionCredentials } from '../../sessions/types';

/** Everything a writer may look at; injected so nothing reads the real home directory by accident. */
export interface ToolFileContext {
  /** The user's home directory (where `~/.huaweicloud`, `~/.hcloud` and `~/.obsutilconfig` live). */
  homeDir: string;
  /** The environment to take path overrides from (`HUAWEICLOUD_SDK_CREDENTIALS_FILE`). */
  env: Readonly<Record<string, string | undefined>>;
  /** akvault's data directory: the writers keep their records in `<dataDir>/handoff/`. */
  dataDir: string;
  /** Base for a relative path override; defaults to the process's working directory. */
  cwd?: string;
}

export type ToolFileId = 'sdk-credentials' | 'koocli' | 'obsutil';

export interface ToolFileWriteResult {
  /** The file that now holds the keys. */
  path: string;
  /** The copy of the user's file taken before akvault's first change, if there was a file to copy. */
  backupPath: string | null;
  /**
   * For files that hold one identity (SDK credentials, obsutil): the akvault profile whose keys were
   * there before this write, when it was another one. That profile no longer holds the file.
   */
  replacedProfile?: string;
  /**
   * Set only if the backup copy was removed while akvault held the file: the user's displaced values
   * it no longer has (as `section.key`). Front ends should tell the user.
   */
  unrestored?: string[];
}

export interface ToolFileCleanResult {
  path: string;
  /** False when there was nothing of this profile's to remove. */
  changed: boolean;
  /**
   * Displaced user values that could not be put back because the backup no longer held them (named as
   * `section.key`, never with values). Empty in every normal case; front ends should show it if not.
   */
  unrestored: string[];
}

export interface ToolFileWriter {
  readonly id: ToolFileId;
  /** The file this writer edits, from the injected home directory and environment. */
  targetPath(): string;
  /** Puts the profile's current keys into the file (first write or refresh). */
  write(profile: string, creds: SessionCredentials): Promise<ToolFileWriteResult>;
  /** Removes what akvault wrote for the profile and puts back the user's displaced values. */
  clean(profile: string): Promise<ToolFileCleanResult>;
  /** The akvault profiles whose keys the file holds now (for "which tool holds which key"). */
  holders(): Promise<string[]>;
}
