/**
 * The profile form's model: the values a person edits (every non-secret field as text), the checks
 * that mirror the core's rules so mistakes show inline before anything is sent, and the conversion
 * into the contract's add input or edit patch. Secrets are a separate argument everywhere: they live
 * only in the form component's local state and go straight to main in the add/update call.
 *
 * Messages are catalogue keys (with params), translated by the view.
 */
import type { ProfileInputView, ProfileKind, ProfilePatchView, ProfileSecretsInput, ProfileView } from '../../../preload/contract';
import type { MessageKey, Params } from '../../../i18n';
import { MAX_CHAIN_AGENCIES, agencyCount, walkChain } from './chain';

export const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const AK_PATTERN = /^[A-Z0-9]{20}$/;
export const SK_PATTERN = /^[A-Za-z0-9]{40}$/;
export const REGION_PATTERN = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
export const SESSION_USER_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{4,31}$/;
export const MIN_DURATION = 900;
export const MAX_DURATION = 86_400;
export const MIN_MARGIN = 120;
export const MAX_MARGIN = 86_400;
export const DEFAULT_AGENCY_DURATION = 3600;
const TOKEN_LIFETIME_MS = 24 * 3600_000;

export type TextField =
  | 'name'
  | 'description'
  | 'region'
  | 'projectId'
  | 'domainName'
  | 'domainId'
  | 'userName'
  | 'userId'
  | 'iamEndpoint'
  | 'refreshMarginSeconds'
  | 'accessKeyId'
  | 'expiresAt'
  | 'durationSeconds'
  | 'mfaUserId'
  | 'metadataUrl'
  | 'sourceId'
  | 'agencyDomain'
  | 'agencyName'
  | 'sessionUserName'
  | 'policy'
  | 'stsEndpoint';

export type SecretField = 'secretAccessKey' | 'securityToken' | 'password' | 'authToken';
export type FormField = TextField | SecretField | 'agencyDomainBy' | 'api' | 'toolFiles' | 'mfa';

export interface ToolFilesValue {
  sdkCredentials: boolean;
  koocli: boolean;
  obsutil: boolean;
}

export interface ProfileFormValues extends Record<TextField, string> {
  kind: ProfileKind;
  /** The delegating account of an agency is given by name or by ID: exactly one. */
  agencyDomainBy: 'name' | 'id';
  api: 'v3' | 'v5';
  /** account: sign-in asks for an MFA passcode (needs the IAM user ID). */
  mfa: boolean;
  toolFiles: ToolFilesValue;
}

export type SecretValues = Partial<Record<SecretField, string>>;

export interface Issue {
  key: MessageKey;
  params?: Params;
}
export type Issues = Partial<Record<FormField, Issue>>;

export interface Checked {
  errors: Issues;
  warnings: Issues;
}

/** Which fields each kind shows (besides the shared ones). */
export const KIND_FIELDS: Readonly<Record<ProfileKind, readonly FormField[]>> = {
  'access-key': ['accessKeyId', 'secretAccessKey'],
  'temporary-key': ['accessKeyId', 'secretAccessKey', 'securityToken', 'expiresAt'],
  token: ['authToken', 'expiresAt', 'durationSeconds'],
  account: ['domainName', 'userName', 'password', 'mfa', 'mfaUserId', 'durationSeconds'],
  'ecs-agency': ['metadataUrl'],
  agency: ['sourceId', 'agencyDomainBy', 'agencyDomain', 'agencyName', 'durationSeconds', 'sessionUserName', 'api', 'stsEndpoint', 'policy'],
};

export const SECRET_FIELDS: Readonly<Record<ProfileKind, readonly SecretField[]>> = {
  'access-key': ['secretAccessKey'],
  'temporary-key': ['secretAccessKey', 'securityToken'],
  token: ['authToken'],
  account: ['password'],
  'ecs-agency': [],
  agency: [],
};

export function emptyValues(kind: ProfileKind = 'access-key'): ProfileFormValues {
  return {
    kind,
    name: '',
    description: '',
    region: '',
    projectId: '',
    domainName: '',
    domainId: '',
    userName: '',
    userId: '',
    iamEndpoint: '',
    refreshMarginSeconds: '',
    accessKeyId: '',
    expiresAt: '',
    durationSeconds: '',
    mfaUserId: '',
    metadataUrl: '',
    sourceId: '',
    agencyDomainBy: 'name',
    agencyDomain: '',
    agencyName: '',
    sessionUserName: '',
    policy: '',
    api: 'v3',
    stsEndpoint: '',
    mfa: false,
    toolFiles: { sdkCredentials: false, koocli: false, obsutil: false },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in this machine's time zone ("2026-05-01T14:00"). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO instant; undefined when it is not a date. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The form's values for editing a stored profile (secrets are never prefilled: there are none here). */
export function valuesFromProfile(p: ProfileView): ProfileFormValues {
  const str = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  return {
    ...emptyValues(p.kind),
    name: p.name,
    description: str(p.description),
    region: str(p.region),
    projectId: str(p.projectId),
    domainName: str(p.domainName),
    domainId: str(p.domainId),
    userName: str(p.userName),
    userId: str(p.userId),
    iamEndpoint: str(p.iamEndpoint),
    refreshMarginSeconds: str(p.refreshMarginSeconds),
    accessKeyId: str(p.accessKeyId),
    expiresAt: toLocalInput(p.expiresAt),
    durationSeconds: str(p.durationSeconds),
    mfaUserId: str(p.mfaUserId),
    metadataUrl: str(p.metadataUrl),
    sourceId: str(p.sourceId),
    agencyDomainBy: p.agencyDomainId && !p.agencyDomainName ? 'id' : 'name',
    agencyDomain: str(p.agencyDomainName ?? p.agencyDomainId),
    agencyName: str(p.agencyName),
    sessionUserName: str(p.sessionUserName),
    policy: p.policy ? JSON.stringify(p.policy, null, 2) : '',
    api: p.api ?? 'v3',
    stsEndpoint: str(p.stsEndpoint),
    mfa: Boolean(p.mfaUserId),
    toolFiles: { sdkCredentials: Boolean(p.toolFiles?.sdkCredentials), koocli: Boolean(p.toolFiles?.koocli), obsutil: Boolean(p.toolFiles?.obsutil) },
  };
}

// ---------- checks ----------

// BOM and zero-width characters that ride along when a key is copied from a web page.
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u180E]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/; // eslint-disable-line no-control-regex
export const clean = (v: string) => v.replace(INVISIBLE, '').trim();

function loopback(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Mirrors the core: https only, or plain http to this machine (an emulator). */
export function endpointIssue(value: string): Issue | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { key: 'form.error.url' };
  }
  if (url.username || url.password || url.search || url.hash) return { key: 'form.error.urlExtras' };
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback(url.hostname))) return undefined;
  return { key: 'form.error.https' };
}

function metadataUrlIssue(value: string): Issue | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { key: 'form.error.url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { key: 'form.error.url' };
  if (url.username || url.password || url.search || url.hash) return { key: 'form.error.urlExtras' };
  return undefined;
}

function secondsIssue(raw: string, min: number, max: number): Issue | undefined {
  if (!/^\d+$/.test(raw)) return { key: 'form.error.wholeSeconds' };
  const n = Number(raw);
  if (n < min || n > max) return { key: 'form.error.secondsRange', params: { min, max } };
  return undefined;
}

function identifierIssue(value: string): Issue | undefined {
  if (value.length > 128) return { key: 'form.error.tooLong', params: { max: 128 } };
  if (/\s/.test(value) || CONTROL.test(value)) return { key: 'form.error.noSpaces' };
  return undefined;
}

function textIssue(value: string, max: number): Issue | undefined {
  if (value.length > max) return { key: 'form.error.tooLong', params: { max } };
  if (CONTROL.test(value)) return { key: 'form.error.oneLine' };
  return undefined;
}

export function policyIssue(text: string): Issue | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { key: 'form.error.policyJson' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { key: 'form.error.policyShape' };
  const o = value as Record<string, unknown>;
  if (Object.keys(o).some((k) => k !== 'Version' && k !== 'Statement')) return { key: 'form.error.policyShape' };
  if (typeof o.Version !== 'string' || o.Version.trim() === '') return { key: 'form.error.policyShape' };
  if (!Array.isArray(o.Statement) || !o.Statement.every((s) => typeof s === 'object' && s !== null && !Array.isArray(s))) return { key: 'form.error.policyShape' };
  return undefined;
}

export interface CheckContext {
  mode: 'add' | 'edit';
  /** Every profile, for the unique name rule and the agency chain. */
  profiles: readonly ProfileView[];
  byId: ReadonlyMap<string, ProfileView>;
  /** The profile being edited. */
  original?: ProfileView;
  now: number;
}

/** Every problem at once, by field: errors block saving, warnings are shown and saved anyway (like the core). */
export function checkProfileForm(v: ProfileFormValues, secrets: SecretValues, ctx: CheckContext): Checked {
  const errors: Issues = {};
  const warnings: Issues = {};
  const bad = (f: FormField, issue: Issue | undefined) => {
    if (issue && !errors[f]) errors[f] = issue;
  };
  const shows = (f: FormField) => KIND_FIELDS[v.kind].includes(f);

  const name = clean(v.name);
  if (!name) bad('name', { key: 'form.error.required' });
  else if (name.length > 64) bad('name', { key: 'form.error.tooLong', params: { max: 64 } });
  else if (!NAME_PATTERN.test(name)) bad('name', { key: 'form.error.namePattern' });
  else if (ctx.profiles.some((p) => p.name.toLowerCase() === name.toLowerCase() && p.id !== ctx.original?.id)) bad('name', { key: 'form.error.nameTaken' });

  const region = clean(v.region);
  if (region && (region.length > 64 || !REGION_PATTERN.test(region))) bad('region', { key: 'form.error.region' });
  for (const f of ['projectId', 'domainId', 'userId'] as const) if (clean(v[f])) bad(f, identifierIssue(clean(v[f])));
  for (const f of ['domainName', 'userName'] as const) if (clean(v[f])) bad(f, textIssue(clean(v[f]), 128));
  if (clean(v.description)) bad('description', textIssue(clean(v.description), 500));
  if (clean(v.iamEndpoint)) bad('iamEndpoint', endpointIssue(clean(v.iamEndpoint)));
  if (clean(v.refreshMarginSeconds)) bad('refreshMarginSeconds', secondsIssue(clean(v.refreshMarginSeconds), MIN_MARGIN, MAX_MARGIN));

  if (shows('accessKeyId')) {
    const ak = clean(v.accessKeyId);
    if (!ak) bad('accessKeyId', { key: 'form.error.required' });
    else if (/\s/.test(ak) || CONTROL.test(ak)) bad('accessKeyId', { key: 'form.error.noSpaces' });
    else if (!AK_PATTERN.test(ak)) warnings.accessKeyId = { key: 'form.warning.akShape' };
  }
  checkSecrets(v.kind, secrets, ctx.mode, errors, warnings);

  if (shows('expiresAt')) {
    const raw = clean(v.expiresAt);
    const at = raw ? fromLocalInput(raw) : undefined;
    if (!raw) bad('expiresAt', { key: 'form.error.required' });
    else if (!at) bad('expiresAt', { key: 'form.error.dateTime' });
    else if (Date.parse(at) <= ctx.now) warnings.expiresAt = { key: 'form.warning.expired' };
    else if (v.kind === 'token' && Date.parse(at) - ctx.now > TOKEN_LIFETIME_MS) warnings.expiresAt = { key: 'form.warning.tokenLifetime' };
  }
  if (shows('durationSeconds') && clean(v.durationSeconds)) bad('durationSeconds', secondsIssue(clean(v.durationSeconds), MIN_DURATION, MAX_DURATION));

  if (v.kind === 'account') {
    if (!clean(v.domainName)) bad('domainName', { key: 'form.error.required' });
    if (!clean(v.userName)) bad('userName', { key: 'form.error.required' });
    if (v.mfa) {
      if (!clean(v.mfaUserId)) bad('mfaUserId', { key: 'form.error.mfaUserId' });
      else bad('mfaUserId', identifierIssue(clean(v.mfaUserId)));
    }
  }
  if (v.kind === 'ecs-agency' && clean(v.metadataUrl)) bad('metadataUrl', metadataUrlIssue(clean(v.metadataUrl)));
  if (v.kind === 'agency') checkAgency(v, ctx, bad, warnings);
  return { errors, warnings };
}

function checkSecrets(kind: ProfileKind, secrets: SecretValues, mode: 'add' | 'edit', errors: Issues, warnings: Issues): void {
  for (const field of SECRET_FIELDS[kind]) {
    const raw = secrets[field] ?? '';
    const value = field === 'password' ? raw : clean(raw);
    if (!value) {
      // Editing: an empty secret field keeps the stored secret.
      if (mode === 'add') errors[field] = { key: 'form.error.required' };
      continue;
    }
    if (field === 'password') {
      if (CONTROL.test(value)) errors[field] = { key: 'form.error.oneLine' };
      else if (value !== value.trim()) warnings[field] = { key: 'form.warning.passwordSpaces' };
      continue;
    }
    if (/\s/.test(value) || CONTROL.test(value)) errors[field] = { key: 'form.error.noSpaces' };
    else if (field === 'secretAccessKey' && !SK_PATTERN.test(value)) warnings[field] = { key: 'form.warning.skShape', params: { length: value.length } };
  }
  // A temporary key is stored with both halves: a new SK without its token (or the reverse) would not work.
  if (kind === 'temporary-key' && mode === 'edit' && Boolean(clean(secrets.secretAccessKey ?? '')) !== Boolean(clean(secrets.securityToken ?? ''))) {
    const missing = clean(secrets.secretAccessKey ?? '') ? 'securityToken' : 'secretAccessKey';
    errors[missing] ??= { key: 'form.error.tempPair' };
  }
}

function checkAgency(v: ProfileFormValues, ctx: CheckContext, bad: (f: FormField, i: Issue | undefined) => void, warnings: Issues): void {
  const source = v.sourceId ? ctx.byId.get(v.sourceId) : undefined;
  if (!v.sourceId) bad('sourceId', { key: 'form.error.sourceRequired' });
  else if (!source) bad('sourceId', { key: 'form.error.sourceMissing' });
  else {
    const chain = walkChain(source, ctx.byId);
    if (ctx.original && chain.links.some((l) => l.id === ctx.original!.id)) bad('sourceId', { key: 'form.error.sourceLoop' });
    else if (chain.end !== 'base') bad('sourceId', { key: 'form.error.sourceBroken' });
    else if (agencyCount(chain) + 1 > MAX_CHAIN_AGENCIES) bad('sourceId', { key: 'form.error.chainTooLong', params: { max: MAX_CHAIN_AGENCIES } });
  }
  const domain = clean(v.agencyDomain);
  if (!domain) bad('agencyDomain', { key: 'form.error.delegatingAccount' });
  else if (v.agencyDomainBy === 'id') bad('agencyDomain', identifierIssue(domain));
  else bad('agencyDomain', textIssue(domain, 128));
  const agencyName = clean(v.agencyName);
  if (!agencyName) bad('agencyName', { key: 'form.error.required' });
  else bad('agencyName', textIssue(agencyName, 128));
  const session = clean(v.sessionUserName);
  if (session && !SESSION_USER_PATTERN.test(session)) bad('sessionUserName', { key: 'form.error.sessionUser' });
  if (clean(v.policy)) bad('policy', policyIssue(clean(v.policy)));
  const sts = clean(v.stsEndpoint);
  if (sts) bad('stsEndpoint', endpointIssue(sts));
  if (v.api === 'v5') {
    if (v.agencyDomainBy !== 'id') bad('agencyDomain', { key: 'form.error.v5NeedsId' });
    if (!sts) bad('stsEndpoint', { key: 'form.error.v5NeedsSts' });
    if (source && (source.kind === 'token' || source.kind === 'account')) bad('sourceId', { key: 'form.error.v5Source' });
    const duration = Number(clean(v.durationSeconds) || DEFAULT_AGENCY_DURATION);
    if (source && source.kind !== 'access-key' && duration > 3600) warnings.durationSeconds = { key: 'form.warning.v5Chained' };
  }
}

// ---------- to the contract ----------

function optional(value: string): string | undefined {
  const c = clean(value);
  return c === '' ? undefined : c;
}

/** The kind-relevant, non-empty fields as the contract's input (secrets separately). */
function fieldsOf(v: ProfileFormValues): Record<string, unknown> {
  const shows = (f: FormField) => KIND_FIELDS[v.kind].includes(f);
  const num = (s: string) => (clean(s) ? Number(clean(s)) : undefined);
  const expiresAt = shows('expiresAt') ? fromLocalInput(clean(v.expiresAt)) : undefined;
  const domain = optional(v.agencyDomain);
  const toolFiles = Object.fromEntries(Object.entries(v.toolFiles).filter(([, on]) => on)) as Partial<ToolFilesValue>;
  const out: Record<string, unknown> = {
    description: optional(v.description),
    region: optional(v.region),
    projectId: optional(v.projectId),
    domainName: optional(v.domainName),
    domainId: optional(v.domainId),
    userName: optional(v.userName),
    userId: optional(v.userId),
    iamEndpoint: optional(v.iamEndpoint),
    refreshMarginSeconds: num(v.refreshMarginSeconds),
    toolFiles,
    accessKeyId: shows('accessKeyId') ? optional(v.accessKeyId) : undefined,
    expiresAt,
    durationSeconds: shows('durationSeconds') ? (num(v.durationSeconds) ?? (v.kind === 'agency' ? DEFAULT_AGENCY_DURATION : undefined)) : undefined,
    mfaUserId: v.kind === 'account' && v.mfa ? optional(v.mfaUserId) : undefined,
    metadataUrl: shows('metadataUrl') ? optional(v.metadataUrl) : undefined,
    sourceId: shows('sourceId') ? optional(v.sourceId) : undefined,
    agencyDomainName: v.kind === 'agency' && v.agencyDomainBy === 'name' ? domain : undefined,
    agencyDomainId: v.kind === 'agency' && v.agencyDomainBy === 'id' ? domain : undefined,
    agencyName: shows('agencyName') ? optional(v.agencyName) : undefined,
    sessionUserName: shows('sessionUserName') ? optional(v.sessionUserName) : undefined,
    policy: shows('policy') && clean(v.policy) ? (JSON.parse(clean(v.policy)) as unknown) : undefined,
    api: v.kind === 'agency' && v.api === 'v5' ? 'v5' : undefined,
    stsEndpoint: shows('stsEndpoint') && v.api === 'v5' ? optional(v.stsEndpoint) : undefined,
  };
  return out;
}

export function toProfileInput(v: ProfileFormValues): ProfileInputView {
  const fields = fieldsOf(v);
  const defined = Object.fromEntries(
    Object.entries(fields).filter(([k, x]) => x !== undefined && !(k === 'toolFiles' && Object.keys(x as object).length === 0)),
  );
  return { name: clean(v.name), kind: v.kind, ...defined } as ProfileInputView;
}

/** Only what changed: a new value, or `null` for a field the person emptied. */
export function toProfilePatch(v: ProfileFormValues, original: ProfileView): ProfilePatchView {
  const fields = fieldsOf(v);
  const patch: Record<string, unknown> = {};
  if (clean(v.name) !== original.name) patch.name = clean(v.name);
  const before = original as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'toolFiles') {
      const next = value as Partial<ToolFilesValue>;
      const prev = original.toolFiles ?? {};
      const same = (['sdkCredentials', 'koocli', 'obsutil'] as const).every((t) => Boolean(next[t]) === Boolean(prev[t]));
      if (!same) patch.toolFiles = Object.keys(next).length > 0 ? next : null;
      continue;
    }
    const old = before[key];
    if (value === undefined) {
      if (old !== undefined) patch[key] = null;
    } else if (JSON.stringify(value) !== JSON.stringify(old)) {
      patch[key] = value;
    }
  }
  return patch as ProfilePatchView;
}

/** The secrets to send: only the ones typed (an empty field keeps the stored secret when editing). */
export function secretsToSend(kind: ProfileKind, secrets: SecretValues): ProfileSecretsInput | null {
  const out: ProfileSecretsInput = {};
  for (const field of SECRET_FIELDS[kind]) {
    const raw = secrets[field] ?? '';
    const value = field === 'password' ? raw : clean(raw);
    if (value) out[field] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The field a server-side problem belongs to, in the form's terms (agencyDomainName → agencyDomain). */
export function formFieldOf(serverField: string): FormField | undefined {
  if (serverField === 'agencyDomainName' || serverField === 'agencyDomainId') return 'agencyDomain';
  if (serverField === 'toolFiles' || serverField === 'api') return serverField;
  const known: readonly string[] = [
    'name', 'description', 'region', 'projectId', 'domainName', 'domainId', 'userName', 'userId', 'iamEndpoint', 'refreshMarginSeconds',
    'accessKeyId', 'expiresAt', 'durationSeconds', 'mfaUserId', 'metadataUrl', 'sourceId', 'agencyName', 'sessionUserName', 'policy',
    'stsEndpoint', 'secretAccessKey', 'securityToken', 'password', 'authToken',
  ];
  return known.includes(serverField) ? (serverField as FormField) : undefined;
}
