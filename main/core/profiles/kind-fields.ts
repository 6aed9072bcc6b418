import type { InputChecks } from './input-checks';
import type { ProfileKind, SessionPolicy } from './schema';
import {
  accessKeyAdvisory,
  checkDuration,
  checkIdentifier,
  checkInstant,
  checkMetadataUrl,
  checkPolicy,
  checkSessionUserName,
  checkStsEndpoint,
  checkText,
  DEFAULT_AGENCY_DURATION_SECONDS,
  hasControlChars,
  normalizeEndpoint,
  normalizeInstant,
} from './validation';

/**
 * The fields that belong to one kind of profile: which kind may carry which, and how each is checked
 * and normalised. The shared fields (name, region, endpoint, …) are profile-input.ts's.
 */
export type KindField =
  | 'accessKeyId'
  | 'expiresAt'
  | 'durationSeconds'
  | 'mfaUserId'
  | 'metadataUrl'
  | 'sourceId'
  | 'agencyDomainName'
  | 'agencyDomainId'
  | 'agencyName'
  | 'sessionUserName'
  | 'policy'
  | 'api'
  | 'stsEndpoint';

export const KIND_FIELDS: Readonly<Record<ProfileKind, readonly KindField[]>> = {
  'access-key': ['accessKeyId'],
  'temporary-key': ['accessKeyId', 'expiresAt'],
  token: ['expiresAt', 'durationSeconds'],
  account: ['mfaUserId', 'durationSeconds'],
  'ecs-agency': ['metadataUrl'],
  agency: ['sourceId', 'agencyDomainName', 'agencyDomainId', 'agencyName', 'durationSeconds', 'sessionUserName', 'policy', 'api', 'stsEndpoint'],
};

const ALL_KIND_FIELDS = [...new Set(Object.values(KIND_FIELDS).flat())];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** IAM tokens live 24 h (huawei-iam.md §5.1); an expiry further out is most likely a time-zone slip. */
const TOKEN_LIFETIME_MS = 24 * 3600_000;

export type KindInput = Partial<Record<KindField, unknown>> & { domainName?: unknown; userName?: unknown };

/** Checks the kind-specific fields and returns them normalised (only those that are set). */
export function prepareKindFields(kind: ProfileKind, input: KindInput, checks: InputChecks, now: number): Record<string, unknown> {
  refuseForeignFields(kind, input, checks);
  switch (kind) {
    case 'access-key':
      return { accessKeyId: accessKeyId(input, checks) };
    case 'temporary-key':
      return {
        accessKeyId: accessKeyId(input, checks),
        expiresAt: expiry(input, checks, now, 'a temporary key needs its expiry time', 'This temporary key expired'),
      };
    case 'token': {
      const expiresAt = expiry(input, checks, now, 'a token profile needs the expiry of its token', 'This IAM token expired');
      if (expiresAt && Date.parse(expiresAt) - now > TOKEN_LIFETIME_MS) {
        checks.warn({
          level: 'warning',
          code: 'token-lifetime',
          field: 'expiresAt',
          message: `IAM tokens are valid for 24 hours, but this one is said to expire at ${expiresAt}; check the time zone of the expiry. Saved anyway.`,
        });
      }
      return defined({ expiresAt, durationSeconds: checks.number('durationSeconds', input.durationSeconds, checkDuration) });
    }
    case 'account':
      // domainName and userName are shared fields (checked with the others); here they are only required.
      if (!isSet(input.domainName)) checks.bad('domainName', 'an account profile needs the account (domain) name');
      if (!isSet(input.userName)) checks.bad('userName', 'an account profile needs the IAM user name');
      return defined({
        mfaUserId: identifierField('mfaUserId', input.mfaUserId, checks),
        durationSeconds: checks.number('durationSeconds', input.durationSeconds, checkDuration),
      });
    case 'ecs-agency': {
      const metadataUrl = checks.text('metadataUrl', input.metadataUrl);
      const problem = metadataUrl ? checkMetadataUrl(metadataUrl) : undefined;
      checks.bad('metadataUrl', problem);
      return defined({ metadataUrl: metadataUrl && !problem ? normalizeEndpoint(metadataUrl) : undefined });
    }
    case 'agency':
      return agencyFields(input, checks);
  }
}

function agencyFields(input: KindInput, checks: InputChecks): Record<string, unknown> {
  const sourceId = checks.text('sourceId', input.sourceId);
  if (!sourceId) checks.bad('sourceId', 'an agency needs a source profile (whose credentials assume the agency)');
  else if (!UUID.test(sourceId)) checks.bad('sourceId', 'expected the id of a profile');

  const agencyDomainName = checks.text('agencyDomainName', input.agencyDomainName);
  if (agencyDomainName) checks.bad('agencyDomainName', checkText(agencyDomainName, 128));
  const agencyDomainId = identifierField('agencyDomainId', input.agencyDomainId, checks);
  // Judged on what was given, not on what passed its own check, so one mistake is reported once.
  if (isSet(input.agencyDomainName) && isSet(input.agencyDomainId)) {
    checks.bad('agencyDomainName', "give the delegating account's name or its ID, not both");
  } else if (!isSet(input.agencyDomainName) && !isSet(input.agencyDomainId)) {
    checks.bad('agencyDomainName', "an agency needs the delegating account's name or ID");
  }

  const agencyName = requiredText('agencyName', input.agencyName, checks, 'an agency needs the name of the agency (as created in the delegating account)');
  const durationSeconds = checks.number('durationSeconds', input.durationSeconds ?? DEFAULT_AGENCY_DURATION_SECONDS, checkDuration);

  const sessionUserName = checks.text('sessionUserName', input.sessionUserName);
  if (sessionUserName) checks.bad('sessionUserName', checkSessionUserName(sessionUserName));

  let policy: SessionPolicy | undefined;
  if (input.policy !== undefined && input.policy !== null) {
    const problem = checkPolicy(input.policy);
    checks.bad('policy', problem);
    // A copy, so the stored policy is plain JSON that no caller can change afterwards.
    if (!problem) policy = JSON.parse(JSON.stringify(input.policy)) as SessionPolicy;
  }

  const api = checks.text('api', input.api);
  if (api && api !== 'v3' && api !== 'v5') checks.bad('api', 'expected v3 (IAM, the default) or v5 (STS)');
  const stsEndpoint = checks.text('stsEndpoint', input.stsEndpoint);
  const stsProblem = stsEndpoint ? checkStsEndpoint(stsEndpoint) : undefined;
  checks.bad('stsEndpoint', stsProblem);
  if (api === 'v5') {
    if (!agencyDomainId) checks.bad('agencyDomainId', "STS v5 names the agency by the delegating account's ID: give the ID instead of the name");
    if (!stsEndpoint) checks.bad('stsEndpoint', 'STS v5 needs the STS endpoint, e.g. https://sts.cn-north-4.myhuaweicloud.com');
  }

  return defined({
    sourceId,
    agencyDomainName,
    agencyDomainId,
    agencyName,
    durationSeconds,
    sessionUserName,
    policy,
    api: api === 'v3' || api === 'v5' ? api : undefined,
    stsEndpoint: stsEndpoint && !stsProblem ? normalizeEndpoint(stsEndpoint) : undefined,
  });
}

/** A field of another kind is refused by name, so a typo in a kind never silently drops a setting. */
function refuseForeignFields(kind: ProfileKind, input: KindInput, checks: InputChecks): void {
  const allowed = KIND_FIELDS[kind];
  for (const field of ALL_KIND_FIELDS) {
    if (allowed.includes(field) || !isSet(input[field])) continue;
    const owners = (Object.keys(KIND_FIELDS) as ProfileKind[]).filter((k) => KIND_FIELDS[k].includes(field));
    checks.bad(field, `does not apply to ${kind} profiles (only ${owners.join(', ')} profiles have it)`);
  }
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return typeof value !== 'string' || value.trim() !== '';
}

function accessKeyId(input: KindInput, checks: InputChecks): string | undefined {
  const value = checks.text('accessKeyId', input.accessKeyId);
  if (!value) {
    checks.bad('accessKeyId', 'the access key ID is empty');
    return undefined;
  }
  if (/\s/.test(value) || hasControlChars(value)) {
    checks.bad('accessKeyId', 'the access key ID contains spaces or line breaks');
    return undefined;
  }
  const w = accessKeyAdvisory(value);
  if (w) checks.warn(w);
  return value;
}

function expiry(input: KindInput, checks: InputChecks, now: number, missing: string, expired: string): string | undefined {
  const raw = checks.text('expiresAt', input.expiresAt);
  if (!raw) {
    checks.bad('expiresAt', missing);
    return undefined;
  }
  const problem = checkInstant(raw);
  checks.bad('expiresAt', problem);
  if (problem) return undefined;
  const expiresAt = normalizeInstant(raw);
  if (Date.parse(expiresAt) <= now) {
    checks.warn({ level: 'warning', code: 'expired', field: 'expiresAt', message: `${expired} at ${expiresAt}; saved anyway.` });
  }
  return expiresAt;
}

function requiredText(field: string, raw: unknown, checks: InputChecks, missing: string): string | undefined {
  const value = checks.text(field, raw);
  if (!value) {
    checks.bad(field, missing);
    return undefined;
  }
  const problem = checkText(value, 128);
  checks.bad(field, problem);
  return problem ? undefined : value;
}

function identifierField(field: string, raw: unknown, checks: InputChecks): string | undefined {
  const value = checks.text(field, raw);
  if (!value) return undefined;
  const problem = checkIdentifier(value);
  checks.bad(field, problem);
  return problem ? undefined : value;
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
