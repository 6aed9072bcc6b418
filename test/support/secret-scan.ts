import { promises as fsp, type Dirent } from 'node:fs';
import path from 'node:path';

/**
 * Looks for secret values in every file under a directory (recursively, following nothing outside it).
 * Each secret is searched as UTF-8, UTF-16LE and base64 (as encoded on its own, i.e. at an aligned
 * offset), so a value written in another common encoding is found too. Used at the end of integration files: after all the adds, imports and removes, no SK or
 * token may sit in plain text anywhere in the data directory.
 */
export interface SecretFinding {
  file: string;
  /** Index into the secrets array (the value itself is never reported). */
  secretIndex: number;
  encoding: 'utf8' | 'utf16le' | 'base64';
}

const MIN_SECRET_LENGTH = 8;

export async function scanForSecrets(dir: string, secrets: readonly string[]): Promise<SecretFinding[]> {
  // Short needles match by chance; a scan that could pass by accident is worthless.
  secrets.forEach((s, i) => {
    if (s.length < MIN_SECRET_LENGTH) throw new Error(`secret #${i} is shorter than ${MIN_SECRET_LENGTH} characters: too short to scan for`);
  });
  const needles = secrets.flatMap((s, secretIndex) => [
    { secretIndex, encoding: 'utf8' as const, bytes: Buffer.from(s, 'utf8') },
    { secretIndex, encoding: 'utf16le' as const, bytes: Buffer.from(s, 'utf16le') },
    { secretIndex, encoding: 'base64' as const, bytes: Buffer.from(Buffer.from(s, 'utf8').toString('base64').slice(0, -4), 'utf8') },
  ]);
  const findings: SecretFinding[] = [];
  for (const file of await listFiles(dir)) {
    const content = await fsp.readFile(file);
    for (const n of needles) if (content.includes(n.bytes)) findings.push({ file, secretIndex: n.secretIndex, encoding: n.encoding });
  }
  return findings;
}

/** Every regular file under dir (symlinks are not followed). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw e;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
