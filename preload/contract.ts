/**
 * THE contract between the renderer and main: every operation's channel, argument and result schemas,
 * and every push event. Main (main/electron/ipc.ts) and the browser bridge (main/web/) validate what
 * arrives against these schemas; the preload exposes exactly one function per operation; the renderer
 * is typed by `AkvaultApi` below.
 *
 * What crosses here towards the page is view state: names, kinds, account labels, expiries, alarm
 * states. Secret values never appear in a result or an event (the result schemas are strict, so a
 * stray secret field fails validation in main instead of reaching the page); the page can only ask
 * main to *act* on a secret (copy it, store what the user typed).
 *
 * One documented exception: in the browser UI (`akvault serve --ui`) there is no desktop clipboard
 * main could write, so the answer to copyToClipboard — and only that answer, to the user's explicit
 * copy action — carries the text for the page to put on the clipboard itself (`CopyResultSchema`).
 * The Electron doorway never fills it in.
 */
import { z } from 'zod';
import { eventChannels, operationChannels, type EventName, type MfaEventName, type MfaOperationName, type OperationName } from './channels';

export { mfaEventNames, mfaOperationNames, onName, type EventName, type MfaEventName, type MfaOperationName, type OperationName } from './channels';

// ---------- building blocks ----------

/** A bounded one-line string: every field a page sends has a ceiling, so no call can balloon main's memory. */
const str = (max: number) => z.string().max(max);
const ProfileName = z.string().min(1).max(64);
const Instant = str(40);
const Count = z.number().int().nonnegative();

export const ProfileKindSchema = z.enum(['access-key', 'temporary-key', 'token', 'account', 'ecs-agency', 'agency']);
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

export const LocaleSchema = z.enum(['en', 'zh-CN']);
export type LocaleView = z.infer<typeof LocaleSchema>;
export const LanguagePreferenceSchema = z.enum(['system', 'en', 'zh-CN']);

const ToolFilesSchema = z.strictObject({ sdkCredentials: z.boolean().optional(), koocli: z.boolean().optional(), obsutil: z.boolean().optional() });

// ---------- view shapes (main → page) ----------

export const ProfileViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: ProfileKindSchema,
  accessKeyId: z.string().optional(),
  domainName: z.string().optional(),
  domainId: z.string().optional(),
  userName: z.string().optional(),
  userId: z.string().optional(),
  region: z.string().optional(),
  projectId: z.string().optional(),
  iamEndpoint: z.string().optional(),
  description: z.string().optional(),
  color: z.string().optional(),
  /** temporary-key and token: when the pasted credential expires. */
  expiresAt: z.string().optional(),
  refreshMarginSeconds: z.number().optional(),
  toolFiles: ToolFilesSchema.optional(),
  durationSeconds: z.number().optional(),
  /** account: the IAM user ID MFA sign-in names; sign-in asks for a passcode exactly when it is set. */
  mfaUserId: z.string().optional(),
  metadataUrl: z.string().optional(),
  /** agency: the source profile, by id and (when it still exists) by name. */
  sourceId: z.string().optional(),
  sourceProfile: z.string().optional(),
  agencyDomainName: z.string().optional(),
  agencyDomainId: z.string().optional(),
  agencyName: z.string().optional(),
  sessionUserName: z.string().optional(),
  policy: z.strictObject({ Version: z.string(), Statement: z.array(z.record(z.string(), z.json())) }).optional(),
  api: z.enum(['v3', 'v5']).optional(),
  stsEndpoint: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const BackendStatusSchema = z.strictObject({
  state: z.enum(['available', 'locked', 'unavailable']),
  backend: z.string(),
  message: z.string().optional(),
});
export type BackendStatusView = z.infer<typeof BackendStatusSchema>;

/**
 * Where secrets live and whether they can be read: the OS keychain, or the encrypted vault file that
 * is not created yet (`absent`), `locked` or `unlocked`.
 */
export const VaultStatusSchema = z.strictObject({
  backend: z.enum(['keychain', 'file']),
  state: z.enum(['keychain', 'absent', 'locked', 'unlocked']),
});
export type VaultStatusView = z.infer<typeof VaultStatusSchema>;

export const SessionStateSchema = z.enum(['active', 'refreshing', 'failing', 'expired']);
export const SessionViewSchema = z.strictObject({
  profile: z.string(),
  kind: z.string(),
  state: SessionStateSchema,
  expiresAt: z.string().optional(),
  lastRefreshAt: z.string().optional(),
  nextRefreshAt: z.string().optional(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

export const AlarmViewSchema = z.strictObject({
  profile: z.string(),
  kind: z.enum(['refresh-failed', 'expired']),
  code: z.string(),
  message: z.string(),
  firstFailureAt: z.string(),
  lastFailureAt: z.string(),
  failures: Count,
  /** History only: when the alarm cleared itself. */
  clearedAt: z.string().optional(),
});
export type AlarmView = z.infer<typeof AlarmViewSchema>;

export const SettingsViewSchema = z.strictObject({
  refreshMarginSeconds: z.number().int(),
  clipboardClearSeconds: z.number().int(),
  defaultDurationSeconds: z.number().int(),
  helperEnabled: z.boolean(),
  helperPort: z.number().int(),
  launchAtLogin: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  language: LanguagePreferenceSchema,
  notifyBeforeExpiryMinutes: z.number().int(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** The local helper: its address only; the bearer token never leaves main (it is in helper.json, 0600). */
export const HelperStatusSchema = z.strictObject({
  state: z.enum(['off', 'starting', 'running', 'failed']),
  url: z.string().optional(),
  port: z.number().int().optional(),
  errorCode: z.string().optional(),
});
export type HelperStatusView = z.infer<typeof HelperStatusSchema>;

export const ToolFileProblemSchema = z.strictObject({ profile: z.string(), tool: z.string(), code: z.string(), message: z.string() });

export const SnapshotSchema = z.strictObject({
  /** Monotonic: a late push never overwrites a newer snapshot. */
  version: Count,
  profiles: z.array(ProfileViewSchema),
  defaultProfile: z.string().nullable(),
  keychain: BackendStatusSchema,
  /** Absent only where the host cannot tell (a store handed in by tests). */
  vault: VaultStatusSchema.optional(),
  sessions: z.array(SessionViewSchema),
  alarms: z.array(AlarmViewSchema),
  settings: SettingsViewSchema,
  helper: HelperStatusSchema,
  /** The locale in effect (settings.language resolved against the OS). */
  locale: LocaleSchema,
  toolFileProblems: z.array(ToolFileProblemSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const AdvisorySchema = z.strictObject({ level: z.enum(['notice', 'warning']), code: z.string(), message: z.string(), field: z.string().optional() });
export type AdvisoryView = z.infer<typeof AdvisorySchema>;

export const ProfileChangeSchema = z.strictObject({ profile: ProfileViewSchema, warnings: z.array(AdvisorySchema) });
export const ProfileRemovedSchema = z.strictObject({ profile: ProfileViewSchema, removedSecrets: Count });

export const CsvPreviewSchema = z.strictObject({
  rows: z.array(
    z.strictObject({
      line: Count,
      status: z.enum(['new', 'existing', 'invalid']),
      accessKeyId: z.string().optional(),
      userName: z.string().optional(),
      userId: z.string().optional(),
      /** new: the name the row would get; existing: the profile that already holds this AK. */
      name: z.string().optional(),
      problem: z.string().optional(),
    }),
  ),
  counts: z.strictObject({ new: Count, existing: Count, invalid: Count }),
});
export type CsvPreview = z.infer<typeof CsvPreviewSchema>;

export const ImportReportSchema = z.strictObject({
  source: z.string(),
  rows: z.array(
    z.strictObject({
      line: Count,
      status: z.enum(['added', 'unchanged', 'conflict', 'invalid', 'failed']),
      name: z.string().optional(),
      accessKeyId: z.string().optional(),
      message: z.string(),
      advisories: z.array(AdvisorySchema),
    }),
  ),
  counts: z.strictObject({ added: Count, unchanged: Count, conflict: Count, invalid: Count, failed: Count }),
});
export type ImportReportView = z.infer<typeof ImportReportSchema>;

export const AuditEntrySchema = z.strictObject({
  at: z.string(),
  event: z.enum(['issued', 'served', 'session-started', 'session-stopped', 'refresh-failed', 'alarm-raised', 'alarm-cleared']),
  profile: z.string(),
  to: z
    .strictObject({
      kind: z.enum(['tray', 'cli', 'helper', 'ui', 'broker']),
      action: z.string().optional(),
      command: z.string().optional(),
      client: z.string().optional(),
    })
    .optional(),
  /** Issued temporary keys: the access key ID (not secret) and expiry. */
  accessKeyId: z.string().optional(),
  expiresAt: z.string().optional(),
  code: z.string().optional(),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

export const MfaRequestViewSchema = z.strictObject({
  requestId: z.string(),
  profile: z.string(),
  account: z.string(),
  userName: z.string(),
  /** The prompt gives up (as if cancelled) at this instant. */
  expiresAt: z.string(),
  /** Further requests waiting behind this one. */
  queued: Count,
  /** The prompt window has no snapshot: it learns the language from here. */
  locale: LocaleSchema,
});
export type MfaRequestView = z.infer<typeof MfaRequestViewSchema>;

/** Errors cross the boundary as data: a stable code the UI can translate, plus English text. */
export const ErrorViewSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

/** Every invoke answers with this envelope, so a failure reaches the page as data, never as a crash. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

// ---------- inputs (page → main) ----------

/** What the page may ask main to put on the clipboard. In the desktop app the value never comes back. */
export const CopyWhatSchema = z.enum(['export-bash', 'export-fish', 'export-powershell', 'koocli', 'ak', 'sk', 'token']);
export type CopyWhat = z.infer<typeof CopyWhatSchema>;

/**
 * The answer to a copy. `text` is THE exception to "no secret reaches the page": only the browser UI's
 * doorway sets it, only in this answer to the user's own copy action, because a browser page can only
 * write its own clipboard. The page's transport writes it with navigator.clipboard, clears it after
 * `clearsInSeconds` if it still holds it, and hands the views the answer without it.
 */
export const CopyResultSchema = z.strictObject({ clearsInSeconds: Count, text: z.string().max(70_000).optional() });
export type CopyResult = z.infer<typeof CopyResultSchema>;

/**
 * Key rotation of an access-key profile (main/core/rotation): where it stands and what may be done next.
 * Access key IDs and states only; the new secret key never leaves main.
 */
export const RotationStageSchema = z.enum([
  'created-not-stored',
  'stored-not-verified',
  'verified-not-switched',
  'switched-old-active',
  'old-deactivated',
  'done',
  'rolled-back',
]);
export type RotationStage = z.infer<typeof RotationStageSchema>;
export const RotationViewSchema = z.strictObject({
  profile: z.string(),
  stage: RotationStageSchema,
  oldAccessKeyId: z.string(),
  oldKeyStatus: z.enum(['active', 'inactive', 'deleted']),
  newAccessKeyId: z.string().optional(),
  /** continue: rotationContinue(p, false); confirm-delete-old: rotationContinue(p, true); abort: rotationAbort(p). */
  actions: z.array(z.enum(['continue', 'confirm-delete-old', 'abort'])),
  /** Where it stands and what to do next, in English (the stage is the code to translate by). */
  message: z.string(),
  /** Why the last step stopped, when it failed. */
  error: z
    .strictObject({
      code: z.string(),
      message: z.string(),
      hint: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    })
    .optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type RotationView = z.infer<typeof RotationViewSchema>;

const PolicySchema = z.strictObject({ Version: str(16), Statement: z.array(z.record(z.string(), z.json())).max(100) });

/** The fields a profile form may set (the core checks each in depth; here only shape and size). */
const profileFields = {
  region: str(64),
  projectId: str(128),
  domainName: str(128),
  domainId: str(128),
  userName: str(128),
  userId: str(128),
  iamEndpoint: str(2048),
  description: str(500),
  color: str(16),
  refreshMarginSeconds: z.number().int(),
  toolFiles: ToolFilesSchema,
  accessKeyId: str(128),
  expiresAt: Instant,
  durationSeconds: z.number().int(),
  mfaUserId: str(128),
  metadataUrl: str(2048),
  sourceId: str(64),
  agencyDomainName: str(128),
  agencyDomainId: str(128),
  agencyName: str(128),
  sessionUserName: str(64),
  policy: PolicySchema,
  api: z.enum(['v3', 'v5']),
  stsEndpoint: str(2048),
};
type FieldName = keyof typeof profileFields;
const optionalFields = Object.fromEntries(Object.entries(profileFields).map(([k, s]) => [k, s.optional()])) as { [K in FieldName]: z.ZodOptional<(typeof profileFields)[K]> };
const clearableFields = Object.fromEntries(Object.entries(profileFields).map(([k, s]) => [k, s.nullable().optional()])) as {
  [K in FieldName]: z.ZodOptional<z.ZodNullable<(typeof profileFields)[K]>>;
};

export const ProfileInputSchema = z.strictObject({ name: ProfileName, kind: ProfileKindSchema, ...optionalFields });
export type ProfileInputView = z.infer<typeof ProfileInputSchema>;

/** An edit: a field left out keeps its value, `null` removes it. The kind cannot change. */
export const ProfilePatchSchema = z.strictObject({ name: ProfileName.optional(), ...clearableFields });
export type ProfilePatchView = z.infer<typeof ProfilePatchSchema>;

/** Secrets the user typed: they travel page → main only, never back. Tokens are several KB. */
export const ProfileSecretsSchema = z.strictObject({
  secretAccessKey: str(1024).optional(),
  securityToken: str(65_536).optional(),
  password: str(1024).optional(),
  authToken: str(65_536).optional(),
});
export type ProfileSecretsInput = z.infer<typeof ProfileSecretsSchema>;

/** A credentials.csv pasted or read by the page (a file of keys is all secrets: never echoed back). */
const CsvText = z.string().max(1_000_000);
export const ImportOptionsSchema = z.strictObject({ namePrefix: str(40).optional(), region: str(64).optional(), source: str(255).optional() });

export const SettingsPatchSchema = z
  .strictObject({
    refreshMarginSeconds: z.number().int().min(120).max(86_400),
    clipboardClearSeconds: z.number().int().min(5).max(3600),
    defaultDurationSeconds: z.number().int().min(900).max(86_400),
    helperEnabled: z.boolean(),
    helperPort: z.number().int().min(0).max(65_535),
    launchAtLogin: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    language: LanguagePreferenceSchema,
    notifyBeforeExpiryMinutes: z.number().int().min(0).max(120),
  })
  .partial();
export type SettingsPatchView = z.infer<typeof SettingsPatchSchema>;

const RequestId = z.string().min(1).max(64);
/** The vault passphrase, typed into a masked field; it goes to main only and is never sent back. */
const VaultPassphrase = z.string().min(1).max(1024);
/** A TOTP passcode: six digits (virtual MFA). */
const Passcode = z.string().regex(/^\d{6}$/);

// ---------- diagnostics (akvault doctor; main/core/doctor) ----------

export const DIAGNOSTIC_CHECK_IDS = ['secrets', 'data-dir', 'profiles', 'helper', 'clock', 'proxy', 'tool-files', 'tray', 'versions'] as const;
export const DiagnosticCheckSchema = z.strictObject({
  id: z.enum(DIAGNOSTIC_CHECK_IDS),
  status: z.enum(['ok', 'info', 'warn', 'fail']),
  /** English, one line; paths, versions and counts only — never a secret. */
  summary: z.string(),
  fix: z.string().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type DiagnosticCheckView = z.infer<typeof DiagnosticCheckSchema>;
export const DiagnosticsSchema = z.strictObject({
  ok: z.boolean(),
  generatedAt: z.string(),
  host: z.enum(['cli', 'app', 'serve']),
  checks: z.array(DiagnosticCheckSchema),
});
export type DiagnosticsView = z.infer<typeof DiagnosticsSchema>;

// ---------- operations ----------

const op = <K extends OperationName, I extends z.ZodTuple, O extends z.ZodType>(name: K, input: I, output: O) => ({
  channel: operationChannels[name],
  input,
  output,
});

export const operations = {
  getSnapshot: op('getSnapshot', z.tuple([]), SnapshotSchema),
  setDefaultProfile: op('setDefaultProfile', z.tuple([ProfileName.nullable()]), z.null()),
  startSession: op('startSession', z.tuple([ProfileName]), SessionViewSchema),
  stopSession: op('stopSession', z.tuple([ProfileName]), z.null()),
  refreshNow: op('refreshNow', z.tuple([ProfileName]), SessionViewSchema.nullable()),
  copyToClipboard: op('copyToClipboard', z.tuple([ProfileName, CopyWhatSchema]), CopyResultSchema),
  openConsole: op('openConsole', z.tuple([ProfileName]), z.null()),
  addProfile: op('addProfile', z.tuple([ProfileInputSchema, ProfileSecretsSchema]), ProfileChangeSchema),
  updateProfile: op('updateProfile', z.tuple([ProfileName, ProfilePatchSchema, ProfileSecretsSchema.nullable()]), ProfileChangeSchema),
  removeProfile: op('removeProfile', z.tuple([ProfileName]), ProfileRemovedSchema),
  importCsvPreview: op('importCsvPreview', z.tuple([CsvText]), CsvPreviewSchema),
  importCsv: op('importCsv', z.tuple([CsvText, ImportOptionsSchema]), ImportReportSchema),
  updateSettings: op('updateSettings', z.tuple([SettingsPatchSchema]), SettingsViewSchema),
  getAuditLog: op('getAuditLog', z.tuple([z.number().int().min(1).max(5000)]), z.array(AuditEntrySchema)),
  getAlarmHistory: op('getAlarmHistory', z.tuple([]), z.array(AlarmViewSchema)),
  setLocale: op('setLocale', z.tuple([LanguagePreferenceSchema]), z.null()),
  mfaPending: op('mfaPending', z.tuple([]), MfaRequestViewSchema.nullable()),
  mfaSubmit: op('mfaSubmit', z.tuple([RequestId, Passcode]), z.null()),
  mfaCancel: op('mfaCancel', z.tuple([RequestId]), z.null()),
  /** The rotation in progress for this profile, or null. */
  rotationStatus: op('rotationStatus', z.tuple([ProfileName]), RotationViewSchema.nullable()),
  /** Refused (iam.key-limit, naming the key to delete) when the user already has two keys. */
  rotationStart: op('rotationStart', z.tuple([ProfileName]), RotationViewSchema),
  /** Resumes where it stopped; `true` also confirms deleting the old key. */
  rotationContinue: op('rotationContinue', z.tuple([ProfileName, z.boolean()]), RotationViewSchema),
  /** Before the switch: deletes the new key (rolled back). After it: ends the rotation, keys left as they are. */
  rotationAbort: op('rotationAbort', z.tuple([ProfileName]), RotationViewSchema),
  /** `akvault doctor`'s report, run by the host (the app, or `akvault serve --ui`). */
  getDiagnostics: op('getDiagnostics', z.tuple([]), DiagnosticsSchema),
  /** Creates the encrypted vault file (only where the file backend is in use and no vault exists yet). */
  vaultCreate: op('vaultCreate', z.tuple([VaultPassphrase]), VaultStatusSchema),
  /** Wrong passphrase: vault.passphrase, nothing changed. */
  vaultUnlock: op('vaultUnlock', z.tuple([VaultPassphrase]), VaultStatusSchema),
  vaultLock: op('vaultLock', z.tuple([]), VaultStatusSchema),
} as const satisfies Record<OperationName, unknown>;

export type Operations = typeof operations;
export type OperationArgs<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationResult<K extends OperationName> = z.output<Operations[K]['output']>;

// ---------- push events (main → page) ----------

export const MfaRequestEventSchema = z.strictObject({ pending: MfaRequestViewSchema.nullable() });

export const events = {
  snapshot: { channel: eventChannels.snapshot, payload: SnapshotSchema },
  /** The pending MFA request (or null once answered): who asks, never a passcode. */
  mfaRequest: { channel: eventChannels.mfaRequest, payload: MfaRequestEventSchema },
} as const satisfies Record<EventName, unknown>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]['payload']>;

// ---------- what the page sees as window.akvault ----------

type Subscribe<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;
type OnName<K extends string> = `on${Capitalize<K>}`;

export type AkvaultApi = {
  [K in OperationName]: (...args: OperationArgs<K>) => Promise<OperationResult<K>>;
} & {
  [K in EventName as OnName<K>]: Subscribe<K>;
};

/** What the MFA prompt window sees as window.akvaultMfa: its three operations and its one event. */
export type AkvaultMfaApi = Pick<AkvaultApi, MfaOperationName | OnName<MfaEventName>>;
