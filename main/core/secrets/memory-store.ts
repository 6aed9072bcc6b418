import { AkvaultError } from '../errors';
import type { BackendStatus, SecretStore } from './secret-store';

/**
 * An in-memory SecretStore for unit tests and for trying the CLI without a keychain.
 *
 * `maxValueBytes` emulates a backend that refuses large values (Windows Credential Manager stops at
 * 2,560 bytes), so tests can prove the sealed store keeps big secrets out of such a backend.
 */
export class MemorySecretStore implements SecretStore {
  private readonly items = new Map<string, string>();
  private readonly maxValueBytes: number | undefined;

  constructor(opts: { maxValueBytes?: number } = {}) {
    this.maxValueBytes = opts.maxValueBytes;
  }

  async get(account: string): Promise<string | null> {
    return this.items.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    if (this.maxValueBytes !== undefined && Buffer.byteLength(value, 'utf8') > this.maxValueBytes) {
      throw new AkvaultError('keychain.failed', `The keychain refused a value larger than ${this.maxValueBytes} bytes.`, {
        params: { account, limit: this.maxValueBytes },
      });
    }
    this.items.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return this.items.delete(account);
  }

  async list(): Promise<string[]> {
    return [...this.items.keys()];
  }

  async status(): Promise<BackendStatus> {
    return { state: 'available', backend: 'memory' };
  }

  /** Test helper: how many items are held. */
  get size(): number {
    return this.items.size;
  }
}
