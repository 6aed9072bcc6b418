/**
 * Routes for akvault's own command line, so that `akvault env`/`exec` started in any terminal share the
 * running app's (or `akvault serve`'s) broker: one cache, one IAM call for many processes, MFA prompts
 * shown where the app is.
 *
 * - `GET /v1/handoff?profile=NAME&command=LABEL`: everything a handoff needs in one answer: the profile
 *   name actually used (the default when none is named: a child's AKVAULT_PROFILE must name it), the keys
 *   and the non-secret fields (IAM endpoint included), audited as the CLI command. A query parameter,
 *   not a path segment, names the profile, so a profile called "default" is never confused with the
 *   default profile.
 * - `POST /v1/pod-identity-clients` `{profile, label, pid?}`: registers a pod-identity client for a child
 *   process and returns its URI and token (shown once). `pid` is the registering process: clients of
 *   processes that died without unregistering are swept on the next registration.
 * - `DELETE /v1/pod-identity-clients/{id}`: the child has exited; its URI answers 404 from now on.
 */
import { AkvaultError } from '../errors';
import type { SessionCredentials } from '../sessions/types';
import { helperCredentialsBody } from './credential-bodies';
import { fetchCredentials, resolveProfile } from './fetch-credentials';
import { type HandlerContext, type HandlerOutcome, refuse } from './handler-context';
import { sendJson } from './http-response';
import type { PodIdentityRegistry } from './pod-identity-registry';
import { POD_IDENTITY_PREFIX } from './routes';

export interface HandoffBody {
  profile: string;
  credentials: ReturnType<typeof helperCredentialsBody> & { iamEndpoint?: string };
}

export interface PodClientBody {
  id: string;
  profile: string;
  uri: string;
  token: string;
}

const MAX_NAME = 128;
const MAX_LABEL = 100;

/** Labels end up in the audit log and the tray: one short line of printable text. */
function checkLabel(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LABEL || /\p{Cc}/u.test(value)) {
    throw new AkvaultError('validation', `"${field}" must be one line of 1–${MAX_LABEL} printable characters.`, { params: { field } });
  }
  return value;
}

function checkProfileName(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME || /\p{Cc}/u.test(value)) {
    throw new AkvaultError('validation', '"profile" must be a profile name.', { params: { field: 'profile' } });
  }
  return value;
}

function handoffBody(profile: string, c: SessionCredentials): HandoffBody {
  return {
    profile,
    credentials: { ...helperCredentialsBody(c), ...(c.iamEndpoint ? { iamEndpoint: c.iamEndpoint } : {}) },
  };
}

export async function handleHandoff(ctx: HandlerContext): Promise<HandlerOutcome> {
  const query = new URLSearchParams((ctx.req.url ?? '').split('?')[1] ?? '');
  const named = checkProfileName(query.get('profile'));
  const command = checkLabel(query.get('command') ?? 'cli', 'command');
  if (named !== null) ctx.profile = named;
  const { profile, credentials } = await fetchCredentials(ctx.deps.provider, ctx.deps.clock, {
    profile: named,
    consumer: { kind: 'cli', command },
    requireTemporary: false,
  });
  // Names are matched without regard to case; the child's AKVAULT_PROFILE gets the name as stored.
  const stored = (await ctx.deps.provider.listProfiles()).find((p) => p.name.toLowerCase() === profile.toLowerCase())?.name ?? profile;
  ctx.profile = stored;
  sendJson(ctx.res, 200, handoffBody(stored, credentials));
  return { status: 200 };
}

/** Which process registered which client (to sweep the clients of processes that were killed). */
const owners = new WeakMap<PodIdentityRegistry, Map<string, number>>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just not ours to signal.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sweep(pods: PodIdentityRegistry): Map<string, number> {
  let byId = owners.get(pods);
  if (!byId) owners.set(pods, (byId = new Map()));
  for (const [id, pid] of byId) {
    if (!pods.get(id)) byId.delete(id);
    else if (!processAlive(pid)) {
      pods.revoke(id);
      byId.delete(id);
    }
  }
  return byId;
}

function parseJsonObject(body: Buffer | undefined): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse((body ?? Buffer.alloc(0)).toString('utf8') || '{}');
  } catch {
    throw new AkvaultError('validation', 'The request body must be a JSON object.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AkvaultError('validation', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

export async function handleRegisterPodClient(ctx: HandlerContext): Promise<HandlerOutcome> {
  const input = parseJsonObject(ctx.body);
  const named = checkProfileName(input.profile);
  const label = checkLabel(input.label ?? 'child', 'label');
  const pid = input.pid;
  if (pid !== undefined && !(Number.isSafeInteger(pid) && (pid as number) > 0)) {
    throw new AkvaultError('validation', '"pid" must be a process id.', { params: { field: 'pid' } });
  }
  const profile = await resolveProfile(ctx.deps.provider, named);
  ctx.profile = profile;
  const byOwner = sweep(ctx.deps.pods);
  const { id, token } = ctx.deps.pods.add(profile, label, ctx.deps.clock.now());
  if (typeof pid === 'number') byOwner.set(id, pid);
  const body: PodClientBody = { id, profile, uri: `${ctx.deps.baseUrl}${POD_IDENTITY_PREFIX}${id}`, token };
  sendJson(ctx.res, 201, body);
  return { status: 201 };
}

export async function handleRevokePodClient(ctx: HandlerContext): Promise<HandlerOutcome> {
  const entry = ctx.param === null ? undefined : ctx.deps.pods.get(ctx.param);
  if (!entry) return refuse(ctx, 'request.not-found');
  ctx.profile = entry.profile;
  ctx.deps.pods.revoke(entry.id);
  sweep(ctx.deps.pods);
  ctx.res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  return { status: 204 };
}
