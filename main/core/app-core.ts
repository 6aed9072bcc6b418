/**
 * The core, assembled: profile service, session broker, audit log, settings and tool-file writers over
 * one data directory and one sealed keychain store. Every front end builds exactly this — the Electron
 * composition root, `akvault serve`, and the CLI when no app is running — so they all behave the same.
 */
import os from 'node:os';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { createToolFileWriters, type ToolFileId } from './handoff/tool-files';
import type { FetchLike } from './iam/fetch';
import { IamClient } from './iam/client';
import { dataFiles } from './paths';
import type { Profile } from './profiles/schema';
import { createKeyRotation, type KeyRotation, type VerifyPolicy } from './rotation';
import { createDefaultSecretStore, DefaultSecretStore } from './secrets/default-store';
import type { PassphraseSource } from './secrets/vault-file-store';
import type { SecretStore } from './secrets/secret-store';
import { openProfileService } from './profile-service';
import type { AkvaultService } from './service';
import { AuditLog } from './sessions/audit-log';
import { SessionBroker, type MfaPrompt } from './sessions/broker';
import type { SessionCredentials } from './sessions/types';
import { SettingsStore } from './settings';
import { errorFields, nullLogger, type Logger } from './log/logger';

export interface AppCoreOptions {
  dataDir: string;
  /** The keychain (raw or sealed); default: the OS keychain through keytar. */
  secretStore?: SecretStore;
  clock?: Clock;
  fetch?: FetchLike;
  prompt?: MfaPrompt;
  /** Long-running hosts (app, serve) watch the profiles file for edits by other processes. */
  watchProfiles?: boolean;
  /** Where tool files live (`~/.huaweicloud`, `~/.hcloud`, `~/.obsutilconfig`) and which env overrides apply. */
  homeDir?: string;
  env?: NodeJS.ProcessEnv;
  iamClient?: (iamEndpoint: string | undefined, stsEndpoint: string | undefined) => IamClient;
  /** The diagnostic log (main/core/log): every host passes its file logger; default logs nothing. */
  logger?: Logger;
  /** How a locked vault file asks for its passphrase (the CLI); hosts without one unlock it from the UI. */
  vaultPassphrase?: PassphraseSource;
  /** Idle time after which an unlocked vault file locks again (default: AKVAULT_VAULT_IDLE_LOCK_MINUTES, else 30 min; 0 = never). */
  vaultIdleLockMs?: number;
  /** How key rotation verifies a new key (tests shorten the waits). */
  rotation?: { verify?: Partial<VerifyPolicy> };
}

export interface AppCore {
  readonly dataDir: string;
  readonly service: AkvaultService;
  readonly broker: SessionBroker;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** Key rotation of access-key profiles (main/core/rotation). */
  readonly rotation: KeyRotation;
  /** Problems writing tool files, by profile (shown by the tray and UI; never fatal to a refresh). */
  readonly toolFileProblems: Map<string, { tool: ToolFileId; code: string; message: string }>;
  /** The keychain-or-vault store when the core chose it (null when a store was handed in, e.g. tests). */
  readonly secretBackend: DefaultSecretStore | null;
  dispose(): void;
}

const DEFAULT_VAULT_IDLE_LOCK_MINUTES = 30;

/** `AKVAULT_VAULT_IDLE_LOCK_MINUTES` (0 = never lock on idle), else 30 minutes. */
export function vaultIdleLockMsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.AKVAULT_VAULT_IDLE_LOCK_MINUTES?.trim();
  const minutes = raw && /^\d+$/.test(raw) ? Number(raw) : DEFAULT_VAULT_IDLE_LOCK_MINUTES;
  return minutes * 60_000;
}

const toolOf: Record<'sdkCredentials' | 'koocli' | 'obsutil', ToolFileId> = { sdkCredentials: 'sdk-credentials', koocli: 'koocli', obsutil: 'obsutil' };

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? nullLogger;
  const env = opts.env ?? process.env;
  const files = dataFiles(opts.dataDir);
  const settings = new SettingsStore(files.settings);
  await settings.load();
  const secretBackend = opts.secretStore
    ? opts.secretStore instanceof DefaultSecretStore
      ? opts.secretStore
      : null
    : createDefaultSecretStore(opts.dataDir, env, {
        ...(opts.vaultPassphrase ? { passphrase: opts.vaultPassphrase } : {}),
        idleLockMs: opts.vaultIdleLockMs ?? vaultIdleLockMsFromEnv(env),
      });
  const inner = openProfileService({ dataDir: opts.dataDir, secretStore: opts.secretStore ?? secretBackend!, env, clock });
  const audit = new AuditLog({ file: files.auditLog, clock, logger });
  const writers = createToolFileWriters({ homeDir: opts.homeDir ?? os.homedir(), env, dataDir: opts.dataDir });
  const toolFileProblems: AppCore['toolFileProblems'] = new Map();

  const enabledTools = (p: Profile): ToolFileId[] =>
    Object.entries(p.toolFiles ?? {})
      .filter(([, on]) => on)
      .map(([k]) => toolOf[k as keyof typeof toolOf])
      .filter(Boolean);

  const writeTools = async (p: Profile, creds: SessionCredentials) => {
    for (const tool of enabledTools(p)) {
      try {
        await writers[tool].write(p.name, creds);
        logger.info('tool-file.written', { profile: p.name, tool });
        toolFileProblems.delete(p.name);
      } catch (e) {
        const err = e as { code?: string; message?: string };
        logger.warn('tool-file.failed', { profile: p.name, tool, ...errorFields(e) });
        toolFileProblems.set(p.name, { tool, code: err.code ?? 'internal', message: err.message ?? 'Could not write the tool file.' });
        void audit.record({ event: 'refresh-failed', profile: p.name, code: `tool-file.${tool}` });
      }
    }
  };
  const cleanTools = async (p: Profile) => {
    for (const tool of Object.keys(writers) as ToolFileId[]) await writers[tool].clean(p.name).catch(() => undefined);
  };

  const broker = new SessionBroker({
    loadProfiles: () => inner.listProfiles(),
    ...(opts.watchProfiles ? { profilesFile: files.profiles } : {}),
    secrets: inner.secrets,
    clock,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.iamClient ? { iamClient: opts.iamClient } : {}),
    ...(opts.prompt ? { prompt: opts.prompt } : {}),
    audit,
    logger,
    marginSeconds: () => settings.get().refreshMarginSeconds,
    defaultProfile: () => inner.getDefaultProfile(),
    onSessionCredentials: writeTools,
    onSessionStopped: cleanTools,
  });

  // A locked vault file must take the permanent secrets read from it along (see README, vault file).
  void secretBackend
    ?.backend()
    .then((b) => b.vault?.onStateChange((state) => state === 'locked' && broker.forgetStoredSecrets()))
    .catch(() => undefined);

  // Profile edits go through the service; the broker forgets what it cached for the edited profile.
  const changed = async <T>(work: Promise<T>, id?: string | null): Promise<T> => {
    const r = await work;
    await broker.profileChanged(id ?? null);
    return r;
  };
  const service: AkvaultService = {
    ...inner,
    addProfile: (input, secrets) => changed(inner.addProfile(input, secrets)),
    updateProfile: async (name, patch, secrets) => {
      const before = await inner.getProfile(name);
      return changed(inner.updateProfile(name, patch, secrets), before.id);
    },
    removeProfile: async (name) => {
      const p = await inner.getProfile(name);
      if (broker.sessionViews().some((s) => s.profile === p.name)) await broker.stopSession(p.name);
      return changed(inner.removeProfile(name), p.id);
    },
    importCsv: (text, o) => changed(inner.importCsv(text, o)),
    setDefaultProfile: (name) => changed(inner.setDefaultProfile(name)),
    restoreBackup: () => changed(inner.restoreBackup()),
  };

  const rotation = createKeyRotation({
    service,
    iamClient:
      opts.iamClient ??
      // Few retries per call: rotation's own verification loop does the waiting, and a person is watching.
      ((iamEndpoint, stsEndpoint) =>
        new IamClient({ ...(iamEndpoint ? { iamEndpoint } : {}), ...(stsEndpoint ? { stsEndpoint } : {}), clock, retry: { maxAttempts: 2 }, logger, ...(opts.fetch ? { fetch: opts.fetch } : {}) })),
    clock,
    file: files.rotations,
    ...(opts.rotation?.verify ? { verify: opts.rotation.verify } : {}),
  });

  return {
    dataDir: opts.dataDir,
    service,
    broker,
    settings,
    audit,
    logger,
    rotation,
    toolFileProblems,
    secretBackend,
    dispose: () => broker.dispose(),
  };
}
