/**
 * Faults a test can make an endpoint produce, each for a number of calls:
 * - `latency`: answer normally, `ms` later;
 * - `status`: answer this status (429 with Retry-After, 500, 503…) with an error body, doing nothing;
 * - `timeout`: never answer (the socket stays open until the client gives up or the emulator closes);
 * - `malformed-json`: answer `status` (200 by default) with a truncated JSON body;
 * - `reset`: drop the connection without an answer, before acting on the request;
 * - `drop-answer`: act on the request, then drop the connection instead of answering (a lost answer).
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: number | string; body?: unknown }
  | { kind: 'timeout' }
  | { kind: 'malformed-json'; status?: number }
  | { kind: 'reset' }
  | { kind: 'drop-answer' };

export type RouteName =
  | 'securitytokens'
  | 'tokens'
  | 'credentials.list'
  | 'credentials.create'
  | 'credentials.show'
  | 'credentials.update'
  | 'credentials.delete'
  | 'caller-identity'
  | 'auth-domains'
  | 'logintokens'
  | 'sts-assume'
  | 'unknown';

interface Armed {
  route: RouteName | '*';
  fault: Fault;
  remaining: number;
}

export class FaultPlan {
  private armed: Armed[] = [];

  /** Arms a fault; `times` defaults to every call until cleared. */
  inject(route: RouteName | '*', fault: Fault, times = Number.POSITIVE_INFINITY): void {
    if (!(times > 0)) throw new Error('times must be positive');
    this.armed.push({ route, fault, remaining: times });
  }

  /** The fault this call gets (first armed, first used), if any; uses one of its times. */
  take(route: RouteName): Fault | undefined {
    const entry = this.armed.find((a) => a.route === route || a.route === '*');
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.armed = this.armed.filter((a) => a !== entry);
    return entry.fault;
  }

  clear(): void {
    this.armed = [];
  }
}
