/**
 * The audit log: which profile's credentials were issued (fetched from IAM or a metadata service) or
 * served (handed to someone), when, and to whom. JSON lines in the data directory, 0600, rotated by
 * size. Entries are built from a closed set of fields — there is no place for a secret value to go.
 */
import { appendFile, chmod, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock';
import { errorFields, type Logger } from '../log/logger';
import type { Consumer } from './types';

export interface AuditEntry {
  at: string;
  event: 'issued' | 'served' | 'session-started' | 'session-stopped' | 'refresh-failed' | 'alarm-raised' | 'alarm-cleared';
  profile: string;
  to?: Consumer;
  /** For issued credentials: the temporary access key id (not secret) and its expiry. */
  accessKeyId?: string;
  expiresAt?: string;
  /** Error code for failures (never the message, which may quote server text). */
  code?: string;
}

export interface AuditLogOptions {
  file: string;
  clock: Clock;
  /** Rotate when the file grows past this many bytes. */
  maxBytes?: number;
  /** How many rotated files to keep (audit.log.1 … audit.log.N). */
  keep?: number;
  /** Where a failed write is reported (it never breaks the caller, but it must not vanish). */
  logger?: Logger;
}

export class AuditLog {
  private readonly maxBytes: number;
  private readonly keep: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: AuditLogOptions) {
    this.maxBytes = opts.maxBytes ?? 1024 * 1024;
    this.keep = opts.keep ?? 3;
  }

  /** Appends an entry. Writes are serialised; a failure to log never breaks the caller. */
  record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const line = JSON.stringify(sanitize({ at: new Date(this.opts.clock.now()).toISOString(), ...entry })) + '\n';
    this.chain = this.chain.then(() => this.append(line)).catch((e) => this.opts.logger?.error('audit.write-failed', { event: entry.event, ...errorFields(e) }));
    return this.chain;
  }

  /** Resolves once every entry recorded so far is written (a CLI process flushes before it exits). */
  flush(): Promise<void> {
    return this.chain;
  }

  /** The newest entries first, up to limit, across the current and rotated files. */
  async read(limit = 500): Promise<AuditEntry[]> {
    await this.chain;
    const files = [this.opts.file, ...Array.from({ length: this.keep }, (_, i) => `${this.opts.file}.${i + 1}`)];
    const out: AuditEntry[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = await readFile(f, 'utf8');
      } catch {
        continue;
      }
      const lines = text.split('\n').filter(Boolean).reverse();
      for (const l of lines) {
        try {
          out.push(JSON.parse(l) as AuditEntry);
        } catch {
          /* a torn last line after a crash: skip it */
        }
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  private async append(line: string): Promise<void> {
    const dir = path.dirname(this.opts.file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const size = await stat(this.opts.file).then((s) => s.size, () => -1);
    if (size >= 0 && size + line.length > this.maxBytes) await this.rotate();
    await appendFile(this.opts.file, line, { mode: 0o600 });
    if (size < 0) await chmod(this.opts.file, 0o600);
  }

  private async rotate(): Promise<void> {
    const f = this.opts.file;
    await unlink(`${f}.${this.keep}`).catch(() => undefined);
    for (let i = this.keep - 1; i >= 1; i--) await rename(`${f}.${i}`, `${f}.${i + 1}`).catch(() => undefined);
    await rename(f, `${f}.1`).catch(() => undefined);
  }
}

const allowed = new Set(['at', 'event', 'profile', 'to', 'accessKeyId', 'expiresAt', 'code']);

/** Drops any field outside the schema, so a caller passing a wider object cannot leak into the log. */
function sanitize(entry: AuditEntry): AuditEntry {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) if (allowed.has(k) && v !== undefined) out[k] = v;
  return out as unknown as AuditEntry;
}
