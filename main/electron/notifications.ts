/**
 * Desktop notifications, in the user's language: an alarm raised or cleared, an MFA passcode needed
 * (clicking opens the prompt), a tray action that failed, and — once per expiry — pasted temporary
 * keys about to expire, which akvault cannot renew (`notifyBeforeExpiryMinutes` ahead; 0 = never).
 * Texts come from the catalogue; messages inside them are the core's, which never quote a secret.
 */
import type { Snapshot } from '../../preload/contract';
import type { Translator } from '../../i18n';
import type { BrokerEvent } from '../core/sessions/events';

export interface NotificationSpec {
  title: string;
  body: string;
  onClick?: () => void;
}

/** Shows one notification (Electron's Notification, or a fake in tests). */
export type ShowNotification = (n: NotificationSpec) => void;

export interface NotifierDeps {
  show: ShowNotification;
  translator: () => Translator;
  /** Opens (or focuses) the MFA prompt. */
  openMfaPrompt: () => void;
  now?: () => number;
}

/** Kinds akvault cannot renew on its own: their keys were pasted with a fixed expiry. */
const NOT_RENEWABLE = new Set(['temporary-key']);

export class Notifier {
  private readonly warned = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: Snapshot | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: NotifierDeps) {
    this.now = deps.now ?? Date.now;
  }

  onBrokerEvent(e: BrokerEvent): void {
    const { t } = this.deps.translator();
    switch (e.type) {
      case 'alarm-raised':
        this.deps.show({
          title: t('notify.alarmRaised.title', { profile: e.alarm.profile }),
          body: t(e.alarm.kind === 'expired' ? 'notify.alarmRaised.expired' : 'notify.alarmRaised.refreshFailed', { message: e.alarm.message }),
        });
        return;
      case 'alarm-cleared':
        this.deps.show({ title: t('notify.alarmCleared.title', { profile: e.alarm.profile }), body: t('notify.alarmCleared.body', { profile: e.alarm.profile }) });
        return;
      case 'mfa-needed':
        this.deps.show({
          title: t('notify.mfa.title'),
          body: t('notify.mfa.body', { profile: e.profile, account: e.account, userName: e.userName }),
          onClick: () => this.deps.openMfaPrompt(),
        });
        return;
      default:
        return;
    }
  }

  actionFailed(message: string): void {
    this.deps.show({ title: this.deps.translator().t('notify.actionFailed.title'), body: message });
  }

  /** Re-plans the expiry warnings from a new snapshot: warns now for what is due, sets a timer for the next. */
  onSnapshot(snapshot: Snapshot): void {
    this.latest = snapshot;
    this.plan();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private plan(): void {
    this.dispose();
    const s = this.latest;
    if (!s) return;
    const leadMs = s.settings.notifyBeforeExpiryMinutes * 60_000;
    if (leadMs <= 0) return;
    const now = this.now();
    let next = Infinity;
    for (const session of s.sessions) {
      if (!NOT_RENEWABLE.has(session.kind) || !session.expiresAt) continue;
      const expiresAt = Date.parse(session.expiresAt);
      const key = `${session.profile}@${session.expiresAt}`;
      if (expiresAt <= now || this.warned.has(key)) continue;
      const warnAt = expiresAt - leadMs;
      if (warnAt <= now) {
        this.warned.add(key);
        const { t, duration } = this.deps.translator();
        this.deps.show({ title: t('notify.expiring.title', { profile: session.profile }), body: t('notify.expiring.body', { time: duration(expiresAt - now) }) });
      } else {
        next = Math.min(next, warnAt);
      }
    }
    if (next !== Infinity) {
      this.timer = setTimeout(() => this.plan(), next - now);
      this.timer.unref?.();
    }
  }
}
