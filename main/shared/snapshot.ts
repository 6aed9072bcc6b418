/**
 * Builds the snapshot every page and the tray render from: profile views, sessions, alarms, the
 * default profile, settings, helper and keychain status, locale. Each part is copied field by field
 * into its view shape, so nothing the core adds to its own objects later rides along unnoticed.
 */
import type { AlarmView, BackendStatusView, SessionView, SettingsView, Snapshot } from '../../preload/contract';
import type { AppCore } from '../core/app-core';
import type { BackendStatus } from '../core/secrets/secret-store';
import type { Alarm } from '../core/sessions/alarms';
import type { SessionView as CoreSessionView } from '../core/sessions/events';
import type { Settings } from '../core/settings';
import type { HelperStatusSource, LocaleSource } from './ports';
import { toProfileViews } from './profile-view';
import { vaultStatusOf, type VaultCore } from './vault-view';

export type SnapshotCore = Pick<AppCore, 'service' | 'broker' | 'settings' | 'toolFileProblems'> & VaultCore;

export function toSessionView(s: CoreSessionView): SessionView {
  return {
    profile: s.profile,
    kind: s.kind,
    state: s.state,
    ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
    ...(s.lastRefreshAt ? { lastRefreshAt: s.lastRefreshAt } : {}),
    ...(s.nextRefreshAt ? { nextRefreshAt: s.nextRefreshAt } : {}),
  };
}

export function toAlarmView(a: Alarm & { clearedAt?: string }): AlarmView {
  return {
    profile: a.profile,
    kind: a.kind,
    code: a.code,
    message: a.message,
    firstFailureAt: a.firstFailureAt,
    lastFailureAt: a.lastFailureAt,
    failures: a.failures,
    ...(a.clearedAt ? { clearedAt: a.clearedAt } : {}),
  };
}

export function toSettingsView(s: Settings): SettingsView {
  return {
    refreshMarginSeconds: s.refreshMarginSeconds,
    clipboardClearSeconds: s.clipboardClearSeconds,
    defaultDurationSeconds: s.defaultDurationSeconds,
    helperEnabled: s.helperEnabled,
    helperPort: s.helperPort,
    launchAtLogin: s.launchAtLogin,
    theme: s.theme,
    language: s.language,
    notifyBeforeExpiryMinutes: s.notifyBeforeExpiryMinutes,
  };
}

export function toBackendView(k: BackendStatus): BackendStatusView {
  return k.state === 'available' ? { state: 'available', backend: k.backend } : { state: k.state, backend: k.backend, message: k.message };
}

/** Everything but the version, which the caller assigns in the order snapshots are published. */
export async function buildSnapshot(core: SnapshotCore, helper: HelperStatusSource, locale: LocaleSource): Promise<Omit<Snapshot, 'version'>> {
  const [profiles, defaultProfile, keychain, vault] = await Promise.all([
    // The broker's index: in long-running hosts it is cached and dropped on every edit (in-process
    // through the app core, by other processes through the file watch), so a snapshot never re-reads
    // and re-validates the whole profiles file.
    core.broker.index.all(),
    core.service.getDefaultProfile(),
    core.service.keychainStatus(),
    vaultStatusOf(core),
  ]);
  return {
    profiles: toProfileViews(profiles),
    defaultProfile,
    keychain: toBackendView(keychain),
    ...(vault ? { vault } : {}),
    sessions: core.broker.sessionViews().map(toSessionView),
    alarms: core.broker.alarmList().map(toAlarmView),
    settings: toSettingsView(core.settings.get()),
    helper: helper.status(),
    locale: locale.current(),
    toolFileProblems: [...core.toolFileProblems].map(([profile, p]) => ({ profile, tool: p.tool, code: p.code, message: p.message })),
  };
}
