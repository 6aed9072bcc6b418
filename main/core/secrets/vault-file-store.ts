import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { AkvaultError } from '../errors';
import { withFileLock } from '../fs/file-lock';
import { ensurePrivateDir, exists, writePrivateFileAtomic } from '../fs/private-files';
import type { BackendStatus, SecretStore } from './secret-store';
import {
  DEFAULT_SCRYPT_LOG_N,
  newDataKey,
  openDocument,
  recipientOf,
  sealDocument,
  unwrapDataKey,
  wrapDataKey,
  type VaultDocument,
} from './vault-format';

/**
 * The secret store for machines without an OS keychain (headless Linux, WSL, SSH hosts): one
 * passphrase-encrypted vault in `<dataDir>/vault/` (format: vault-format.ts).
 *
 * Unlocking runs scrypt once and keeps the data key and the decrypted secrets in this process's memory
 * until lock() (or the idle timer) drops them; reads and writes never run the KDF. Every write is a
 * read-modify-write of `secrets.age` under the same cross-process lock as the profiles file, replaced
 * atomically (temp + fsync + rename, 0600), so a SIGKILL at any moment leaves the old or the new vault.
 * Writes that arrive while one is in flight are applied together in the next write. Another process's
 * write is noticed by the file's identity (inode, size, mtime) and read again before use.
 *
 * A vault that does not decrypt is reported (`vault.corrupt`) and never written over: the store stays
 * locked. Large values need no sealing here (the vault has no size limit), so nothing ever goes to the
 * OS keychain.
 */
export type VaultState = 'absent' | 'locked' | 'unlocked';

/** Asks for the passphrase when a secret is needed and the vault is locked (CLI: env or hidden prompt). */
export type PassphraseSource = (purpose: 'unlock' | 'create') => Promise<string>;

export interface VaultFileStoreOptions {
  /** `<dataDir>/vault`. */
  dir: string;
  /** The profiles file: writes hold its lock, so the app and the CLI never interleave. */
  lockFile: string;
  passphrase?: PassphraseSource;
  /** scrypt work factor for new vaults and passphrase changes (log2 N). */
  scryptLogN?: number;
  /** Drop the key after this long without use (0 = never). Long-running hosts set it from settings. */
  idleLockMs?: number;
}

export const VAULT_BACKEND = 'vault-file';
const MIN_PASSPHRASE_LENGTH = 8;

interface Unlocked {
  identity: string;
  recipient: string;
  doc: VaultDocument;
  /** inode:size:mtime of secrets.age when doc was read ('' = no file yet). */
  seen: string;
}

interface PendingWrite {
  apply: (secrets: Record<string, string>) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class VaultFileSecretStore implements SecretStore {
  readonly dir: string;
  readonly keyFile: string;
  readonly secretsFile: string;
  private readonly lockFile: string;
  private readonly source: PassphraseSource | undefined;
  private readonly logN: number;
  private idleLockMs: number;
  private open: Unlocked | null = null;
  private unlocking: Promise<void> | null = null;
  /** A passphrase-source unlock that failed (wrong passphrase, none available): asked once per process, not per secret. */
  private sourceFailure: unknown = null;
  private pending: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(state: VaultState) => void>();

  constructor(opts: VaultFileStoreOptions) {
    this.dir = opts.dir;
    this.keyFile = path.join(opts.dir, 'key.age');
    this.secretsFile = path.join(opts.dir, 'secrets.age');
    this.lockFile = opts.lockFile;
    this.source = opts.passphrase;
    this.logN = opts.scryptLogN ?? DEFAULT_SCRYPT_LOG_N;
    this.idleLockMs = opts.idleLockMs ?? 0;
  }

  // ---- lock state -------------------------------------------------------------------------------

  async state(): Promise<VaultState> {
    if (this.open) return 'unlocked';
    return (await exists(this.keyFile)) ? 'locked' : 'absent';
  }

  get isUnlocked(): boolean {
    return this.open !== null;
  }

  /** Called with the new state after create, unlock and lock (also the idle lock). */
  onStateChange(listener: (state: VaultState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setIdleLockMs(ms: number): void {
    this.idleLockMs = ms;
    this.touch();
  }

  /** Creates an empty vault protected by `passphrase`; refused when one exists. */
  async create(passphrase: string): Promise<void> {
    checkNewPassphrase(passphrase);
    await withFileLock(this.lockFile, async (assertHeld) => {
      if (await exists(this.keyFile)) {
        throw new AkvaultError('vault.exists', `A vault already exists in ${this.dir}.`, {
          params: { dir: this.dir },
          hint: 'Unlock it with its passphrase instead.',
        });
      }
      await ensurePrivateDir(this.dir);
      const key = await newDataKey();
      const wrapped = await wrapDataKey(key.identity, passphrase, this.logN);
      const doc: VaultDocument = { version: 1, secrets: {} };
      const sealed = await sealDocument(key.recipient, doc);
      assertHeld();
      // secrets.age first: a crash before key.age leaves no vault (an orphan secrets.age is replaced on the next create).
      await writePrivateFileAtomic(this.secretsFile, Buffer.from(sealed));
      await writePrivateFileAtomic(this.keyFile, Buffer.from(wrapped));
      this.open = { identity: key.identity, recipient: key.recipient, doc, seen: await fileIdentity(this.secretsFile) };
    });
    this.changed('unlocked');
  }

  /** Opens the vault. Wrong passphrase: `vault.passphrase`; damaged files: `vault.corrupt`. Writes nothing. */
  async unlock(passphrase: string): Promise<void> {
    const bytes = await this.readKeyFile();
    const identity = await unwrapDataKey(this.keyFile, bytes, passphrase);
    const recipient = await recipientOf(identity);
    const { doc, seen } = await this.readDocument(identity);
    this.open = { identity, recipient, doc, seen };
    this.changed('unlocked');
  }

  /** Forgets the key and every decrypted secret held in memory. */
  lock(): void {
    if (!this.open) return;
    this.open = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.changed('locked');
  }

  /** Re-encrypts the data key under a new passphrase (the secrets file stays as it is). */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkNewPassphrase(next);
    await withFileLock(this.lockFile, async (assertHeld) => {
      const identity = await unwrapDataKey(this.keyFile, await this.readKeyFile(), current);
      const wrapped = await wrapDataKey(identity, next, this.logN);
      assertHeld();
      await writePrivateFileAtomic(this.keyFile, Buffer.from(wrapped));
    });
  }

  // ---- SecretStore ------------------------------------------------------------------------------

  async get(account: string): Promise<string | null> {
    if (!(await this.ready(false))) return null;
    await this.refresh();
    return this.open!.doc.secrets[account] ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    await this.ready(true);
    await this.write((s) => {
      s[account] = value;
    });
  }

  async delete(account: string): Promise<boolean> {
    if (!(await this.ready(false))) return false;
    await this.refresh();
    if (!(account in this.open!.doc.secrets)) return false;
    return (await this.write((s) => {
      const had = account in s;
      delete s[account];
      return had;
    })) as boolean;
  }

  async list(): Promise<string[]> {
    if (!(await this.ready(false))) return [];
    await this.refresh();
    return Object.keys(this.open!.doc.secrets);
  }

  /**
   * Unlocked: available. Locked with a passphrase source (the CLI): unlocks now, so a command that checks
   * the store before changing anything asks once, up front. Locked otherwise (app, serve): locked, with
   * what to do.
   */
  async status(): Promise<BackendStatus> {
    if (this.open) return { state: 'available', backend: VAULT_BACKEND };
    const state = await this.state();
    if (this.source) {
      await this.ready(state === 'absent');
      return { state: 'available', backend: VAULT_BACKEND };
    }
    return {
      state: 'locked',
      backend: VAULT_BACKEND,
      message: state === 'absent' ? 'The secrets vault has not been created yet.' : 'The secrets vault is locked.',
    };
  }

  // ---- internals --------------------------------------------------------------------------------

  /**
   * Makes sure the vault is open. Returns false when there is no vault and `create` is false (reads of
   * a vault that does not exist find nothing, without asking for a passphrase).
   */
  private async ready(create: boolean): Promise<boolean> {
    this.touch();
    if (this.open) return true;
    if (this.unlocking) {
      await this.unlocking;
      if (this.open) return true;
    }
    const state = await this.state();
    if (state === 'absent' && !create) return false;
    if (!this.source) throw this.lockedError(state);
    if (this.sourceFailure) throw this.sourceFailure;
    this.unlocking ??= (async () => {
      try {
        if (state === 'absent') await this.create(await this.source!('create'));
        else await this.unlock(await this.source!('unlock'));
      } catch (e) {
        this.sourceFailure = e;
        throw e;
      } finally {
        this.unlocking = null;
      }
    })();
    await this.unlocking;
    return this.open !== null;
  }

  private lockedError(state: VaultState): AkvaultError {
    if (state === 'absent') {
      return new AkvaultError('vault.missing', 'The secrets vault has not been created yet.', {
        hint: 'Create it: in the akvault window or browser page, or with `akvault unlock` (asks for a new passphrase twice).',
      });
    }
    return new AkvaultError('vault.locked', 'The secrets vault is locked.', {
      hint: 'Unlock it in the akvault window or browser page, or with `akvault unlock`.',
    });
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.idleLockMs > 0 && this.open) {
      this.idleTimer = setTimeout(() => this.lock(), this.idleLockMs);
      this.idleTimer.unref?.();
    }
  }

  private changed(state: VaultState): void {
    if (state === 'unlocked') this.touch();
    for (const l of this.listeners) l(state);
  }

  private async readKeyFile(): Promise<Uint8Array> {
    try {
      return await fsp.readFile(this.keyFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw this.lockedError('absent');
      throw new AkvaultError('store.io', `Cannot read ${this.keyFile}.`, { params: { file: this.keyFile }, cause: e });
    }
  }

  private async readDocument(identity: string): Promise<{ doc: VaultDocument; seen: string }> {
    let bytes: Buffer;
    let seen: string;
    try {
      const handle = await fsp.open(this.secretsFile, 'r');
      try {
        const st = await handle.stat();
        seen = `${st.ino}:${st.size}:${st.mtimeMs}`;
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (e) {
      // key.age without secrets.age: a creation that stopped halfway, i.e. an empty vault.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { doc: { version: 1, secrets: {} }, seen: '' };
      throw new AkvaultError('store.io', `Cannot read ${this.secretsFile}.`, { params: { file: this.secretsFile }, cause: e });
    }
    return { doc: await openDocument(this.secretsFile, bytes, identity), seen };
  }

  /** Reads secrets.age again when another process replaced it since we last read it. */
  private async refresh(): Promise<void> {
    const open = this.open!;
    if ((await fileIdentity(this.secretsFile)) === open.seen) return;
    const next = await this.readDocument(open.identity);
    if (this.open === open) Object.assign(open, next);
  }

  private write(apply: (secrets: Record<string, string>) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.push({ apply, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const open = this.open;
        if (!open) throw this.lockedError('locked');
        const results = await withFileLock(this.lockFile, async (assertHeld) => {
          // Unchanged since we read it: work on a copy of what we hold; else read what the other process wrote.
          const doc =
            (await fileIdentity(this.secretsFile)) === open.seen && open.seen !== ''
              ? { version: 1 as const, secrets: { ...open.doc.secrets } }
              : (await this.readDocument(open.identity)).doc;
          const out = batch.map((w) => w.apply(doc.secrets));
          const sealed = await sealDocument(open.recipient, doc);
          assertHeld();
          await writePrivateFileAtomic(this.secretsFile, Buffer.from(sealed));
          open.doc = doc;
          open.seen = await fileIdentity(this.secretsFile);
          return out;
        });
        batch.forEach((w, i) => w.resolve(results[i]));
      } catch (e) {
        batch.forEach((w) => w.reject(e));
      }
    }
    this.flushing = null;
  }
}

function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AkvaultError('usage', `The vault passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      hint: 'Use several random words or a long random string: anyone who copies the vault file can try passphrases offline.',
    });
  }
}

async function fileIdentity(file: string): Promise<string> {
  try {
    const st = await fsp.stat(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return '';
  }
}
