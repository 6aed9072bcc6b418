import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers and secrets for everything the emulator issues, so a run with the same
 * seed string issues the same keys (handy when a failing test is re-run). Shapes follow IAM's:
 * 20-character AKs, 40-character SKs, opaque multi-kilobyte security tokens.
 */
export class IdGenerator {
  private counter = 0;

  constructor(private readonly salt: string) {}

  private bytes(n: number): Buffer {
    const chunks: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const h = createHash('sha256').update(`${this.salt}:${this.counter++}`).digest();
      chunks.push(h);
      have += h.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  }

  private fromAlphabet(alphabet: string, n: number): string {
    return [...this.bytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
  }

  accessKeyId(): string {
    return this.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 20);
  }

  secretAccessKey(): string {
    return this.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40);
  }

  /** Longer than Windows Credential Manager's 2,560-byte item limit, as real ones can be. */
  securityToken(): string {
    return `gQpjbi1ub3J0aC00${this.bytes(2100).toString('base64')}`;
  }

  iamToken(): string {
    return `MIIt${this.bytes(1500).toString('base64').replace(/\//g, '-').replace(/\+/g, '_')}`;
  }

  hexId(): string {
    return this.bytes(16).toString('hex');
  }
}
