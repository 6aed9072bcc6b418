import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { AkvaultError } from '../errors';
import { discardTemp, publishTemp, writePrivateTemp } from '../fs/private-files';
import type { BackendStatus, SecretStore } from './secret-store';

/**
 * Keeps large secrets on every OS keychain.
 *
 * Windows Credential Manager refuses values over 2,560 bytes and security tokens are several KB, so a
 * value over `thresholdBytes` is encrypted with AES-256-GCM under a fresh random key. The keychain item
 * then holds only `akvault-sealed:v1:<base64 key>` and the ciphertext goes to
 * `<sealedDir>/<sha256(service, account)>.bin` (iv ‖ tag ‖ data, AAD = the account name, so a blob
 * copied onto another account does not decrypt). The file alone is useless without the keychain item.
 *
 * A value that itself starts with the marker prefix is sealed whatever its size, so reading never
 * mistakes a user's value for a marker.
 */
export const SEALED_PREFIX = 'akvault-sealed:';
const MARKER_V1 = `${SEALED_PREFIX}v1:`;
const DEFAULT_THRESHOLD_BYTES = 1000;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedStoreOptions {
  /** Directory for the ciphertext files (created 0700). */
  sealedDir: string;
  /** Keychain service name, mixed into file names so two services sharing a data dir never collide. */
  namespace: string;
  thresholdBytes?: number;
}

export class SealedSecretStore implements SecretStore {
  private readonly inner: SecretStore;
  private readonly sealedDir: string;
  readonly namespace: string;
  private readonly thresholdBytes: number;

  constructor(inner: SecretStore, opts: SealedStoreOptions) {
    this.inner = inner;
    this.sealedDir = opts.sealedDir;
    this.namespace = opts.namespace;
    this.thresholdBytes = opts.thresholdBytes ?? DEFAULT_THRESHOLD_BYTES;
  }

  /** Where the ciphertext of `account` lives (whether or not it is sealed right now). */
  blobPath(account: string): string {
    const digest = createHash('sha256').update(this.namespace).update('\0').update(account).digest('hex');
    return path.join(this.sealedDir, `${digest}.bin`);
  }

  needsSealing(value: string): boolean {
    return Buffer.byteLength(value, 'utf8') > this.thresholdBytes || value.startsWith(SEALED_PREFIX);
  }

  async get(account: string): Promise<string | null> {
    const stored = await this.inner.get(account);
    if (stored === null || !stored.startsWith(SEALED_PREFIX)) return stored;
    return this.unseal(account, stored);
  }

  async set(account: string, value: string): Promise<void> {
    const file = this.blobPath(account);
    if (!this.needsSealing(value)) {
      await this.inner.set(account, value);
      // A previous sealed value of this account is now garbage.
      await fsp.rm(file, { force: true });
      return;
    }
    const key = randomBytes(KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(account, 'utf8'));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), data]);
    // Order: ciphertext to a temp file, then the key into the keychain, then publish the file. If the
    // keychain refuses (locked, unavailable) the temp file is discarded and the old state stays whole.
    const temp = await writePrivateTemp(file, blob);
    try {
      await this.inner.set(account, `${MARKER_V1}${key.toString('base64')}`);
    } catch (e) {
      await discardTemp(temp);
      throw e;
    }
    await publishTemp(temp, file);
  }

  async delete(account: string): Promise<boolean> {
    const removed = await this.inner.delete(account);
    let blobRemoved = false;
    try {
      await fsp.unlink(this.blobPath(account));
      blobRemoved = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return removed || blobRemoved;
  }

  list(): Promise<string[]> {
    return this.inner.list();
  }

  status(): Promise<BackendStatus> {
    return this.inner.status();
  }

  private async unseal(account: string, marker: string): Promise<string> {
    const file = this.blobPath(account);
    const corrupt = (problem: string, cause?: unknown) =>
      new AkvaultError('sealed.corrupt', `The sealed secret file ${file} ${problem}.`, {
        params: { file, account },
        hint: 'The secret cannot be recovered: remove the profile and add it again with a fresh secret.',
        cause,
      });
    if (!marker.startsWith(MARKER_V1)) throw corrupt('uses a sealing format this version of akvault does not know');
    const key = Buffer.from(marker.slice(MARKER_V1.length), 'base64');
    if (key.length !== KEY_BYTES) throw corrupt('has a damaged key in the keychain');
    let blob: Buffer;
    try {
      blob = await fsp.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw corrupt('is missing', e);
      throw corrupt('cannot be read', e);
    }
    if (blob.length < IV_BYTES + TAG_BYTES) throw corrupt('is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(account, 'utf8'));
      decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (e) {
      throw corrupt('has been modified or damaged (authentication failed)', e);
    }
  }
}
