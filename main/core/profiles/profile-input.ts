import { AkvaultError } from '../errors';
import type { Profile, ProfileKind } from './schema';
import {
  accessKeyAdvisory,
  checkEndpoint,
  checkIdentifier,
  checkInstant,
  checkName,
  checkRegion,
  checkText,
  cleanInput,
  cleanOptional,
  COLOR_PATTERN,
  hasControlChars,
  normalizeEndpoint,
  normalizeInstant,
  secretKeyAdvisory,
  type Advisory,
} from './validation';

/**
 * Turns what a person typed or pasted into a profile ready to store: cleans every value (whitespace,
 * BOM, zero-width characters), checks it, and collects warnings. All problems are reported at once, by
 * field, without ever quoting a secret.
 */
export interface ProfileInput {
  name: string;
  kind: ProfileKind;
  accessKeyId: string;
  /** temporary-key only. */
  expiresAt?: string;
  region?: string;
  projectId?: string;
  domainName?: string;
  domainId?: string;
  userName?: string;
  userId?: string;
  iamEndpoint?: string;
  description?: string;
  color?: string;
}

export interface ProfileSecrets {
  secretAccessKey: string;
  /** temporary-key only. */
  securityToken?: string;
}

export interface PreparedProfile {
  profile: Profile;
  secrets: ProfileSecrets;
  warnings: Advisory[];
}

export function prepareProfile(input: ProfileInput, secrets: ProfileSecrets, ctx: { id: string; now: number }): PreparedProfile {
  const problems: string[] = [];
  const warnings: Advisory[] = [];
  const bad = (field: string, problem: string | undefined) => {
    if (problem) problems.push(`${field}: ${problem}`);
  };

  const name = cleanInput(input.name ?? '');
  bad('name', checkName(name));
  const kind = input.kind;
  if (kind !== 'access-key' && kind !== 'temporary-key') {
    problems.push(`kind: unknown kind (expected access-key or temporary-key)`);
  }
  const accessKeyId = cleanInput(input.accessKeyId ?? '');
  if (!accessKeyId) problems.push('accessKeyId: the access key ID is empty');
  else if (/\s/.test(accessKeyId) || hasControlChars(accessKeyId)) problems.push('accessKeyId: the access key ID contains spaces or line breaks');
  else {
    const w = accessKeyAdvisory(accessKeyId);
    if (w) warnings.push(w);
  }

  const secretAccessKey = cleanInput(secrets.secretAccessKey ?? '');
  if (!secretAccessKey) problems.push('secretAccessKey: the secret key is empty');
  else if (/\s/.test(secretAccessKey) || hasControlChars(secretAccessKey)) problems.push('secretAccessKey: the secret key contains spaces or line breaks');
  else {
    const w = secretKeyAdvisory(secretAccessKey);
    if (w) warnings.push(w);
  }

  const optional = {
    region: cleanOptional(input.region),
    projectId: cleanOptional(input.projectId),
    domainName: cleanOptional(input.domainName),
    domainId: cleanOptional(input.domainId),
    userName: cleanOptional(input.userName),
    userId: cleanOptional(input.userId),
    iamEndpoint: cleanOptional(input.iamEndpoint),
    description: cleanOptional(input.description),
    color: cleanOptional(input.color),
  };
  if (optional.region) bad('region', checkRegion(optional.region));
  for (const f of ['projectId', 'domainId', 'userId'] as const) if (optional[f]) bad(f, checkIdentifier(optional[f]));
  for (const f of ['domainName', 'userName'] as const) if (optional[f]) bad(f, checkText(optional[f], 128));
  if (optional.description) bad('description', checkText(optional.description, 500));
  if (optional.color && !COLOR_PATTERN.test(optional.color)) problems.push('color: expected a colour such as #3366cc');
  if (optional.iamEndpoint) {
    const problem = checkEndpoint(optional.iamEndpoint);
    bad('iamEndpoint', problem);
    if (!problem) optional.iamEndpoint = normalizeEndpoint(optional.iamEndpoint);
  }

  let expiresAt: string | undefined;
  let securityToken: string | undefined;
  if (kind === 'temporary-key') {
    const raw = cleanOptional(input.expiresAt);
    if (!raw) problems.push('expiresAt: a temporary key needs its expiry time');
    else {
      const problem = checkInstant(raw);
      bad('expiresAt', problem);
      if (!problem) {
        expiresAt = normalizeInstant(raw);
        if (Date.parse(expiresAt) <= ctx.now) {
          warnings.push({ level: 'warning', code: 'expired', field: 'expiresAt', message: `This temporary key expired at ${expiresAt}; saved anyway.` });
        }
      }
    }
    securityToken = cleanInput(secrets.securityToken ?? '');
    if (!securityToken) problems.push('securityToken: a temporary key needs its security token');
    else if (/\s/.test(securityToken) || hasControlChars(securityToken)) problems.push('securityToken: the security token contains spaces or line breaks');
  } else {
    if (cleanOptional(input.expiresAt)) problems.push('expiresAt: only temporary keys expire (use kind temporary-key)');
    if (cleanOptional(secrets.securityToken)) problems.push('securityToken: only temporary keys have a security token (use kind temporary-key)');
  }

  if (problems.length > 0) {
    throw new AkvaultError('validation', `Invalid profile: ${problems.join('; ')}.`, {
      params: { fields: problems.map((p) => p.split(':', 1)[0]).join(',') },
    });
  }

  const now = new Date(ctx.now).toISOString();
  const common = {
    id: ctx.id,
    name,
    ...definedOnly(optional),
    createdAt: now,
    updatedAt: now,
  };
  const profile: Profile =
    kind === 'temporary-key' ? { ...common, kind, accessKeyId, expiresAt: expiresAt! } : { ...common, kind: 'access-key', accessKeyId };
  return {
    profile,
    secrets: kind === 'temporary-key' ? { secretAccessKey, securityToken: securityToken! } : { secretAccessKey },
    warnings,
  };
}

function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
