/**
 * Alarms raised when a session's background refresh fails, cleared by the next success — like a
 * monitoring alarm. One alarm per profile; repeated failures update it (count, last failure time,
 * latest message) instead of raising a new one.
 */
export interface Alarm {
  profile: string;
  /** What failed: a refresh of a started session, or an expiry with nothing to renew it. */
  kind: 'refresh-failed' | 'expired';
  code: string;
  message: string;
  firstFailureAt: string;
  lastFailureAt: string;
  failures: number;
}

export type AlarmChange = { type: 'raised'; alarm: Alarm } | { type: 'updated'; alarm: Alarm } | { type: 'cleared'; alarm: Alarm; clearedAt: string };

export class Alarms {
  private active = new Map<string, Alarm>();
  private history: Array<Alarm & { clearedAt?: string }> = [];

  constructor(private readonly historyLimit = 200) {}

  fail(profile: string, kind: Alarm['kind'], code: string, message: string, at: string): AlarmChange {
    const existing = this.active.get(profile);
    if (existing) {
      const alarm = { ...existing, kind, code, message, lastFailureAt: at, failures: existing.failures + 1 };
      this.active.set(profile, alarm);
      return { type: 'updated', alarm };
    }
    const alarm: Alarm = { profile, kind, code, message, firstFailureAt: at, lastFailureAt: at, failures: 1 };
    this.active.set(profile, alarm);
    return { type: 'raised', alarm };
  }

  /** Clears the profile's alarm, if any. Returns the change, or null when nothing was raised. */
  recover(profile: string, at: string): AlarmChange | null {
    const alarm = this.active.get(profile);
    if (!alarm) return null;
    this.active.delete(profile);
    this.history.unshift({ ...alarm, clearedAt: at });
    this.history.length = Math.min(this.history.length, this.historyLimit);
    return { type: 'cleared', alarm, clearedAt: at };
  }

  get(profile: string): Alarm | undefined {
    return this.active.get(profile);
  }

  list(): Alarm[] {
    return [...this.active.values()];
  }

  /** Cleared alarms, newest first, plus the active ones on top. */
  recent(): Array<Alarm & { clearedAt?: string }> {
    return [...this.list(), ...this.history];
  }
}
