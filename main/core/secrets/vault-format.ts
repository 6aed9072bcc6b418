/**
 * The vault file's format, in one place: two standard age files (https://age-encryption.org/v1),
 * written and read with `age-encryption` (the reference TypeScript implementation by age's author).
 *
 * - `key.age`: a fresh X25519 age identity (`AGE-SECRET-KEY-1…`, the vault's data key), encrypted to
 *   the passphrase with age's scrypt recipient (N = 2^logN, r = 8, p = 1; logN = 18 by default, as the
 *   `age` tool uses). This is the only place the passphrase is used, so the KDF runs once per unlock.
 * - `secrets.age`: the JSON document `{"version":1,"secrets":{account: value}}`, encrypted to that
 *   identity's public recipient (X25519 + ChaCha20-Poly1305). Rewriting it costs no KDF.
 *
 * In an emergency the standard tool opens both: `age -d key.age > id.txt && age -d -i id.txt secrets.age`.
 */
import type * as AgeEncryption from 'age-encryption';
import { AkvaultError } from '../errors';

export const DEFAULT_SCRYPT_LOG_N = 18;
/** Accepted on creation; the `age` tool itself refuses files above 22 by default. */
export const MIN_SCRYPT_LOG_N = 10;
export const MAX_SCRYPT_LOG_N = 22;

export interface VaultDocument {
  version: 1;
  secrets: Record<string, string>;
}

type AgeModule = typeof AgeEncryption;
let ageModule: Promise<AgeModule> | undefined;
function loadAge(): Promise<AgeModule> {
  // Loaded on first use: commands that never touch a secret do not parse the crypto code.
  ageModule ??= import('age-encryption');
  return ageModule;
}

/** A new random data key: an age X25519 identity and its recipient. */
export async function newDataKey(): Promise<{ identity: string; recipient: string }> {
  const age = await loadAge();
  const identity = await age.generateX25519Identity();
  return { identity, recipient: await age.identityToRecipient(identity) };
}

export async function recipientOf(identity: string): Promise<string> {
  return (await loadAge()).identityToRecipient(identity);
}

export async function wrapDataKey(identity: string, passphrase: string, logN: number): Promise<Uint8Array> {
  const age = await loadAge();
  const e = new age.Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(logN);
  const created = new Date().toISOString().slice(0, 10);
  return e.encrypt(`# akvault vault data key (age identity), created ${created}\n${identity}\n`);
}

/**
 * The data key from `key.age`. A passphrase that does not open it is `vault.passphrase`; anything
 * that is not an age scrypt file holding an identity is `vault.corrupt`.
 */
export async function unwrapDataKey(file: string, bytes: Uint8Array, passphrase: string): Promise<string> {
  const age = await loadAge();
  const d = new age.Decrypter();
  d.addPassphrase(passphrase);
  let text: string;
  try {
    text = await d.decrypt(bytes, 'text');
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    // age-encryption's wording when the scrypt stanza's key does not unwrap the file key.
    if (/no identity matched/i.test(msg)) {
      throw new AkvaultError('vault.passphrase', 'Wrong vault passphrase: it does not open the vault.', {
        params: { file },
        hint: 'Type it again (it is case-sensitive), or check AKVAULT_VAULT_PASSPHRASE. Nothing was changed.',
      });
    }
    throw vaultCorrupt(file, 'is not a readable age file', e);
  }
  const identity = text.split(/\r?\n/).find((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (!identity) throw vaultCorrupt(file, 'does not hold an age identity');
  return identity.trim();
}

export async function sealDocument(recipient: string, doc: VaultDocument): Promise<Uint8Array> {
  const age = await loadAge();
  const e = new age.Encrypter();
  e.addRecipient(recipient);
  return e.encrypt(JSON.stringify(doc));
}

export async function openDocument(file: string, bytes: Uint8Array, identity: string): Promise<VaultDocument> {
  const age = await loadAge();
  const d = new age.Decrypter();
  d.addIdentity(identity);
  let text: string;
  try {
    text = await d.decrypt(bytes, 'text');
  } catch (e) {
    throw vaultCorrupt(file, 'cannot be decrypted with this vault\'s key (damaged, truncated or from another vault)', e);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw vaultCorrupt(file, 'decrypts to something that is not a vault document', e);
  }
  const d2 = doc as Partial<VaultDocument>;
  if (d2?.version !== 1 || typeof d2.secrets !== 'object' || d2.secrets === null || Object.values(d2.secrets).some((v) => typeof v !== 'string')) {
    throw vaultCorrupt(file, 'holds a vault document this version of akvault does not know');
  }
  return { version: 1, secrets: { ...d2.secrets } };
}

export function vaultCorrupt(file: string, problem: string, cause?: unknown): AkvaultError {
  return new AkvaultError('vault.corrupt', `The vault file ${file} ${problem}.`, {
    params: { file },
    hint: 'akvault will not overwrite it. Restore the file from a backup, or move the vault folder aside to start a new (empty) vault and add the profiles\' secrets again.',
    ...(cause === undefined ? {} : { cause }),
  });
}
