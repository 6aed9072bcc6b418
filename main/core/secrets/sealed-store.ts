import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { AkvaultError } from '../errors';
import { publishTemp, writePrivateTemp } from '../fs/private-files';
import type { BackendStatus, SecretStore } from './secret-store';

/**
 * Keeps large secrets on every OS keychain.
 *
 * Windows Credential Manager refuses values over 2,560 bytes and security tokens are several KB, so a
 * value over `thresholdBytes` is encrypted with AES-256-GCM under a fresh random key. The keychain item
 * then holds only `akvault-sealed:v2:<base64 key>:<blob id>` and the ciphertext goes to
 * `<sealedDir>/<sha256(service, account)>-<blob id>.bin` (iv ‖ tag ‖ data, AAD = the account name, so a
 * blob copied onto another account does not decrypt). The file alone is useless without the keychain item.
 *
 * Every write gets a new blob id: the new file is complete before the keychain points at it, and the old
 * file is removed only after. A crash at any step leaves either the old or the new value readable (at
 * worst an orphaned file), which matters because session caches are rewritten on every refresh.
 * (v1 markers, `akvault-sealed:v1:<key>` with the blob at `<digest>.bin`, are still read.)
 *
 * A value that itself starts with the marker prefix is sealed whatever its size, so reading never
 * mistakes a user's value for a marker.
 */
export const SEALED_PREFIX = 'akvault-sealed:';
const MARKER_V1 = `${SEALED_PREFIX}v1:`;
const MARKER_V2 = `${SEALED_PREFIX}v2:`;
const BLOB_ID_BYTES = 8;
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

  private digest(account: string): string {
    return createHash('sha256').update(this.namespace).update('\0').update(account).digest('hex');
  }

  /** Where a v1 marker's ciphertext lives (one fixed file per account). */
  legacyBlobPath(account: string): string {
    return path.join(this.sealedDir, `${this.digest(account)}.bin`);
  }

  private blobPathFor(account: string, blobId: string): string {
    return path.join(this.sealedDir, `${this.digest(account)}-${blobId}.bin`);
  }

  /** The file holding `account`'s ciphertext now, or null when the value is not sealed. */
  async blobPathOf(account: string): Promise<string | null> {
    const stored = await this.inner.get(account);
    return stored === null ? null : this.blobOfMarker(account, stored);
  }

  private blobOfMarker(account: string, stored: string): string | null {
    if (stored.startsWith(MARKER_V2)) {
      const id = stored.slice(MARKER_V2.length).split(':')[1];
      return id && /^[0-9a-f]+$/.test(id) ? this.blobPathFor(account, id) : null;
    }
    return stored.startsWith(MARKER_V1) ? this.legacyBlobPath(account) : null;
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
    const previous = await this.inner.get(account);
    const oldBlob = previous === null ? null : this.blobOfMarker(account, previous);
    if (!this.needsSealing(value)) {
      await this.inner.set(account, value);
      if (oldBlob) await fsp.rm(oldBlob, { force: true });
      return;
    }
    const key = randomBytes(KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const blobId = randomBytes(BLOB_ID_BYTES).toString('hex');
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(account, 'utf8'));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), data]);
    // Order: the new ciphertext is published under a new name, then the keychain points at it, then the
    // old file goes. If the keychain refuses (locked, unavailable) the new file is removed and the old
    // state stays whole.
    const file = this.blobPathFor(account, blobId);
    await publishTemp(await writePrivateTemp(file, blob), file);
    try {
      await this.inner.set(account, `${MARKER_V2}${key.toString('base64')}:${blobId}`);
    } catch (e) {
      await fsp.rm(file, { force: true });
      throw e;
    }
    if (oldBlob) await fsp.rm(oldBlob, { force: true });
  }

  async delete(account: string): Promise<boolean> {
    const stored = await this.inner.get(account);
    const blob = stored === null ? null : this.blobOfMarker(account, stored);
    const removed = await this.inner.delete(account);
    let blobRemoved = false;
    for (const file of new Set([blob, this.legacyBlobPath(account)])) {
      if (!file) continue;
      try {
        await fsp.unlink(file);
        blobRemoved = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
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
    const file = this.blobOfMarker(account, marker) ?? this.legacyBlobPath(account);
    const corrupt = (problem: string, cause?: unknown) =>
      new AkvaultError('sealed.corrupt', `The sealed secret file ${file} ${problem}.`, {
        params: { file, account },
        hint: 'The secret cannot be recovered: remove the profile and add it again with a fresh secret.',
        cause,
      });
    let keyText: string;
    if (marker.startsWith(MARKER_V2)) keyText = marker.slice(MARKER_V2.length).split(':')[0] ?? '';
    else if (marker.startsWith(MARKER_V1)) keyText = marker.slice(MARKER_V1.length);
    else throw corrupt('uses a sealing format this version of akvault does not know');
    const key = Buffer.from(keyText, 'base64');
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
