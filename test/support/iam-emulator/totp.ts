import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP (HMAC-SHA1, 30-second steps), as IAM's virtual MFA devices use, with RFC 4648 base32
 * secrets as authenticator apps show them. Test support only: the product never computes codes.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('invalid base32 character in TOTP secret');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** RFC 4226 HOTP for one counter value. */
export function hotp(key: Uint8Array, counter: number, digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

export function totp(secretBase32: string, timeMs: number, opts: { digits?: number; stepSeconds?: number } = {}): string {
  const step = opts.stepSeconds ?? 30;
  return hotp(base32Decode(secretBase32), Math.floor(timeMs / 1000 / step), opts.digits ?? 6);
}

/** Accepts the current step and `window` steps either side (clock drift between phone and server). */
export function verifyTotp(secretBase32: string, code: string, timeMs: number, window = 1): boolean {
  const key = base32Decode(secretBase32);
  const counter = Math.floor(timeMs / 1000 / 30);
  for (let d = -window; d <= window; d++) if (hotp(key, counter + d, code.length) === code) return true;
  return false;
}
