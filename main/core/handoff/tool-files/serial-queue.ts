/**
 * Runs one operation at a time. The broker may refresh and stop the same profile close together; each
 * writer edits its file read-modify-write, so its operations must not interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
