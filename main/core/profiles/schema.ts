import { z } from 'zod';
import {
  checkDuration,
  checkEndpoint,
  checkIdentifier,
  checkInstant,
  checkMetadataUrl,
  checkPolicy,
  checkRefreshMargin,
  checkStsEndpoint,
  checkText,
  COLOR_PATTERN,
  NAME_PATTERN,
  REGION_PATTERN,
  SESSION_USER_PATTERN,
} from './validation';

/**
 * The profiles file: non-secret profile definitions only. Secrets live in the keychain under accounts
 * derived from the profile `id` (see secretAccounts), so a rename never moves a secret.
 *
 * Shape: a shared base object, one strict object per kind, and a discriminated union on `kind`.
 * Schemas are strict: an unknown field is an error that names the file, the profile and the field,
 * rather than something silently kept or dropped.
 *
 * The token, account, ecs-agency and agency kinds and the base fields refreshMarginSeconds/toolFiles
 * were added without a version bump: every version-1 file is still valid, only new files use them.
 * Rules that span profiles (an agency's source exists, no loops, at most five agencies chained) are the
 * vault's (chain-rules.ts), checked when a profile is saved, so a hand-edited file with a dangling
 * source still loads and the broker reports it at use.
 */
export const CURRENT_SCHEMA_VERSION = 1;

const instant = z.string().refine((v) => checkInstant(v) === undefined, 'expected an ISO-8601 instant, e.g. 2026-05-01T12:00:00Z');
const identifier = z.string().min(1).refine((v) => checkIdentifier(v) === undefined, 'must not contain spaces or control characters (max 128)');
const text = (max: number) => z.string().refine((v) => checkText(v, max) === undefined, `must be one line of at most ${max} characters`);
const requiredText = (max: number) => text(max).refine((v) => v.trim() !== '', 'must not be empty');
const duration = z.number().refine((v) => checkDuration(v) === undefined, 'must be a whole number of seconds between 900 and 86400');

export const profileNameSchema = z.string().regex(NAME_PATTERN, '1–64 letters, digits, "-", "_" or "."');

/** Which tool configuration files akvault keeps up to date for this profile's sessions (opt-in, off when absent). */
export const toolFilesSchema = z.strictObject({
  sdkCredentials: z.boolean().optional(),
  koocli: z.boolean().optional(),
  obsutil: z.boolean().optional(),
});
export type ToolFiles = z.infer<typeof toolFilesSchema>;
export const TOOL_FILES: readonly (keyof ToolFiles)[] = ['sdkCredentials', 'koocli', 'obsutil'];

/** A session policy: `{Version, Statement[]}`; see checkPolicy. */
export const policySchema = z
  .strictObject({
    Version: z.string().min(1),
    Statement: z.array(z.record(z.string(), z.json())),
  })
  .refine((v) => checkPolicy(v) === undefined, 'expected a policy like {"Version": "1.1", "Statement": [...]}');
export type SessionPolicy = z.infer<typeof policySchema>;

const baseShape = {
  id: z.uuid(),
  name: profileNameSchema,
  /** Account name and ID (Huawei calls the account a "domain"). */
  domainName: text(128).optional(),
  domainId: identifier.optional(),
  userName: text(128).optional(),
  userId: identifier.optional(),
  region: z.string().regex(REGION_PATTERN, 'expected a region such as cn-north-4').optional(),
  projectId: identifier.optional(),
  iamEndpoint: z
    .string()
    .refine((v) => checkEndpoint(v) === undefined, 'expected an https:// URL (http:// only to localhost)')
    .optional(),
  description: text(500).optional(),
  color: z.string().regex(COLOR_PATTERN, 'expected a colour such as #3366cc').optional(),
  /** Overrides the app's refresh margin for this profile's sessions. */
  refreshMarginSeconds: z
    .number()
    .refine((v) => checkRefreshMargin(v) === undefined, 'must be a whole number of seconds between 120 and 86400')
    .optional(),
  toolFiles: toolFilesSchema.optional(),
  createdAt: instant,
  updatedAt: instant,
};

/** Permanent AK/SK; the SK is in the keychain. */
export const accessKeyProfileSchema = z.strictObject({
  ...baseShape,
  kind: z.literal('access-key'),
  accessKeyId: z.string().min(1),
});

/** Temporary AK/SK/security token pasted from elsewhere; SK and token are in the keychain. */
export const temporaryKeyProfileSchema = z.strictObject({
  ...baseShape,
  kind: z.literal('temporary-key'),
  accessKeyId: z.string().min(1),
  expiresAt: instant,
});

/** An IAM token (X-Auth-Token) pasted with its expiry; the token is in the keychain (`authToken`). */
export const tokenProfileSchema = z.strictObject({
  ...baseShape,
  kind: z.literal('token'),
  expiresAt: instant,
  /** Lifetime of the temporary keys minted from the token. */
  durationSeconds: duration.optional(),
});

/** Password sign-in as an IAM user; the password is in the keychain. MFA is on exactly when mfaUserId is set. */
export const accountProfileSchema = z.strictObject({
  ...baseShape,
  kind: z.literal('account'),
  domainName: requiredText(128),
  userName: requiredText(128),
  /** The IAM user *ID* TOTP sign-in names (huawei-iam.md §5.2), not the user name. */
  mfaUserId: identifier.optional(),
  durationSeconds: duration.optional(),
});

/** Temporary keys of the agency bound to the ECS server akvault runs on. No secret. */
export const ecsAgencyProfileSchema = z.strictObject({
  ...baseShape,
  kind: z.literal('ecs-agency'),
  metadataUrl: z
    .string()
    .refine((v) => checkMetadataUrl(v) === undefined, 'expected an http:// or https:// URL without user name, password or query')
    .optional(),
});

/** Temporary keys from assuming an agency with another profile's credentials. No secret. */
export const agencyProfileSchema = z
  .strictObject({
    ...baseShape,
    kind: z.literal('agency'),
    /** The source profile, by id so a rename never breaks the chain. */
    sourceId: z.uuid(),
    /** The delegating account: exactly one of name and ID. */
    agencyDomainName: requiredText(128).optional(),
    agencyDomainId: identifier.optional(),
    agencyName: requiredText(128),
    durationSeconds: duration,
    sessionUserName: z.string().regex(SESSION_USER_PATTERN, '5–32 characters: a letter, then letters, digits, "_" or "-"').optional(),
    policy: policySchema.optional(),
    /** v3 (IAM securitytokens, the default) or v5 (STS AssumeAgency). */
    api: z.enum(['v3', 'v5']).optional(),
    stsEndpoint: z
      .string()
      .refine((v) => checkStsEndpoint(v) === undefined, 'expected an https:// URL (http:// only to localhost)')
      .optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.agencyDomainName === undefined) === (p.agencyDomainId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['agencyDomainName'], message: 'exactly one of agencyDomainName and agencyDomainId must be set' });
    }
    if (p.api === 'v5') {
      if (p.agencyDomainId === undefined) ctx.addIssue({ code: 'custom', path: ['agencyDomainId'], message: 'STS v5 needs the delegating account ID' });
      if (p.stsEndpoint === undefined) ctx.addIssue({ code: 'custom', path: ['stsEndpoint'], message: 'STS v5 needs the STS endpoint' });
    }
  });

export const profileSchema = z.discriminatedUnion('kind', [
  accessKeyProfileSchema,
  temporaryKeyProfileSchema,
  tokenProfileSchema,
  accountProfileSchema,
  ecsAgencyProfileSchema,
  agencyProfileSchema,
]);

export type Profile = z.infer<typeof profileSchema>;
export type AccessKeyProfile = z.infer<typeof accessKeyProfileSchema>;
export type TemporaryKeyProfile = z.infer<typeof temporaryKeyProfileSchema>;
export type TokenProfile = z.infer<typeof tokenProfileSchema>;
export type AccountProfile = z.infer<typeof accountProfileSchema>;
export type EcsAgencyProfile = z.infer<typeof ecsAgencyProfileSchema>;
export type AgencyProfile = z.infer<typeof agencyProfileSchema>;
export type ProfileKind = Profile['kind'];
export const PROFILE_KINDS: readonly ProfileKind[] = ['access-key', 'temporary-key', 'token', 'account', 'ecs-agency', 'agency'];

export const profilesFileSchema = z
  .strictObject({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    defaultProfile: profileNameSchema.nullable(),
    profiles: z.array(profileSchema),
  })
  .superRefine((file, ctx) => {
    const names = new Map<string, number>();
    const ids = new Set<string>();
    file.profiles.forEach((p, i) => {
      const key = p.name.toLowerCase();
      if (names.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['profiles', i, 'name'], message: `duplicate name (also used by profiles[${names.get(key)}])` });
      } else names.set(key, i);
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: 'duplicate id' });
      ids.add(p.id);
    });
    if (file.defaultProfile !== null && !file.profiles.some((p) => p.name === file.defaultProfile)) {
      ctx.addIssue({ code: 'custom', path: ['defaultProfile'], message: 'names no profile in this file' });
    }
  });

export type ProfilesFile = z.infer<typeof profilesFileSchema>;

export function emptyProfilesFile(): ProfilesFile {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, defaultProfile: null, profiles: [] };
}

/** The access key ID of the kinds that store one (access-key, temporary-key); minted kinds have none. */
export function accessKeyIdOf(p: Profile): string | null {
  return 'accessKeyId' in p ? p.accessKeyId : null;
}
