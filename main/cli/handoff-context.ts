import { resolveDataDir } from '../core/paths';
import type { LogLevel } from '../core/log/logger';
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
  /** Log lines of this level and up also go to stderr (`--verbose`: info, `--debug`: debug). */
  logEcho?: LogLevel | undefined;
  /** The arguments as typed (after the program name): `exec` finds its `--` in them. */
  argv?: readonly string[];
}

/** `--debug` wins over `--verbose`; with neither, log lines stay in the file only. */
export function echoLevel(opts: { verbose?: unknown; debug?: unknown }): LogLevel | undefined {
  return opts.debug ? 'debug' : opts.verbose ? 'info' : undefined;
}

export class LightContext implements HandoffContext {
  exitCode = 0;
  logEcho: LogLevel | undefined;
  argv: readonly string[] = [];
  constructor(readonly io: CliIO) {}

  get dataDir(): string {
    return this.io.dataDir ?? resolveDataDir(this.io.env);
  }
}
