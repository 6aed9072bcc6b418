import { iamError, invalidParameter, keyLimitError, keystoneError, type Reply } from './error-bodies';
import { field, type RouteContext, text } from './route-context';
import type { PermanentKey, User } from './state';

/**
 * Permanent access keys (v3 OS-CREDENTIAL). A user manages its own keys; a "Security Administrator"
 * manages those of its account's users. At most two keys per user.
 */

const MAX_KEYS_PER_USER = 2;

function isReply(x: User | PermanentKey | Reply): x is Reply {
  return 'status' in x && typeof x.status === 'number';
}

function denied(action: string): Reply {
  return iamError(403, 'IAM.0003', `Policy doesn't allow iam:credentials:${action} to be performed.`);
}

/** The target user if the caller may manage its keys, else the reply to send. */
function authorise(ctx: RouteContext, targetUserId: string, action: string): User | Reply {
  const p = ctx.caller?.principal;
  if (!p || p.kind !== 'user') return denied(action);
  const target = ctx.state.users.get(targetUserId);
  const isSelf = p.userId === targetUserId;
  const isAdmin = p.roles.includes('Security Administrator') && target?.domainId === p.domainId;
  if (!isSelf && !isAdmin) return target ? denied(action) : keystoneError(404, 'Could not find user.');
  if (!target) return keystoneError(404, 'Could not find user.');
  return target;
}

function view(k: PermanentKey, withLastUse = false) {
  return {
    user_id: k.userId,
    access: k.accessKeyId,
    status: k.status,
    create_time: k.createdAt,
    description: k.description,
    ...(withLastUse ? { last_use_time: k.lastUsedAt ?? '' } : {}),
  };
}

/** GET /v3.0/OS-CREDENTIAL/credentials?user_id= */
export function listKeys(ctx: RouteContext): Reply {
  const p = ctx.caller?.principal;
  const userId = ctx.url.searchParams.get('user_id') ?? (p?.kind === 'user' ? p.userId : '');
  const target = authorise(ctx, userId, 'listCredentials');
  if (isReply(target)) return target;
  return { status: 200, body: { credentials: ctx.state.keysOf(target.id).map((k) => view(k)) } };
}

/** POST /v3.0/OS-CREDENTIAL/credentials */
export function createKey(ctx: RouteContext): Reply {
  const userId = text(field(ctx.json, 'credential.user_id'));
  if (!userId) return invalidParameter('credential.user_id');
  const description = field(ctx.json, 'credential.description');
  if (description !== undefined && typeof description !== 'string') return invalidParameter('credential.description');
  const target = authorise(ctx, userId, 'createCredential');
  if (isReply(target)) return target;
  if (ctx.state.keysOf(target.id).length >= MAX_KEYS_PER_USER) return keyLimitError();
  const key = ctx.state.createPermanentKey(target.id, description ?? '', ctx.now);
  return { status: 201, body: { credential: { ...view(key), secret: key.secretAccessKey } } };
}

function keyFor(ctx: RouteContext, action: string): PermanentKey | Reply {
  const key = ctx.state.permanentKeys.get(ctx.params[0] ?? '');
  if (!key) return keystoneError(404, 'Could not find credential.');
  const target = authorise(ctx, key.userId, action);
  return isReply(target) ? target : key;
}

/** GET /v3.0/OS-CREDENTIAL/credentials/{access_key} */
export function showKey(ctx: RouteContext): Reply {
  const key = keyFor(ctx, 'showCredential');
  return isReply(key) ? key : { status: 200, body: { credential: view(key, true) } };
}

/** PUT /v3.0/OS-CREDENTIAL/credentials/{access_key} */
export function updateKey(ctx: RouteContext): Reply {
  const status = field(ctx.json, 'credential.status');
  const description = field(ctx.json, 'credential.description');
  if (status === undefined && description === undefined) return invalidParameter('credential');
  if (status !== undefined && status !== 'active' && status !== 'inactive') return invalidParameter('credential.status');
  if (description !== undefined && typeof description !== 'string') return invalidParameter('credential.description');
  const key = keyFor(ctx, 'updateCredential');
  if (isReply(key)) return key;
  if (status !== undefined) key.status = status;
  if (typeof description === 'string') key.description = description;
  return { status: 200, body: { credential: view(key) } };
}

/** DELETE /v3.0/OS-CREDENTIAL/credentials/{access_key} */
export function deleteKey(ctx: RouteContext): Reply {
  const key = keyFor(ctx, 'deleteCredential');
  if (isReply(key)) return key;
  ctx.state.permanentKeys.delete(key.accessKeyId);
  return { status: 204 };
}
