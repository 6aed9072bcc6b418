import { z } from 'zod';
import {
  checkEndpoint,
  checkIdentifier,
  checkInstant,
  checkText,
  COLOR_PATTERN,
  NAME_PATTERN,
  REGION_PATTERN,
} from './validation';

/**
 * The profiles file: non-secret profile definitions only. Secrets live in the keychain under accounts
 * derived from the profile `id` (see secretAccounts), so a rename never moves a secret.
 *
 * Shape: a shared base object, one strict object per kind, and a discriminated union on `kind`. Later
 * kinds (token, account, ecs-agency, agency) are new per-kind objects added to PROFILE_KINDS' union.
 * Schemas are strict: an unknown field is an error that names the file, the profile and the field,
 * rather than something silently kept or dropped.
 */
export const CURRENT_SCHEMA_VERSION = 1;

const instant = z.string().refine((v) => checkInstant(v) === undefined, 'expected an ISO-8601 instant, e.g. 2026-05-01T12:00:00Z');
const identifier = z.string().min(1).refine((v) => checkIdentifier(v) === undefined, 'must not contain spaces or control characters (max 128)');
const text = (max: number) => z.string().refine((v) => checkText(v, max) === undefined, `must be one line of at most ${max} characters`);

export const profileNameSchema = z.string().regex(NAME_PATTERN, '1–64 letters, digits, "-", "_" or "."');

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

export const profileSchema = z.discriminatedUnion('kind', [accessKeyProfileSchema, temporaryKeyProfileSchema]);

export type Profile = z.infer<typeof profileSchema>;
export type AccessKeyProfile = z.infer<typeof accessKeyProfileSchema>;
export type TemporaryKeyProfile = z.infer<typeof temporaryKeyProfileSchema>;
export type ProfileKind = Profile['kind'];
export const PROFILE_KINDS: readonly ProfileKind[] = ['access-key', 'temporary-key'];

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

/** The access key ID of kinds that have one (later kinds, e.g. token, have none). */
export function accessKeyIdOf(p: Profile): string | null {
  return 'accessKeyId' in p ? p.accessKeyId : null;
}
