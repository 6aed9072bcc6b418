/**
 * The checks that look only at this machine: the secret store, the data directory's permissions, the
 * profiles file and its backup, helper.json, proxy settings, tool files and versions.
 */
import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';
import { dataFiles } from '../paths';
import { readHelperFile, type HelperInfo } from '../helper/helper-file';
import type { BackendStatus } from '../secrets/secret-store';
import type { ToolFileWriter } from '../handoff/tool-files';
import type { Check } from './types';

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await fsp.stat(file);
  } catch {
    return null;
  }
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

export async function checkSecrets(status: () => Promise<BackendStatus>): Promise<Check> {
  let s: BackendStatus;
  try {
    s = await status();
  } catch (e) {
    s = { state: 'unavailable', backend: 'unknown', message: (e as Error).message ?? 'The secret store did not answer.' };
  }
  if (s.state === 'available') return { id: 'secrets', status: 'ok', summary: `${s.backend} is available.`, details: { backend: s.backend, state: s.state } };
  return {
    id: 'secrets',
    status: 'fail',
    summary: `The secret store (${s.backend}) is ${s.state}: akvault cannot read or keep keys.`,
    // The store's own message already says what to do on this platform.
    fix: s.message,
    details: { backend: s.backend, state: s.state },
  };
}

export async function checkDataDir(dataDir: string, platform: NodeJS.Platform): Promise<Check> {
  const st = await statOrNull(dataDir);
  if (!st) return { id: 'data-dir', status: 'info', summary: `${dataDir} does not exist yet (created with the first profile).`, details: { path: dataDir } };
  const details: Check['details'] = { path: dataDir, mode: octal(st.mode) };
  if (platform === 'win32') return { id: 'data-dir', status: 'ok', summary: `${dataDir} exists.`, details };
  const problems: string[] = [];
  const fixes: string[] = [];
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    problems.push(`${dataDir} belongs to another user (uid ${st.uid})`);
    fixes.push(`chown -R "$USER" '${dataDir}'`);
  }
  if ((st.mode & 0o077) !== 0) {
    problems.push(`${dataDir} is open to other users (mode ${octal(st.mode)})`);
    fixes.push(`chmod 700 '${dataDir}'`);
  }
  const files = dataFiles(dataDir);
  for (const f of [files.profiles, files.profilesBackup, files.settings, files.helper, files.log, files.auditLog]) {
    const fst = await statOrNull(f);
    if (fst && (fst.mode & 0o077) !== 0) {
      problems.push(`${path.basename(f)} is readable by others (mode ${octal(fst.mode)})`);
      fixes.push(`chmod 600 '${f}'`);
    }
  }
  if (problems.length === 0) return { id: 'data-dir', status: 'ok', summary: `${dataDir} is private to you.`, details };
  return { id: 'data-dir', status: 'fail', summary: `${problems.join('; ')}.`, fix: fixes.join(' && '), details };
}

export async function checkProfiles(dataDir: string, listProfiles: () => Promise<readonly unknown[]>): Promise<Check> {
  const files = dataFiles(dataDir);
  const backup = await statOrNull(files.profilesBackup);
  const details: Check['details'] = { path: files.profiles, backup: backup ? files.profilesBackup : null };
  if (!(await statOrNull(files.profiles))) return { id: 'profiles', status: 'info', summary: 'No profiles file yet.', details };
  try {
    const profiles = await listProfiles();
    details.profiles = profiles.length;
    return { id: 'profiles', status: 'ok', summary: `${profiles.length} profile(s) read${backup ? '; a backup exists' : ''}.`, details };
  } catch (e) {
    const err = e as { message?: string; hint?: string; code?: string };
    details.code = err.code ?? 'unknown';
    return {
      id: 'profiles',
      status: 'fail',
      summary: err.message ?? 'The profiles file cannot be read.',
      fix: err.hint ?? (backup ? '`akvault profile restore-backup` puts the last good copy back.' : 'Fix or move the file aside; akvault starts a new one.'),
      details,
    };
  }
}

export async function checkHelper(dataDir: string, probe: (info: HelperInfo) => Promise<{ live: true } | { live: false; reason: string }>): Promise<Check> {
  const file = dataFiles(dataDir).helper;
  const found = await readHelperFile(file);
  if (found.state === 'missing') return { id: 'helper', status: 'info', summary: 'No helper is running (the app or `akvault serve` starts one).', details: { file } };
  if (found.state === 'invalid') {
    return { id: 'helper', status: 'fail', summary: `${file} is not valid: ${found.reason}.`, fix: `Remove it (rm '${file}') and restart the akvault app or \`akvault serve\`.`, details: { file } };
  }
  const details: Check['details'] = { file, url: found.info.url, pid: found.info.pid };
  const p = await probe(found.info);
  if (p.live) return { id: 'helper', status: 'ok', summary: `The helper at ${found.info.url} (process ${found.info.pid}) answers.`, details };
  return {
    id: 'helper',
    status: 'fail',
    summary: `${file} is stale: ${p.reason}.`,
    fix: `Remove it (rm '${file}'), or start the akvault app or \`akvault serve\` again (either replaces it).`,
    details,
  };
}

/** A proxy URL without its user name and password. */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
      return `${u.href} (credentials hidden)`;
    }
    return u.href;
  } catch {
    return '(not a URL)';
  }
}

export async function checkProxy(env: NodeJS.ProcessEnv, host: 'cli' | 'app' | 'serve'): Promise<Check> {
  const details: Check['details'] = {};
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) if (env[name]) details[name] = withoutCredentials(env[name]!);
  for (const name of ['NO_PROXY', 'no_proxy']) if (env[name]) details[name] = env[name]!;
  const ca = env.NODE_EXTRA_CA_CERTS?.trim();
  if (ca) details.NODE_EXTRA_CA_CERTS = ca;
  if (host === 'app') {
    return { id: 'proxy', status: 'ok', summary: "The app uses the operating system's proxy settings and certificate store (Electron's network stack).", details };
  }
  if (ca && !(await statOrNull(ca))) {
    return { id: 'proxy', status: 'fail', summary: `NODE_EXTRA_CA_CERTS names ${ca}, which does not exist.`, fix: 'Point NODE_EXTRA_CA_CERTS at your organisation\'s CA bundle (PEM), or unset it.', details };
  }
  const proxy = details.HTTPS_PROXY ?? details.https_proxy ?? details.HTTP_PROXY ?? details.http_proxy;
  return {
    id: 'proxy',
    status: 'ok',
    summary: proxy ? `IAM calls go through ${proxy}${details.NO_PROXY ?? details.no_proxy ? ` except ${details.NO_PROXY ?? details.no_proxy}` : ''}.` : 'No proxy: IAM calls go direct (set HTTPS_PROXY / NO_PROXY to use one).',
    details,
  };
}

export async function checkToolFiles(writers: readonly ToolFileWriter[]): Promise<Check> {
  const details: Check['details'] = {};
  const held: string[] = [];
  const problems: string[] = [];
  for (const w of writers) {
    const target = w.targetPath();
    try {
      const holders = await w.holders();
      details[w.id] = holders.length ? `${target}: ${holders.join(', ')}` : `${target}: none`;
      if (holders.length) held.push(`${w.id} (${holders.join(', ')})`);
    } catch (e) {
      details[w.id] = `${target}: unreadable`;
      problems.push(`${target}: ${(e as Error).message ?? 'cannot be read'}`);
    }
  }
  if (problems.length) return { id: 'tool-files', status: 'warn', summary: problems.join('; '), fix: 'Fix the file by hand or move it aside; akvault writes a new one on the next refresh.', details };
  return { id: 'tool-files', status: 'ok', summary: held.length ? `akvault holds keys in: ${held.join('; ')}.` : 'akvault holds keys in no tool file.', details };
}

export function checkVersions(versions: { akvault: string; node: string; electron?: string | undefined }, platform: NodeJS.Platform): Check {
  const parts = [`akvault ${versions.akvault}`, `Node ${versions.node}`, ...(versions.electron ? [`Electron ${versions.electron}`] : []), platform];
  return { id: 'versions', status: 'info', summary: parts.join(', '), details: { akvault: versions.akvault, node: versions.node, electron: versions.electron ?? null, platform } };
}
