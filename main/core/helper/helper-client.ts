/**
 * Talking to the running app or `akvault serve` over its loopback helper (main/core/helper): plain
 * node:http, so a CLI process that goes through the helper never loads undici, zod or keytar.
 */
import http from 'node:http';
import { AkvaultError, type ErrorCode, type ErrorParams } from '../errors';
import type { HandoffBody, PodClientBody } from './handoff-handlers';
import type { SessionCredentials } from '../sessions/types';
import { isProcessAlive, type HelperInfo } from './helper-file';

export interface HelperEndpoint {
  url: string;
  token: string;
}

interface JsonAnswer {
  status: number;
  json: unknown;
}

const PROBE_TIMEOUT_MS = 2_000;

function request(ep: HelperEndpoint, method: string, target: string, opts: { body?: unknown; timeoutMs?: number } = {}): Promise<JsonAnswer> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body), 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(`${ep.url}${target}`, {
      method,
      agent: false,
      headers: {
        Authorization: `Bearer ${ep.token}`,
        Accept: 'application/json',
        ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': String(payload.length) } : {}),
      },
    });
    // No overall timeout for credential requests: the helper may be waiting for a person to type an MFA code.
    if (opts.timeoutMs !== undefined) req.setTimeout(opts.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => reject(unreachable(ep, e.code)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => reject(unreachable(ep, e.code)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          // a non-JSON answer is reported below by status
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
    });
    req.end(payload);
  });
}

function unreachable(ep: HelperEndpoint, code: string | undefined): AkvaultError {
  return new AkvaultError('helper.unavailable', `The running akvault helper at ${ep.url} stopped answering (${code ?? 'error'}).`, {
    params: { url: ep.url, errno: code ?? null },
    hint: 'Run the command again: without a running helper, akvault works on its own.',
  });
}

/** The helper's error body as the AkvaultError it stood for (its fields never hold a secret). */
function errorFrom(ep: HelperEndpoint, answer: JsonAnswer): AkvaultError {
  const e = (answer.json as { error?: { code?: unknown; message?: unknown; hint?: unknown; params?: unknown } } | null)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    return new AkvaultError(e.code as ErrorCode, e.message, {
      ...(typeof e.hint === 'string' ? { hint: e.hint } : {}),
      ...(e.params && typeof e.params === 'object' ? { params: e.params as ErrorParams } : {}),
    });
  }
  return new AkvaultError('helper.unavailable', `The running akvault helper at ${ep.url} answered HTTP ${answer.status}.`, { params: { status: answer.status } });
}

/** Whether the file's helper is really there: its process exists and it answers with this token. */
export async function probeHelper(info: HelperInfo): Promise<{ live: true } | { live: false; reason: string }> {
  if (!isProcessAlive(info.pid)) return { live: false, reason: `process ${info.pid} is not running` };
  try {
    const answer = await request(info, 'GET', '/v1/health', { timeoutMs: PROBE_TIMEOUT_MS });
    if (answer.status === 200) return { live: true };
    return { live: false, reason: `${info.url} answered HTTP ${answer.status}` };
  } catch (e) {
    return { live: false, reason: `${info.url} does not answer (${String((e as AkvaultError).params?.errno ?? 'error')})` };
  }
}

/** A profile's credentials (the default profile for null) and the profile name actually used. */
export async function helperHandoff(ep: HelperEndpoint, profile: string | null, command: string): Promise<{ profile: string; credentials: SessionCredentials }> {
  const query = new URLSearchParams({ ...(profile !== null ? { profile } : {}), command });
  const answer = await request(ep, 'GET', `/v1/handoff?${query.toString()}`);
  if (answer.status !== 200) throw errorFrom(ep, answer);
  const body = answer.json as HandoffBody;
  if (typeof body?.profile !== 'string' || typeof body.credentials?.accessKeyId !== 'string' || typeof body.credentials.secretAccessKey !== 'string') {
    throw new AkvaultError('helper.unavailable', `The running akvault helper at ${ep.url} sent an answer this version does not understand.`, {
      hint: 'Restart the akvault app or `akvault serve` so both are the same version.',
    });
  }
  return { profile: body.profile, credentials: body.credentials };
}

export async function helperRegisterPodClient(ep: HelperEndpoint, profile: string, label: string): Promise<PodClientBody> {
  const answer = await request(ep, 'POST', '/v1/pod-identity-clients', { body: { profile, label, pid: process.pid } });
  if (answer.status !== 201) throw errorFrom(ep, answer);
  return answer.json as PodClientBody;
}

export async function helperRevokePodClient(ep: HelperEndpoint, id: string): Promise<void> {
  const answer = await request(ep, 'DELETE', `/v1/pod-identity-clients/${encodeURIComponent(id)}`, { timeoutMs: PROBE_TIMEOUT_MS });
  if (answer.status !== 204 && answer.status !== 404) throw errorFrom(ep, answer);
}

/** `akvault lock` / `unlock` through the running app or serve (main/core/helper/vault-handler.ts). */
export async function helperVault(ep: HelperEndpoint, body: { action: 'lock' | 'unlock' | 'status'; passphrase?: string }): Promise<'absent' | 'locked' | 'unlocked'> {
  const answer = await request(ep, 'POST', '/v1/vault', { body });
  if (answer.status !== 200) throw errorFrom(ep, answer);
  return (answer.json as { state: 'absent' | 'locked' | 'unlocked' }).state;
}
