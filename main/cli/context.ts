import { resolveDataDir } from '../core/paths';
import { openProfileService } from '../core/profile-service';
import type { AkvaultService } from '../core/service';
import type { LogLevel } from '../core/log/logger';
import type { CliIO } from './io';
import { cliPassphraseSource } from './vault-passphrase';

/**
 * What a command needs: the io and, on demand, the service. The service (and with it the keychain
 * adapter) is built on first use, and keytar itself loads only on the first keychain call, so
 * `profile list` or `--help` never load the native module.
 */
export class CliContext {
  readonly io: CliIO;
  /** A command that finished but did not fully succeed (e.g. an import with conflicts) sets this to 1. */
  exitCode = 0;
  logEcho: LogLevel | undefined;
  /** The arguments as typed (after the program name): `exec` finds its `--` in them. */
  argv: readonly string[] = [];
  private service: AkvaultService | undefined;

  constructor(io: CliIO) {
    this.io = io;
  }

  get dataDir(): string {
    return this.io.dataDir ?? resolveDataDir(this.io.env);
  }

  getService(): AkvaultService {
    if (!this.service) {
      // The same profile service createAppCore wraps (main/core/profile-service.ts), without the broker.
      this.service = openProfileService({ dataDir: this.dataDir, secretStore: this.io.secretStore, env: this.io.env, vaultPassphrase: cliPassphraseSource(this.io) });
    }
    return this.service;
  }
}
