import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What the emulator starts with: accounts (domains) holding users and agencies, plus optional
 * pre-issued tokens. See seed.example.json.
 */

const accessKey = z.object({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  status: z.enum(['active', 'inactive']).default('active'),
  description: z.string().default(''),
  createdAt: z.string().default('2025-01-01T00:00:00.000000Z'),
});

const user = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  password: z.string().min(1),
  /** Base32, as an authenticator app shows it; when set the user must log in with a TOTP code. */
  totpSecret: z.string().optional(),
  /** "Agent Operator" lets the user switch to agencies; "Security Administrator" manages others' keys. */
  roles: z.array(z.string()).default([]),
  accessKeys: z.array(accessKey).max(2).default([]),
});

const agency = z.object({
  name: z.string().min(1),
  /** Accounts (by name or ID) allowed to switch to this agency. */
  trustedDomains: z.array(z.string()).min(1),
  /** If not empty, only these user IDs (of a trusted account) may switch. */
  trustedUserIds: z.array(z.string()).default([]),
  maxDurationSeconds: z.number().int().min(900).max(86_400).default(86_400),
  /** Roles the agency grants its sessions (e.g. "Agent Operator" to allow chaining on). */
  roles: z.array(z.string()).default([]),
});

const domain = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  users: z.array(user).default([]),
  agencies: z.array(agency).default([]),
});

const token = z.object({
  token: z.string().min(1),
  userId: z.string().min(1),
  expiresAt: z.string().min(1),
});

export const seedSchema = z.object({
  domains: z.array(domain).min(1),
  tokens: z.array(token).default([]),
});

export type Seed = z.output<typeof seedSchema>;
export type SeedInput = z.input<typeof seedSchema>;
export type SeedDomain = Seed['domains'][number];
export type SeedUser = SeedDomain['users'][number];
export type SeedAgency = SeedDomain['agencies'][number];

/** Reads a seed from a JSON file (path or file URL) or takes an object; validated either way. */
export function loadSeed(source: string | URL | SeedInput): Seed {
  const raw: unknown = typeof source === 'string' || source instanceof URL ? JSON.parse(readFileSync(source, 'utf8')) : source;
  return seedSchema.parse(raw);
}

export const exampleSeedPath = new URL('./seed.example.json', import.meta.url);
