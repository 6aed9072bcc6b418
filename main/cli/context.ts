import { resolveDataDir } from '../core/paths';
import { createDefaultSecretStore } from '../core/secrets/default-store';
import { createService, type AkvaultService } from '../core/service';
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
  private service: AkvaultService | undefined;

  constructor(io: CliIO) {
    this.io = io;
  }

  get dataDir(): string {
    return this.io.dataDir ?? resolveDataDir(this.io.env);
  }

  getService(): AkvaultService {
    if (!this.service) {
      const dataDir = this.dataDir;
      this.service = createService({
        dataDir,
        secretStore: this.io.secretStore ?? createDefaultSecretStore(dataDir, this.io.env, { passphrase: cliPassphraseSource(this.io) }),
      });
    }
    return this.service;
  }
}
