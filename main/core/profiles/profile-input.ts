import { InputChecks } from './input-checks';
import { KIND_FIELDS, prepareKindFields } from './kind-fields';
import { PROFILE_KINDS, TOOL_FILES, type Profile, type ProfileKind, type ToolFiles } from './schema';
import { prepareSecrets, type ProfileSecrets, type SecretField } from './secret-fields';
import {
  checkEndpoint,
  checkIdentifier,
  checkName,
  checkRefreshMargin,
  checkRegion,
  checkText,
  cleanInput,
  COLOR_PATTERN,
  normalizeEndpoint,
  type Advisory,
} from './validation';

export type { ProfileSecrets } from './secret-fields';

/**
 * Turns what a person typed or pasted into a profile ready to store: cleans every value (whitespace,
 * BOM, zero-width characters), checks it, and collects warnings. All problems are reported at once, by
 * field, without ever quoting a secret.
 *
 * One flat shape for every kind, so a form or the CLI can fill what it has; a field that does not
 * belong to the kind is reported, never silently dropped (see kind-fields.ts for who owns what).
 */
export interface ProfileInput {
  name: string;
  kind: ProfileKind;
  // Shared by every kind.
  region?: string;
  projectId?: string;
  /** Required for account; informational elsewhere. */
  domainName?: string;
  domainId?: string;
  /** Required for account; informational elsewhere. */
  userName?: string;
  userId?: string;
  iamEndpoint?: string;
  description?: string;
  color?: string;
  /** 120–86400: this profile's own refresh margin. */
  refreshMarginSeconds?: number;
  /** Opt-in tool-file writers; only the `true` ones are stored. */
  toolFiles?: ToolFiles;
  /** access-key, temporary-key (required). */
  accessKeyId?: string;
  /** temporary-key and token (required). */
  expiresAt?: string;
  /** token, account (optional) and agency (default 3600): lifetime of minted keys, 900–86400. */
  durationSeconds?: number;
  /** account: the IAM user ID TOTP sign-in needs; MFA is on exactly when it is set. */
  mfaUserId?: string;
  /** ecs-agency: default http://169.254.169.254. */
  metadataUrl?: string;
  /** agency: the source profile's id. */
  sourceId?: string;
  /** agency: the delegating account, by name or by ID (exactly one). */
  agencyDomainName?: string;
  agencyDomainId?: string;
  agencyName?: string;
  sessionUserName?: string;
  /** agency: a session policy object `{Version, Statement[]}`. */
  policy?: unknown;
  api?: 'v3' | 'v5';
  stsEndpoint?: string;
}

export interface PreparedProfile {
  profile: Profile;
  secrets: ProfileSecrets;
  warnings: Advisory[];
}

export interface PrepareContext {
  id: string;
  now: number;
  /** Kept from the stored profile on an update; `now` for a new one. */
  createdAt?: string;
}

export function prepareProfile(input: ProfileInput, secrets: ProfileSecrets, ctx: PrepareContext): PreparedProfile {
  const checks = new InputChecks();
  const profile = buildProfile(input, checks, ctx);
  const preparedSecrets = knownKind(input.kind) ? prepareSecrets(input.kind, secrets as Partial<Record<SecretField, unknown>>) : undefined;
  if (preparedSecrets) {
    checks.problems.push(...preparedSecrets.problems);
    checks.warnings.push(...preparedSecrets.warnings);
  }
  checks.throwIfAny();
  return { profile: profile!, secrets: preparedSecrets!.secrets, warnings: checks.warnings };
}

/** The profile part only: for an edit that keeps the stored secrets. */
export function prepareProfileFields(input: ProfileInput, ctx: PrepareContext): { profile: Profile; warnings: Advisory[] } {
  const checks = new InputChecks();
  const profile = buildProfile(input, checks, ctx);
  checks.throwIfAny();
  return { profile: profile!, warnings: checks.warnings };
}

/** Collects problems into `checks`; returns the profile when there were none. */
function buildProfile(input: ProfileInput, checks: InputChecks, ctx: PrepareContext): Profile | undefined {
  const name = cleanInput(typeof input.name === 'string' ? input.name : '');
  checks.bad('name', checkName(name));
  const kind = input.kind;
  if (!knownKind(kind)) {
    checks.bad('kind', `unknown kind (expected ${PROFILE_KINDS.join(', ')})`);
  }

  const shared = {
    region: checks.text('region', input.region),
    projectId: checks.text('projectId', input.projectId),
    domainName: checks.text('domainName', input.domainName),
    domainId: checks.text('domainId', input.domainId),
    userName: checks.text('userName', input.userName),
    userId: checks.text('userId', input.userId),
    iamEndpoint: checks.text('iamEndpoint', input.iamEndpoint),
    description: checks.text('description', input.description),
    color: checks.text('color', input.color),
  };
  if (shared.region) checks.bad('region', checkRegion(shared.region));
  for (const f of ['projectId', 'domainId', 'userId'] as const) if (shared[f]) checks.bad(f, checkIdentifier(shared[f]));
  for (const f of ['domainName', 'userName'] as const) if (shared[f]) checks.bad(f, checkText(shared[f], 128));
  if (shared.description) checks.bad('description', checkText(shared.description, 500));
  if (shared.color && !COLOR_PATTERN.test(shared.color)) checks.bad('color', 'expected a colour such as #3366cc');
  if (shared.iamEndpoint) {
    const problem = checkEndpoint(shared.iamEndpoint);
    checks.bad('iamEndpoint', problem);
    if (!problem) shared.iamEndpoint = normalizeEndpoint(shared.iamEndpoint);
  }
  const refreshMarginSeconds = checks.number('refreshMarginSeconds', input.refreshMarginSeconds, checkRefreshMargin);
  const toolFiles = prepareToolFiles(input.toolFiles, checks);

  const specific = knownKind(kind) ? prepareKindFields(kind, input, checks, ctx.now) : {};
  if (checks.problems.length > 0) return undefined;

  const now = new Date(ctx.now).toISOString();
  return {
    id: ctx.id,
    name,
    kind,
    ...definedOnly(shared),
    ...specific,
    ...(refreshMarginSeconds !== undefined ? { refreshMarginSeconds } : {}),
    ...(toolFiles ? { toolFiles } : {}),
    createdAt: ctx.createdAt ?? now,
    updatedAt: now,
  } as Profile;
}

/** Only the `true` flags are kept, and nothing at all when every writer is off (the default). */
function prepareToolFiles(raw: unknown, checks: InputChecks): ToolFiles | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    checks.bad('toolFiles', `expected on/off flags for ${TOOL_FILES.join(', ')}`);
    return undefined;
  }
  const out: ToolFiles = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(TOOL_FILES as readonly string[]).includes(key)) checks.bad('toolFiles', `unknown tool "${key}" (expected ${TOOL_FILES.join(', ')})`);
    else if (typeof value !== 'boolean' && value !== undefined) checks.bad('toolFiles', `"${key}" must be true or false`);
    else if (value) out[key as keyof ToolFiles] = true;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function knownKind(kind: unknown): kind is ProfileKind {
  return typeof kind === 'string' && Object.hasOwn(KIND_FIELDS, kind);
}

function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
