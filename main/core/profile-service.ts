/**
 * The profile service over a data directory, built the one way every front end builds it: the given
 * secret store, else this machine's default (createDefaultSecretStore). createAppCore wraps it with the
 * session broker; the CLI's profile commands use it alone, so they never load the broker or IAM client.
 * Whatever decides which secret store a data directory uses belongs here, not in a front end.
 */
import type { Clock } from './clock';
import { createDefaultSecretStore } from './secrets/default-store';
import type { SecretStore } from './secrets/secret-store';
import type { PassphraseSource } from './secrets/vault-file-store';
import { createService, type AkvaultService } from './service';

export interface ProfileServiceOptions {
  dataDir: string;
  /** The keychain (raw or sealed); default: the OS keychain through keytar. */
  secretStore?: SecretStore | undefined;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** How a locked vault file asks for its passphrase when the default store is the vault file. */
  vaultPassphrase?: PassphraseSource;
}

export function openProfileService(opts: ProfileServiceOptions): AkvaultService {
  const env = opts.env ?? process.env;
  return createService({
    dataDir: opts.dataDir,
    secretStore: opts.secretStore ?? createDefaultSecretStore(opts.dataDir, env, opts.vaultPassphrase ? { passphrase: opts.vaultPassphrase } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
}
