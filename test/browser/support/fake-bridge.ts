/**
 * A window.akvault for renderer-only browser tests, built from the same contract and bridge code the
 * preload uses (preload/bridge.ts), with a transport that answers from a fixture snapshot and checks
 * every call (arguments and results) against the contract's schemas, as main does. It implements the
 * whole contract in memory — profiles, sessions, defaults, settings, CSV preview/import, audit, alarms,
 * MFA and a scripted key rotation — so a page can be driven end to end without main.
 *
 * Secrets sent by the page are received like main receives them, but only their field names and
 * lengths are recorded (window.__akvaultSecretsSeen): tests prove the page sent them without the
 * bridge keeping them.
 *
 * Test controls (window.__akvaultTest): publish a changed snapshot, push an MFA request, and read the
 * calls made.
 */
import './zod-jitless';
import { buildApi } from '../../../preload/bridge';
import { eventChannels } from '../../../preload/channels';
import {
  operations,
  SnapshotSchema,
  type AlarmView,
  type AuditEntryView,
  type CsvPreview,
  type DiagnosticsView,
  type ErrorView,
  type ImportReportView,
  type MfaRequestView,
  type OperationName,
  type ProfileView,
  type RotationStage,
  type RotationView,
  type Snapshot,
} from '../../../preload/contract';

export interface RotationScript {
  /** Refuse the start like IAM does when the user already has two keys. */
  refuse?: { userId: string; deleteAccessKeyId: string; deleteKeyStatus: 'active' | 'inactive' };
  /** Stop (with an error) when reaching this stage, once. */
  failAt?: RotationStage;
  failure?: ErrorView;
  newAccessKeyId?: string;
}

export interface FakeOptions {
  audit?: AuditEntryView[];
  alarmHistory?: AlarmView[];
  diagnostics?: DiagnosticsView;
  rotation?: RotationScript;
  /** Per operation, an error to answer with (once). */
  failNext?: Partial<Record<OperationName, ErrorView>>;
}

export interface SecretSeen {
  operation: 'addProfile' | 'updateProfile' | 'importCsv';
  fields: Record<string, number>;
}

declare global {
  interface Window {
    __akvaultFixture: Snapshot;
    __akvaultOptions?: FakeOptions;
    __akvaultCalls: string[];
    __akvaultSecretsSeen: SecretSeen[];
    __akvaultExposeStore?: boolean;
    /** Set by the page when __akvaultExposeStore is (renderer/src/store/test-access.ts). */
    __akvaultStore?: { getState(): unknown };
    __akvaultTest: {
      snapshot(): Snapshot;
      publish(patch: Partial<Omit<Snapshot, 'version'>>): void;
      pushMfa(pending: MfaRequestView | null): void;
      options: FakeOptions;
    };
  }
}

class Refusal extends Error {
  constructor(readonly view: ErrorView) {
    super(view.message);
  }
}
const refuse = (code: string, message: string, params: ErrorView['params'] = {}) => {
  throw new Refusal({ code, message, params });
};

let snapshot = SnapshotSchema.parse(window.__akvaultFixture);
const options: FakeOptions = window.__akvaultOptions ?? {};
const listeners = new Map<string, Set<(p: unknown) => void>>();
window.__akvaultCalls = [];
window.__akvaultSecretsSeen = [];
window.__akvaultExposeStore = true;

const emit = (channel: string, payload: unknown) => {
  for (const l of listeners.get(channel) ?? []) l(payload);
};
const publish = (patch: Partial<Omit<Snapshot, 'version'>>) => {
  snapshot = { ...snapshot, ...patch, version: snapshot.version + 1 };
  // Pushed after the answer, like main's coalesced rebuild.
  const s = snapshot;
  setTimeout(() => emit(eventChannels.snapshot, s), 0);
};
const now = () => new Date().toISOString();
const find = (name: string) => snapshot.profiles.find((p) => p.name === name) ?? refuse('profile.not-found', `Profile "${name}" does not exist.`, { name });
const seen = (operation: SecretSeen['operation'], secrets: Record<string, unknown> | null) => {
  const fields = Object.fromEntries(Object.entries(secrets ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v.length : 0]));
  window.__akvaultSecretsSeen.push({ operation, fields });
};
const id = () => crypto.randomUUID();

function withSourceNames(profiles: ProfileView[]): ProfileView[] {
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  return profiles.map((p) => (p.sourceId && names.has(p.sourceId) ? { ...p, sourceProfile: names.get(p.sourceId)! } : p));
}

// ---------- CSV (the console's credentials.csv: User Name,Access Key Id,Secret Access Key) ----------

function parseCsv(text: string): Array<{ line: number; userName?: string; accessKeyId?: string; sk?: string; problem?: string }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').toLowerCase();
  const hasUser = header.includes('user name');
  const out: Array<{ line: number; userName?: string; accessKeyId?: string; sk?: string; problem?: string }> = [];
  lines.slice(1).forEach((raw, i) => {
    if (!raw.trim()) return;
    const cells = raw.split(',').map((c) => c.trim());
    const [userName, accessKeyId, sk] = hasUser ? cells : [undefined, cells[0], cells[1]];
    if (!accessKeyId || !sk) out.push({ line: i + 2, problem: 'a row needs an access key ID and a secret access key' });
    else out.push({ line: i + 2, ...(userName ? { userName } : {}), accessKeyId, sk });
  });
  return out;
}

function previewCsv(text: string): CsvPreview {
  const byAk = new Map(snapshot.profiles.filter((p) => p.accessKeyId).map((p) => [p.accessKeyId!, p.name]));
  const taken = new Set(snapshot.profiles.map((p) => p.name.toLowerCase()));
  const rows: CsvPreview['rows'] = [];
  for (const r of parseCsv(text)) {
    if (r.problem) {
      rows.push({ line: r.line, status: 'invalid', problem: r.problem });
      continue;
    }
    const existing = byAk.get(r.accessKeyId!);
    if (existing) {
      rows.push({ line: r.line, status: 'existing', accessKeyId: r.accessKeyId!, name: existing, ...(r.userName ? { userName: r.userName } : {}) });
      continue;
    }
    let name = (r.userName ?? r.accessKeyId!).replace(/[^A-Za-z0-9._-]+/g, '-');
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${(r.userName ?? r.accessKeyId!).replace(/[^A-Za-z0-9._-]+/g, '-')}-${n}`;
    taken.add(name.toLowerCase());
    byAk.set(r.accessKeyId!, name);
    rows.push({ line: r.line, status: 'new', accessKeyId: r.accessKeyId!, name, ...(r.userName ? { userName: r.userName } : {}) });
  }
  const counts = { new: 0, existing: 0, invalid: 0 };
  for (const r of rows) counts[r.status]++;
  return { rows, counts };
}

// ---------- rotation (scripted) ----------

const ORDER: RotationStage[] = ['created-not-stored', 'stored-not-verified', 'verified-not-switched', 'switched-old-active', 'old-deactivated', 'done'];
const rotations = new Map<string, RotationView>();
const rotationActions = (stage: RotationStage): RotationView['actions'] =>
  stage === 'old-deactivated' ? ['confirm-delete-old', 'abort'] : stage === 'done' || stage === 'rolled-back' ? [] : ['continue', 'abort'];

function rotationView(base: RotationView, stage: RotationStage, error?: ErrorView): RotationView {
  const { error: _old, ...rest } = base;
  return {
    ...rest,
    stage,
    oldKeyStatus: stage === 'old-deactivated' ? 'inactive' : stage === 'done' ? base.oldKeyStatus : 'active',
    actions: rotationActions(stage),
    message: `Rotation of ${base.profile} at ${stage}.`,
    ...(error ? { error: { code: error.code, message: error.message, params: error.params } } : {}),
    updatedAt: now(),
  };
}

/** Runs from `from` towards old-deactivated; stops (once) at the scripted failure. */
function runRotation(v: RotationView, from: RotationStage, confirmDelete: boolean): RotationView {
  const script = options.rotation ?? {};
  let at = ORDER.indexOf(from);
  for (;;) {
    const stage = ORDER[at]!;
    if (script.failAt === stage) {
      delete script.failAt;
      return rotationView(v, stage, script.failure ?? { code: 'iam.unreachable', message: 'IAM cannot be reached.', params: {} });
    }
    if (stage === 'switched-old-active') {
      const p = find(v.profile);
      snapshot = { ...snapshot, profiles: snapshot.profiles.map((x) => (x.id === p.id ? { ...x, accessKeyId: v.newAccessKeyId!, updatedAt: now() } : x)) };
      publish({});
    }
    if (stage === 'old-deactivated' && !confirmDelete) return rotationView(v, stage);
    if (stage === 'old-deactivated') return rotationView({ ...v, oldKeyStatus: 'deleted' }, 'done');
    at++;
  }
}

// ---------- handlers ----------

const handlers: Record<OperationName, (...args: never[]) => unknown> = {
  getSnapshot: () => snapshot,
  setDefaultProfile: (name: string | null) => (name && find(name), publish({ defaultProfile: name }), null),
  startSession: (name: string) => {
    const p = find(name);
    const expiresAt = new Date(Date.now() + snapshot.settings.defaultDurationSeconds * 1000).toISOString();
    const session = { profile: name, kind: p.kind, state: 'active' as const, expiresAt, lastRefreshAt: now() };
    publish({ sessions: [...snapshot.sessions.filter((s) => s.profile !== name), session] });
    return session;
  },
  stopSession: (name: string) => (publish({ sessions: snapshot.sessions.filter((s) => s.profile !== name) }), null),
  refreshNow: (name: string) => snapshot.sessions.find((s) => s.profile === name) ?? null,
  copyToClipboard: (name: string) => (find(name), { clearsInSeconds: snapshot.settings.clipboardClearSeconds }),
  openConsole: (name: string) => (find(name), null),
  addProfile: (input: Omit<ProfileView, 'id' | 'createdAt' | 'updatedAt'>, secrets: Record<string, unknown>) => {
    seen('addProfile', secrets);
    const clash = snapshot.profiles.find((p) => p.name.toLowerCase() === input.name.toLowerCase());
    if (clash) refuse('profile.exists', `A profile named "${clash.name}" already exists.`, { name: clash.name, reason: 'name' });
    const profile = { ...input, id: id(), createdAt: now(), updatedAt: now() } as ProfileView;
    const profiles = withSourceNames([...snapshot.profiles, profile]);
    publish({ profiles });
    const warnings = input.accessKeyId && !/^[A-Z0-9]{20}$/.test(input.accessKeyId) ? [{ level: 'warning' as const, code: 'ak-shape', message: 'odd AK', field: 'accessKeyId' }] : [];
    return { profile: profiles.find((p) => p.id === profile.id)!, warnings };
  },
  updateProfile: (name: string, patch: Record<string, unknown>, secrets: Record<string, unknown> | null) => {
    seen('updateProfile', secrets);
    const p = find(name);
    const next: Record<string, unknown> = { ...p, updatedAt: now() };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    const profiles = withSourceNames(snapshot.profiles.map((x) => (x.id === p.id ? (next as ProfileView) : x)));
    publish({ profiles, ...(snapshot.defaultProfile === name && typeof patch.name === 'string' ? { defaultProfile: patch.name } : {}) });
    return { profile: profiles.find((x) => x.id === p.id)!, warnings: [] };
  },
  removeProfile: (name: string) => {
    const p = find(name);
    const dependents = snapshot.profiles.filter((x) => x.sourceId === p.id).map((x) => x.name);
    if (dependents.length) refuse('profile.in-use', `Profile "${name}" is the source of agencies.`, { name, dependents: dependents.join(',') });
    publish({
      profiles: snapshot.profiles.filter((x) => x.id !== p.id),
      sessions: snapshot.sessions.filter((s) => s.profile !== name),
      defaultProfile: snapshot.defaultProfile === name ? null : snapshot.defaultProfile,
    });
    return { profile: p, removedSecrets: p.kind === 'agency' || p.kind === 'ecs-agency' ? 0 : 1 };
  },
  importCsvPreview: (text: string) => previewCsv(text),
  importCsv: (text: string, opts: { namePrefix?: string; region?: string; source?: string }) => {
    seen('importCsv', { csv: text });
    const preview = previewCsv(text);
    const byLine = new Map(parseCsv(text).map((r) => [r.line, r]));
    const added: ProfileView[] = [];
    const rows: ImportReportView['rows'] = preview.rows.map((r) => {
      if (r.status === 'invalid') return { line: r.line, status: 'invalid' as const, message: `skipped: ${r.problem}`, advisories: [] };
      if (r.status === 'existing') return { line: r.line, status: 'unchanged' as const, name: r.name!, accessKeyId: r.accessKeyId!, message: `unchanged: already imported as "${r.name}"`, advisories: [] };
      const user = byLine.get(r.line)?.userName;
      const sameUser = user ? [...snapshot.profiles, ...added].filter((p) => p.userName === user && p.kind === 'access-key').length : 0;
      const name = `${opts.namePrefix ? `${opts.namePrefix}-` : ''}${r.name}`;
      added.push({ id: id(), name, kind: 'access-key', accessKeyId: r.accessKeyId!, ...(user ? { userName: user } : {}), ...(opts.region ? { region: opts.region } : {}), createdAt: now(), updatedAt: now() });
      const advisories =
        sameUser === 1 ? [{ level: 'notice' as const, code: 'second-key', message: `This is the second access key stored for user "${user}"; the console allows two access keys per user.` }] : [];
      return { line: r.line, status: 'added' as const, name, accessKeyId: r.accessKeyId!, message: `added as "${name}"`, advisories };
    });
    publish({ profiles: [...snapshot.profiles, ...added] });
    const counts = { added: 0, unchanged: 0, conflict: 0, invalid: 0, failed: 0 };
    for (const r of rows) counts[r.status]++;
    return { source: opts.source ?? 'the CSV text', rows, counts };
  },
  updateSettings: (patch: Partial<Snapshot['settings']>) => {
    publish({ settings: { ...snapshot.settings, ...patch } });
    return snapshot.settings;
  },
  getAuditLog: (limit: number) => (options.audit ?? []).slice(0, limit),
  getAlarmHistory: () => options.alarmHistory ?? snapshot.alarms,
  getDiagnostics: () => options.diagnostics ?? { ok: true, generatedAt: now(), host: 'app', checks: [] },
  setLocale: (language: Snapshot['settings']['language']) => {
    const locale = language === 'system' ? 'en' : language;
    publish({ settings: { ...snapshot.settings, language }, locale });
    return null;
  },
  mfaPending: () => null,
  mfaSubmit: () => (setTimeout(() => emit(eventChannels.mfaRequest, { pending: null }), 0), null),
  mfaCancel: () => (setTimeout(() => emit(eventChannels.mfaRequest, { pending: null }), 0), null),
  rotationStatus: (name: string) => (find(name), rotations.get(name) ?? null),
  rotationStart: (name: string) => {
    const p = find(name);
    if (rotations.has(name)) refuse('validation', `A key rotation of profile "${name}" is already under way.`, { profile: name });
    const script = options.rotation ?? {};
    if (script.refuse) {
      refuse('iam.key-limit', `IAM user ${script.refuse.userId} already has 2 access keys. Delete ${script.refuse.deleteAccessKeyId} first.`, {
        profile: name,
        userId: script.refuse.userId,
        deleteAccessKeyId: script.refuse.deleteAccessKeyId,
        deleteKeyStatus: script.refuse.deleteKeyStatus,
        keyCount: 2,
      });
    }
    const base: RotationView = {
      profile: name,
      stage: 'created-not-stored',
      oldAccessKeyId: p.accessKeyId ?? '',
      oldKeyStatus: 'active',
      newAccessKeyId: script.newAccessKeyId ?? 'NEWKEYROTATED0000001',
      actions: [],
      message: '',
      startedAt: now(),
      updatedAt: now(),
    };
    const v = runRotation(base, 'created-not-stored', false);
    rotations.set(name, v);
    return v;
  },
  rotationContinue: (name: string, confirmDelete: boolean) => {
    const v = rotations.get(name) ?? refuse('validation', `No key rotation of profile "${name}" is under way.`, { profile: name });
    const next = runRotation(v, v.stage, confirmDelete);
    if (next.stage === 'done') rotations.delete(name);
    else rotations.set(name, next);
    return next;
  },
  rotationAbort: (name: string) => {
    const v = rotations.get(name) ?? refuse('validation', `No key rotation of profile "${name}" is under way.`, { profile: name });
    rotations.delete(name);
    const past = ['switched-old-active', 'old-deactivated'].includes(v.stage);
    return rotationView(v, past ? 'done' : 'rolled-back');
  },
  // The fake keeps secrets in the keychain: the vault operations are refused as the core refuses them there.
  vaultCreate: () => refuse('secrets.backend', 'Secrets are kept in the OS keychain here, not in a vault file.', {}),
  vaultUnlock: () => refuse('secrets.backend', 'Secrets are kept in the OS keychain here, not in a vault file.', {}),
  vaultLock: () => refuse('secrets.backend', 'Secrets are kept in the OS keychain here, not in a vault file.', {}),
};

window.__akvaultTest = {
  snapshot: () => snapshot,
  publish: (patch) => publish(patch),
  pushMfa: (pending) => emit(eventChannels.mfaRequest, { pending }),
  options,
};

window.akvault = buildApi({
  async invoke(channel, args) {
    const name = (Object.keys(operations) as OperationName[]).find((n) => operations[n].channel === channel);
    if (!name) return { ok: false, error: { code: 'usage', message: `unknown channel ${channel}`, params: {} } };
    window.__akvaultCalls.push(name);
    const parsed = operations[name].input.safeParse(args);
    if (!parsed.success) return { ok: false, error: { code: 'usage', message: `bad arguments for ${name}: ${parsed.error.message}`, params: {} } };
    const scripted = options.failNext?.[name];
    if (scripted) {
      delete options.failNext![name];
      return { ok: false, error: scripted };
    }
    try {
      const value = (handlers[name] as (...a: unknown[]) => unknown)(...(parsed.data as unknown[]));
      return { ok: true, value: operations[name].output.parse(value) };
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, error: e.view };
      return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : 'failed', params: {} } };
    }
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
});
