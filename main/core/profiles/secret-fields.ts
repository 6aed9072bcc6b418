import { secretAccounts } from '../secrets/secret-store';
import type { ProfileKind } from './schema';
import { cleanInput, hasControlChars, secretKeyAdvisory, type Advisory } from './validation';

/**
 * Which secrets each kind of profile has, under which keychain account, and how a typed or pasted
 * secret is checked. Secrets never reach the profiles file: the vault writes exactly these accounts.
 * No message here ever quotes a secret; at most its length.
 */
export type SecretField = 'secretAccessKey' | 'securityToken' | 'password' | 'authToken';

/** Key kinds (access-key, temporary-key): the SK, and for temporary keys the security token. */
export interface KeySecrets {
  secretAccessKey: string;
  securityToken?: string;
  password?: never;
  authToken?: never;
}
/** account: the IAM user's password. */
export interface AccountSecrets {
  password: string;
  secretAccessKey?: never;
  securityToken?: never;
  authToken?: never;
}
/** token: the pasted IAM token (X-Auth-Token). */
export interface TokenSecrets {
  authToken: string;
  secretAccessKey?: never;
  securityToken?: never;
  password?: never;
}
/** ecs-agency and agency store nothing secret: their keys are minted on demand. */
export interface NoSecrets {
  secretAccessKey?: never;
  securityToken?: never;
  password?: never;
  authToken?: never;
}
/** The `never` fields let callers read any field of the union (absent ones are undefined) while refusing mixes at compile time. */
export type ProfileSecrets = KeySecrets | AccountSecrets | TokenSecrets | NoSecrets;

export interface SecretSlot {
  field: SecretField;
  /** The keychain account of this secret for a profile id. */
  account: (profileId: string) => string;
  /** Said in messages ("the secret key is empty"). */
  label: string;
}

const SK: SecretSlot = { field: 'secretAccessKey', account: secretAccounts.secretKey, label: 'secret key' };
const SECURITY_TOKEN: SecretSlot = { field: 'securityToken', account: secretAccounts.securityToken, label: 'security token' };
const PASSWORD: SecretSlot = { field: 'password', account: secretAccounts.password, label: 'password' };
const AUTH_TOKEN: SecretSlot = { field: 'authToken', account: secretAccounts.authToken, label: 'IAM token' };

export const SECRET_SLOTS: Readonly<Record<ProfileKind, readonly SecretSlot[]>> = {
  'access-key': [SK],
  'temporary-key': [SK, SECURITY_TOKEN],
  token: [AUTH_TOKEN],
  account: [PASSWORD],
  'ecs-agency': [],
  agency: [],
};

const ALL_SLOTS: readonly SecretSlot[] = [SK, SECURITY_TOKEN, PASSWORD, AUTH_TOKEN];

/** The kinds that have a secret of this field, for "only … have a …" messages. */
function kindsWith(field: SecretField): ProfileKind[] {
  return (Object.keys(SECRET_SLOTS) as ProfileKind[]).filter((k) => SECRET_SLOTS[k].some((s) => s.field === field));
}

export interface PreparedSecrets {
  secrets: ProfileSecrets;
  warnings: Advisory[];
  problems: string[];
}

/** Cleans and checks the secrets of a `kind`: every slot present and sound, nothing that belongs to another kind. */
export function prepareSecrets(kind: ProfileKind, input: Partial<Record<SecretField, unknown>>): PreparedSecrets {
  const problems: string[] = [];
  const warnings: Advisory[] = [];
  const out: Partial<Record<SecretField, string>> = {};
  const slots = SECRET_SLOTS[kind] ?? [];
  for (const slot of slots) {
    const value = prepareOne(slot, input[slot.field], problems, warnings);
    if (value !== undefined) out[slot.field] = value;
  }
  for (const slot of ALL_SLOTS) {
    if (slots.includes(slot)) continue;
    const raw = input[slot.field];
    if (typeof raw === 'string' && cleanInput(raw) === '') continue;
    if (raw === undefined || raw === null) continue;
    problems.push(
      slot.field === 'securityToken'
        ? 'securityToken: only temporary keys have a security token (use kind temporary-key)'
        : `${slot.field}: ${kind} profiles have no ${slot.label} (only ${kindsWith(slot.field).join(' and ')} profiles do)`,
    );
  }
  return { secrets: out as ProfileSecrets, warnings, problems };
}

function prepareOne(slot: SecretSlot, raw: unknown, problems: string[], warnings: Advisory[]): string | undefined {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    problems.push(`${slot.field}: the ${slot.label} must be text`);
    return undefined;
  }
  if (slot.field === 'password') return preparePassword(raw ?? '', problems, warnings);
  const value = cleanInput(raw ?? '');
  if (!value) {
    problems.push(slot.field === 'securityToken' ? 'securityToken: a temporary key needs its security token' : `${slot.field}: the ${slot.label} is empty`);
    return undefined;
  }
  if (/\s/.test(value) || hasControlChars(value)) {
    problems.push(`${slot.field}: the ${slot.label} contains spaces or line breaks`);
    return undefined;
  }
  if (slot.field === 'secretAccessKey') {
    const w = secretKeyAdvisory(value);
    if (w) warnings.push(w);
  }
  return value;
}

/**
 * A password is kept exactly as typed: spaces may be part of it, so nothing is trimmed (the CLI has
 * already dropped the line ending). Only a leading or trailing space earns a warning, since that is
 * usually a copy-and-paste slip.
 */
function preparePassword(raw: string, problems: string[], warnings: Advisory[]): string | undefined {
  if (raw === '') {
    problems.push('password: the password is empty');
    return undefined;
  }
  if (hasControlChars(raw)) {
    problems.push('password: the password contains line breaks or control characters');
    return undefined;
  }
  if (raw !== raw.trim()) {
    warnings.push({
      level: 'warning',
      code: 'password-spaces',
      field: 'password',
      message: 'The password starts or ends with a space; it was kept exactly as typed. If sign-in fails, enter it again without the space.',
    });
  }
  return raw;
}
