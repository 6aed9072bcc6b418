/**
 * The contract's handlers, built on the app core: every operation a page (the Electron window or the
 * browser UI) may call, plus the snapshot every page and the tray render from. Shared by both
 * doorways, so it imports nothing from Electron: the clipboard, the link opener, the helper status
 * and the locale are injected (ports.ts).
 *
 * Snapshots are built one at a time, in order, each with the next version number, and every one built
 * is published to the listeners (windows, tray); bursts of core events coalesce into one rebuild.
 */
import { AuditEntrySchema, type AdvisoryView, type AuditEntryView, type CopyResult, type CopyWhat, type ImportReportView, type Snapshot } from '../../preload/contract';
import { AkvaultError } from '../core/errors';
import type { Profile } from '../core/profiles/schema';
import type { Advisory } from '../core/profiles/validation';
import type { AuditEntry } from '../core/sessions/audit-log';
import type { Consumer } from '../core/sessions/types';
import type { SnapshotCore } from './snapshot';
import type { AppCore } from '../core/app-core';
import { consoleUrlFor, defaultConsoleLogin } from './console-link';
import { copyAction, credentialText } from './credential-text';
import { previewCsvImport } from './csv-preview';
import type { Handlers } from './dispatch';
import { ExternalUrlRefused } from './external-url';
import type { MfaRequests } from './mfa-requests';
import type { ViewPorts } from './ports';
import { toProfileView } from './profile-view';
import { buildSnapshot, toAlarmView, toSessionView, toSettingsView } from './snapshot';
import { onVaultChange, vaultHandlers } from './vault-view';

export type ViewCore = SnapshotCore & Pick<AppCore, 'audit' | 'rotation'>;
export type Via = 'tray' | 'ui';
export type SnapshotListener = (snapshot: Snapshot) => void;

/** The same actions the handlers run, callable by the tray with its own name in the audit log. */
export interface ViewActions {
  copy(profile: string, what: CopyWhat, via: Via): Promise<CopyResult>;
  openConsole(profile: string, via: Via): Promise<void>;
}

export interface ViewState {
  handlers: Handlers;
  actions: ViewActions;
  /** Builds, publishes and returns a fresh snapshot. */
  snapshot(): Promise<Snapshot>;
  /** The newest snapshot built so far (null before the first). */
  latest(): Snapshot | null;
  /** Schedules a rebuild and publish (coalesced). Call after anything that changes what pages show. */
  refresh(): void;
  onSnapshot(listener: SnapshotListener): () => void;
  /** Resolves when no rebuild is queued or running (tests, shutdown). */
  settled(): Promise<void>;
  dispose(): void;
}

export function createViewState(core: ViewCore, ports: ViewPorts, mfa: MfaRequests): ViewState {
  const listeners = new Set<SnapshotListener>();
  let version = 0;
  let latest: Snapshot | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let queued = false;
  let disposed = false;

  const publish = (s: Snapshot) => {
    for (const l of [...listeners]) {
      try {
        l(s);
      } catch {
        // One broken listener (a closed window) must not stop the others.
      }
    }
  };
  const build = async (): Promise<Snapshot> => {
    const s: Snapshot = { version: ++version, ...(await buildSnapshot(core, ports.helper, ports.locale)) };
    latest = s;
    if (!disposed) publish(s);
    return s;
  };
  const snapshot = (): Promise<Snapshot> => {
    const p = chain.then(build);
    chain = p.catch(() => undefined);
    return p;
  };
  const refresh = () => {
    if (queued || disposed) return;
    queued = true;
    chain = chain.then(() => {
      queued = false;
      // A failed rebuild (profiles file unreadable mid-write) keeps the previous snapshot on screen.
      return build().catch(() => undefined);
    });
  };
  const changed = <T>(value: T): T => {
    refresh();
    return value;
  };

  const offBroker = core.broker.on(() => refresh());
  // The vault locks by itself after idle time: pages and the tray must see that without a click.
  const offVault = onVaultChange(core, () => refresh());
  const consumer = (via: Via, action: string): Consumer => ({ kind: via, action });
  const viewOf = async (p: Profile) => {
    const names = new Map((await core.service.listProfiles()).map((x) => [x.id, x.name]));
    return toProfileView(p, (id) => names.get(id));
  };

  const actions: ViewActions = {
    async copy(profile, what, via) {
      const creds = await core.broker.getCredentials(profile, consumer(via, copyAction(what)));
      return ports.clipboard.copySecret(credentialText(what, profile, creds, ports.koocliShell));
    },
    async openConsole(profile, via) {
      const p = await core.service.getProfile(profile);
      const creds = await core.broker.getCredentials(profile, consumer(via, 'open-console'));
      const url = await consoleUrlFor(creds, p.region, ports.consoleLogin ?? defaultConsoleLogin);
      try {
        await ports.openExternal(url);
      } catch (e) {
        if (e instanceof ExternalUrlRefused) throw new AkvaultError('validation', e.message);
        throw e;
      }
    },
  };

  const handlers: Handlers = {
    getSnapshot: () => snapshot(),
    async setDefaultProfile(name) {
      await core.service.setDefaultProfile(name);
      return changed(null);
    },
    async startSession(name) {
      return changed(toSessionView(await core.broker.startSession(name)));
    },
    async stopSession(name) {
      await core.broker.stopSession(name);
      return changed(null);
    },
    async refreshNow(name) {
      const s = await core.broker.refreshNow(name);
      return changed(s ? toSessionView(s) : null);
    },
    copyToClipboard: (name, what) => actions.copy(name, what, 'ui'),
    async openConsole(name) {
      await actions.openConsole(name, 'ui');
      return null;
    },
    async addProfile(input, secrets) {
      const r = await core.service.addProfile(input as Parameters<typeof core.service.addProfile>[0], secrets as Parameters<typeof core.service.addProfile>[1]);
      return changed({ profile: await viewOf(r.profile), warnings: r.warnings.map(toAdvisoryView) });
    },
    async updateProfile(name, patch, secrets) {
      const r = await core.service.updateProfile(
        name,
        patch as Parameters<typeof core.service.updateProfile>[1],
        (secrets ?? undefined) as Parameters<typeof core.service.updateProfile>[2],
      );
      return changed({ profile: await viewOf(r.profile), warnings: r.warnings.map(toAdvisoryView) });
    },
    async removeProfile(name) {
      const r = await core.service.removeProfile(name);
      return changed({ profile: toProfileView(r.profile), removedSecrets: r.removedSecrets });
    },
    async importCsvPreview(text) {
      return previewCsvImport(text, await core.service.listProfiles());
    },
    async importCsv(text, opts) {
      const r = await core.service.importCsv(text, { ...opts, source: opts.source ?? 'the CSV text' });
      return changed(toImportReportView(r));
    },
    async updateSettings(patch) {
      const previous = core.settings.get();
      const next = await core.settings.update(patch);
      await ports.onSettingsChanged?.(next, previous);
      return changed(toSettingsView(next));
    },
    async getAuditLog(limit) {
      return (await core.audit.read(limit)).map(toAuditView).filter((e): e is AuditEntryView => e !== null);
    },
    getAlarmHistory: () => core.broker.alarmHistory().map(toAlarmView),
    async getDiagnostics() {
      if (!ports.diagnostics) throw new AkvaultError('internal', 'Diagnostics are not available here; run `akvault doctor` in a terminal.');
      return ports.diagnostics();
    },
    async setLocale(language) {
      await handlers.updateSettings({ language });
      return null;
    },
    mfaPending: () => mfa.current(),
    mfaSubmit(requestId, passcode) {
      mfa.submit(requestId, passcode);
      return null;
    },
    mfaCancel(requestId) {
      mfa.cancel(requestId);
      return null;
    },
    rotationStatus: (name) => core.rotation.status(name),
    // Every step may have switched the profile to its new key: the snapshot shows the new key ID.
    rotationStart: async (name) => changed(await core.rotation.start(name)),
    rotationContinue: async (name, confirmDeleteOld) => changed(await core.rotation.resume(name, { confirmDeleteOld })),
    rotationAbort: async (name) => changed(await core.rotation.abort(name)),
    ...vaultHandlers(core, refresh),
  };

  return {
    handlers,
    actions,
    snapshot,
    latest: () => latest,
    refresh,
    onSnapshot(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async settled() {
      while (queued) await chain;
      await chain;
    },
    dispose() {
      disposed = true;
      offBroker();
      void offVault.then((off) => off());
      listeners.clear();
    },
  };
}

function toAdvisoryView(a: Advisory): AdvisoryView {
  return { level: a.level, code: a.code, message: a.message, ...(a.field ? { field: a.field } : {}) };
}

type CoreImportReport = Awaited<ReturnType<ViewCore['service']['importCsv']>>;

/** Copies the report field by field (its messages name lines and profiles, never a key). */
function toImportReportView(r: CoreImportReport): ImportReportView {
  return {
    source: r.source,
    rows: r.rows.map((row) => ({
      line: row.line,
      status: row.status,
      ...(row.name ? { name: row.name } : {}),
      ...(row.accessKeyId ? { accessKeyId: row.accessKeyId } : {}),
      message: row.message,
      advisories: row.advisories.map(toAdvisoryView),
    })),
    counts: { ...r.counts },
  };
}

/** Audit lines come from a file anyone could edit: keep the known fields, drop a line that does not fit. */
function toAuditView(e: AuditEntry): AuditEntryView | null {
  const to = e.to as Record<string, unknown> | undefined;
  const candidate = {
    at: e.at,
    event: e.event,
    profile: e.profile,
    ...(to && typeof to === 'object'
      ? {
          to: Object.fromEntries(Object.entries(to).filter(([k, v]) => ['kind', 'action', 'command', 'client'].includes(k) && typeof v === 'string')),
        }
      : {}),
    ...(e.accessKeyId ? { accessKeyId: e.accessKeyId } : {}),
    ...(e.expiresAt ? { expiresAt: e.expiresAt } : {}),
    ...(e.code ? { code: e.code } : {}),
  };
  const parsed = AuditEntrySchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
