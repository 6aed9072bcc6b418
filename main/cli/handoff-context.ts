import { resolveDataDir } from '../core/paths';
import type { CliIO } from './io';

/**
 * What the handoff commands (`env`, `exec`, `login`, `serve`) need from the CLI: its io, the data
 * directory and a way to set the exit code. CliContext satisfies it; so does the lighter context the
 * fast entry point builds, which never loads the profile service (and with it zod and the keychain).
 */
export interface HandoffContext {
  readonly io: CliIO;
  readonly dataDir: string;
  exitCode: number;
}

export class LightContext implements HandoffContext {
  exitCode = 0;
  constructor(readonly io: CliIO) {}

  get dataDir(): string {
    return this.io.dataDir ?? resolveDataDir(this.io.env);
  }
}
