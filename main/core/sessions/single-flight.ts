/**
 * At most one run per key at a time: callers that arrive while a run is in flight share its promise.
 * This is what turns 1,000 concurrent requests for a cold agency profile into one IAM call.
 */
export class SingleFlight<T> {
  private inflight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.inflight.get(key);
    if (existing) return existing;
    const p = (async () => {
      try {
        return await work();
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, p);
    return p;
  }

  isRunning(key: string): boolean {
    return this.inflight.has(key);
  }
}
