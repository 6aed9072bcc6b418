import type { ChainWalk } from '../../core/profiles/chain-rules';
import { accessKeyIdOf, type Profile } from '../../core/profiles/schema';
import { DEFAULT_METADATA_URL } from '../../core/profiles/validation';

/**
 * How the CLI shows profiles: one summary per kind for tables, every stored (non-secret) field for
 * JSON. Profiles hold no secrets, so nothing here can print one.
 */

/** Profile id → name, to show an agency's source by name. */
export type NameOf = (id: string) => string | undefined;

export function namesOf(profiles: readonly Profile[]): NameOf {
  const byId = new Map(profiles.map((p) => [p.id, p.name] as const));
  return (id) => byId.get(id);
}

/** The kind-specific summary of a profile (the DETAILS column). */
export function detailsOf(p: Profile, nameOf: NameOf): string {
  switch (p.kind) {
    case 'access-key':
    case 'temporary-key':
      return p.accessKeyId;
    case 'token':
      return `IAM token${p.durationSeconds ? `, keys for ${p.durationSeconds}s` : ''}`;
    case 'account':
      return `${p.userName}@${p.domainName}, MFA ${p.mfaUserId ? 'on' : 'off'}`;
    case 'ecs-agency':
      return `metadata ${p.metadataUrl ?? DEFAULT_METADATA_URL}`;
    case 'agency':
      return `${p.agencyDomainName ?? p.agencyDomainId}/${p.agencyName} ← ${sourceLabel(p.sourceId, nameOf)}${p.api === 'v5' ? ' (v5)' : ''}`;
  }
}

function sourceLabel(id: string, nameOf: NameOf): string {
  return nameOf(id) ?? '(missing source)';
}

/** The one-line confirmation after an add; key kinds keep their long-standing wording. */
export function addedLine(p: Profile, nameOf: NameOf): string {
  const ak = accessKeyIdOf(p);
  if (ak !== null) return `Added profile "${p.name}" (${p.kind}, access key ${ak}).`;
  return `Added profile "${p.name}" (${p.kind}: ${detailsOf(p, nameOf)}).`;
}

export function expiresOf(p: Profile): string {
  return p.kind === 'temporary-key' || p.kind === 'token' ? p.expiresAt : '-';
}

/** A profile as the CLI prints it in JSON: every stored field, whether it is the default, and an agency's source by name. */
export function profileJson(p: Profile, defaultName: string | null, nameOf: NameOf): Record<string, unknown> {
  // id, name and kind first: the stored order follows the schema, which puts the kind late.
  const { id, name, kind, ...rest } = p;
  return {
    id,
    name,
    kind,
    ...rest,
    accessKeyId: accessKeyIdOf(p),
    ...(p.kind === 'agency' ? { source: nameOf(p.sourceId) ?? null } : {}),
    default: p.name === defaultName,
  };
}

/** `top ← middle ← base`, marking a dangling source or a loop (both only possible after a hand edit). */
export function chainText(walk: ChainWalk): string {
  const names = walk.links.map((p) => p.name).join(' ← ');
  if (walk.end === 'missing') return `${names} ← (missing source)`;
  if (walk.end === 'loop') return `${names} (loop)`;
  return names;
}

/** `key  value` lines for `profile show`; objects (policy, tool files) as compact JSON. */
export function showLines(fields: Record<string, unknown>): string {
  const rows = Object.entries(fields)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)] as const);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join('');
}
