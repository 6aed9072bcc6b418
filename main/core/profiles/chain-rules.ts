import { AkvaultError } from '../errors';
import type { AgencyProfile, Profile, ProfilesFile } from './schema';
import type { Advisory } from './validation';

/**
 * Rules that span profiles: an agency assumes its role with its source profile's credentials, and the
 * source may itself be an agency. Checked by the vault inside the locked file update, so two writers
 * cannot build a loop between them (each re-reads the file the other just wrote).
 *
 * A chain is written top first, `top ← middle ← base`: each profile gets its credentials from the one
 * to its right. At most MAX_CHAIN_AGENCIES agencies may be stacked on the base.
 */
export const MAX_CHAIN_AGENCIES = 5;
/** STS v5 caps a chained session (one signed with temporary keys) at one hour (huawei-iam.md §4.1). */
const V5_CHAINED_MAX_SECONDS = 3600;

export interface ChainWalk {
  /** Top first. On a loop, the profile met again is appended once more so the loop can be named. */
  links: Profile[];
  end: 'base' | 'missing' | 'loop';
  /** With end = 'missing': the source id that names no profile (its agency is the last link). */
  missingSourceId?: string;
}

export function isAgency(p: Profile | undefined): p is AgencyProfile {
  return p?.kind === 'agency';
}

/** Follows agency sources from `top` down to the first non-agency profile, a dangling id or a loop. */
export function walkChain(profiles: readonly Profile[], top: Profile): ChainWalk {
  return walkWith(indexById(profiles), top);
}

function indexById(profiles: readonly Profile[]): ReadonlyMap<string, Profile> {
  return new Map(profiles.map((p) => [p.id, p] as const));
}

function walkWith(byId: ReadonlyMap<string, Profile>, top: Profile): ChainWalk {
  const links: Profile[] = [top];
  const seen = new Set([top.id]);
  let current = top;
  while (isAgency(current)) {
    const next = byId.get(current.sourceId);
    if (!next) return { links, end: 'missing', missingSourceId: current.sourceId };
    links.push(next);
    if (seen.has(next.id)) return { links, end: 'loop' };
    seen.add(next.id);
    current = next;
  }
  return { links, end: 'base' };
}

/** `top ← middle ← base`. */
export function describeChain(links: readonly Profile[]): string {
  return links.map((p) => p.name).join(' ← ');
}

function agencyCount(walk: ChainWalk): number {
  return new Set(walk.links.filter(isAgency).map((p) => p.id)).size;
}

/** The agencies that name `id` as their source. */
export function dependentsOf(profiles: readonly Profile[], id: string): AgencyProfile[] {
  return profiles.filter((p): p is AgencyProfile => isAgency(p) && p.sourceId === id);
}

/**
 * Checks the chain of the profile that was just added or changed, and of every agency stacked on it
 * (re-pointing a middle link can make a longer chain above it). Throws profile.not-found,
 * profile.cycle, profile.chain-too-long or validation; returns advisories for what IAM may refuse.
 * Chains that do not pass through `changedId` are left alone: a problem a hand edit made elsewhere
 * must not block an unrelated change.
 */
export function checkChainRules(file: ProfilesFile, changedId: string): Advisory[] {
  const changed = file.profiles.find((p) => p.id === changedId);
  if (!changed) return [];
  // One index for every walk: a save stays linear-ish even with thousands of profiles.
  const byId = indexById(file.profiles);
  const warnings: Advisory[] = [];
  if (isAgency(changed)) {
    const walk = walkWith(byId, changed);
    checkWalk(changed, changed, walk);
    warnings.push(...sourceAdvisories(changed, walk.links[1]!));
  }
  // Nothing stacked on it (the usual case, and always for a new profile): no other chain can change.
  if (dependentsOf(file.profiles, changedId).length === 0) return warnings;
  for (const top of file.profiles) {
    if (top.id === changedId || !isAgency(top)) continue;
    const walk = walkWith(byId, top);
    if (walk.links.some((p) => p.id === changedId)) checkWalk(top, changed, walk);
  }
  return warnings;
}

function checkWalk(top: AgencyProfile, changed: Profile, walk: ChainWalk): void {
  const chain = describeChain(walk.links);
  if (walk.end === 'missing') {
    const broken = walk.links[walk.links.length - 1]!;
    const own = broken.id === top.id;
    throw new AkvaultError(
      'profile.not-found',
      own ? `The source profile of agency "${top.name}" does not exist.` : `The chain of "${top.name}" (${chain}) is broken: the source of "${broken.name}" no longer exists.`,
      {
        params: { name: top.name, sourceId: walk.missingSourceId ?? null },
        hint: own ? 'Choose an existing profile as the source (`akvault profile list`).' : `Point "${broken.name}" at an existing profile first (\`akvault profile update ${broken.name} --source NAME\`).`,
      },
    );
  }
  if (walk.end === 'loop') {
    throw new AkvaultError('profile.cycle', `Agency "${changed.name}" would be part of a loop of sources: ${chain}.`, {
      params: { name: changed.name, loop: chain },
      hint: 'Choose a source that does not lead back to this profile: every chain must end at an access-key, temporary-key, token, account or ecs-agency profile. Nothing was changed.',
    });
  }
  const count = agencyCount(walk);
  if (count > MAX_CHAIN_AGENCIES) {
    const whose = top.id === changed.id ? `"${top.name}"` : `"${top.name}", which is stacked on "${changed.name}",`;
    throw new AkvaultError(
      'profile.chain-too-long',
      `The chain of ${whose} would be ${count} agencies long (${chain}); at most ${MAX_CHAIN_AGENCIES} agencies may be chained.`,
      {
        params: { name: top.name, links: count, max: MAX_CHAIN_AGENCIES, chain },
        hint: 'Point an agency in the chain at a source closer to the base (e.g. the base profile itself). Nothing was changed.',
      },
    );
  }
}

/** What the broker would refuse or IAM reject at use, said when the agency is saved. */
function sourceAdvisories(agency: AgencyProfile, source: Profile): Advisory[] {
  if (agency.api !== 'v5') return [];
  if (source.kind === 'token' || source.kind === 'account') {
    throw new AkvaultError(
      'validation',
      `Invalid profile: sourceId: agency "${agency.name}" uses STS v5, which signs with access keys, but its source "${source.name}" is a ${source.kind} profile.`,
      { params: { fields: 'sourceId', name: agency.name }, hint: 'Use the v3 API for this agency, or choose a source with access keys.' },
    );
  }
  const temporarySource = source.kind !== 'access-key';
  if (temporarySource && agency.durationSeconds > V5_CHAINED_MAX_SECONDS) {
    return [
      {
        level: 'warning',
        code: 'v5-chained-duration',
        field: 'durationSeconds',
        message: `STS v5 allows at most ${V5_CHAINED_MAX_SECONDS} s for a session assumed with temporary keys (the source "${source.name}" has temporary keys), but the duration is ${agency.durationSeconds} s. Saved anyway; lower it if IAM refuses.`,
      },
    ];
  }
  return [];
}

/** Refuses to remove a profile that agencies still use as their source. */
export function checkRemovable(file: ProfilesFile, profile: Profile): void {
  const dependents = dependentsOf(file.profiles, profile.id);
  if (dependents.length === 0) return;
  const names = dependents.map((d) => `"${d.name}"`).join(', ');
  throw new AkvaultError('profile.in-use', `Profile "${profile.name}" is the source of ${dependents.length === 1 ? 'agency' : 'agencies'} ${names}.`, {
    params: { name: profile.name, dependents: dependents.map((d) => d.name).join(',') },
    hint: `Remove ${dependents.length === 1 ? 'that agency' : 'those agencies'} or point ${dependents.length === 1 ? 'it' : 'them'} at another source first (\`akvault profile update NAME --source OTHER\`). Nothing was changed.`,
  });
}
