/**
 * What the broker tells the tray, the window and the browser UI. Events carry names, kinds, expiries
 * and messages — never a secret value (a unit test serialises every event and checks).
 */
import type { Alarm } from './alarms';

export type SessionState = 'active' | 'refreshing' | 'failing' | 'expired';

export interface SessionView {
  profile: string;
  kind: string;
  state: SessionState;
  /** ISO-8601; absent for permanent keys. */
  expiresAt?: string;
  lastRefreshAt?: string;
  nextRefreshAt?: string;
}

export type BrokerEvent =
  | { type: 'session-started'; session: SessionView }
  | { type: 'session-updated'; session: SessionView }
  | { type: 'session-stopped'; profile: string; kind: string }
  | { type: 'alarm-raised'; alarm: Alarm }
  | { type: 'alarm-updated'; alarm: Alarm }
  | { type: 'alarm-cleared'; alarm: Alarm; clearedAt: string }
  | { type: 'mfa-needed'; profile: string; account: string; userName: string };

export type BrokerListener = (event: BrokerEvent) => void;

export class EventHub {
  private listeners = new Set<BrokerListener>();

  on(listener: BrokerListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(event: BrokerEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A broken listener must not stop the broker or the other listeners.
      }
    }
  }
}
