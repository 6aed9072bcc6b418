/**
 * What the tray shows at a glance, derived from the snapshot: the icon's state (idle, a session
 * running, an alarm), the tooltip (default profile and its time left, in the user's language), and
 * whether a countdown is on screen (so the adapter knows to re-render every minute).
 */
import type { ProfileView, Snapshot } from '../../preload/contract';
import type { Translator } from '../../i18n';

export type TrayStatus = 'idle' | 'active' | 'alarm';

export function trayStatus(snapshot: Snapshot | null): TrayStatus {
  if (!snapshot) return 'idle';
  if (snapshot.alarms.length > 0 || snapshot.keychain.state !== 'available') return 'alarm';
  if (snapshot.sessions.some((s) => s.state === 'failing' || s.state === 'expired')) return 'alarm';
  return snapshot.sessions.length > 0 ? 'active' : 'idle';
}

/** Pasted credentials carry their own expiry: temporary keys and IAM tokens. */
export function hasPastedExpiry(p: Pick<ProfileView, 'kind'>): boolean {
  return p.kind === 'temporary-key' || p.kind === 'token';
}

/** When the profile's keys run out: the running session's expiry, else a pasted credential's. */
export function expiryOf(snapshot: Snapshot, profile: string): number | undefined {
  const session = snapshot.sessions.find((s) => s.profile === profile);
  if (session?.expiresAt) return Date.parse(session.expiresAt);
  const p = snapshot.profiles.find((x) => x.name === profile);
  return p && hasPastedExpiry(p) && p.expiresAt ? Date.parse(p.expiresAt) : undefined;
}

export function trayTooltip(snapshot: Snapshot | null, t: Translator, now: number): string {
  if (!snapshot || !snapshot.defaultProfile) return withAlarms(t.t('tray.tooltip.noDefault'), snapshot, t);
  const profile = snapshot.defaultProfile;
  const expiry = expiryOf(snapshot, profile);
  const head =
    expiry === undefined
      ? t.t('tray.tooltip.default', { profile })
      : expiry <= now
        ? t.t('tray.tooltip.defaultExpired', { profile })
        : t.t('tray.tooltip.defaultWithTime', { profile, time: t.duration(expiry - now) });
  return withAlarms(head, snapshot, t);
}

function withAlarms(head: string, snapshot: Snapshot | null, t: Translator): string {
  const count = snapshot?.alarms.length ?? 0;
  return count > 0 ? `${head}\n${t.t('tray.tooltip.alarms', { count })}` : head;
}

/** True while some expiry is still ahead: the menu and tooltip show minutes that must tick. */
export function hasCountdown(snapshot: Snapshot | null, now: number): boolean {
  if (!snapshot) return false;
  if (snapshot.sessions.some((s) => s.expiresAt !== undefined && Date.parse(s.expiresAt) > now)) return true;
  // Every profile entry of the menu shows a pasted credential's time left, not only the default's.
  return snapshot.profiles.some((p) => hasPastedExpiry(p) && p.expiresAt !== undefined && Date.parse(p.expiresAt) > now);
}
