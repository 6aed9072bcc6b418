/**
 * Which IAM and STS endpoints a profile's calls go to, and why.
 *
 * A profile that takes its identity from another one (an agency's source, and any later kind that names
 * a `sourceId`) uses its own endpoint when it sets one; otherwise the nearest source's along the chain
 * that sets one; otherwise the default (the global IAM endpoint; no STS endpoint). So an agency added
 * without `--iam-endpoint` on top of a profile that points at an alliance region, a partner cloud or the
 * emulator assumes its role there, signed with keys that endpoint knows, and never at the public host.
 */
import type { Profile } from './schema';

export type EndpointOrigin = 'profile' | 'source' | 'default';

export interface EndpointChoice {
  /** The base URL; undefined means the default (the IAM client's global endpoint; for STS, none). */
  url: string | undefined;
  from: EndpointOrigin;
  /** With from = 'source': the name of the profile it comes from. */
  sourceName?: string;
}

export interface ProfileEndpoints {
  iam: EndpointChoice;
  sts: EndpointChoice;
}

/** Looks a source profile up by id (undefined when it is missing). */
export type SourceLookup = (id: string) => Profile | undefined | Promise<Profile | undefined>;

/** More than any legal chain (five agencies over a base): a loop from a hand edit cannot spin forever. */
const MAX_WALK = 8;

function sourceIdOf(p: Profile): string | undefined {
  return 'sourceId' in p && typeof p.sourceId === 'string' ? p.sourceId : undefined;
}

function stsOf(p: Profile): string | undefined {
  return 'stsEndpoint' in p && typeof p.stsEndpoint === 'string' ? p.stsEndpoint : undefined;
}

async function choose(top: Profile, field: (p: Profile) => string | undefined, lookup: SourceLookup): Promise<EndpointChoice> {
  let p: Profile | undefined = top;
  for (let i = 0; p && i < MAX_WALK; i++) {
    const url = field(p);
    if (url) return p === top ? { url, from: 'profile' } : { url, from: 'source', sourceName: p.name };
    const next = sourceIdOf(p);
    p = next === undefined ? undefined : await lookup(next);
  }
  return { url: undefined, from: 'default' };
}

export async function resolveEndpoints(profile: Profile, lookup: SourceLookup): Promise<ProfileEndpoints> {
  // A profile without a source is answered without a lookup (the hot path of a cached credential fetch).
  if (sourceIdOf(profile) === undefined) {
    const sts = stsOf(profile);
    return {
      iam: profile.iamEndpoint ? { url: profile.iamEndpoint, from: 'profile' } : { url: undefined, from: 'default' },
      sts: sts ? { url: sts, from: 'profile' } : { url: undefined, from: 'default' },
    };
  }
  const [iam, sts] = await Promise.all([choose(profile, (p) => p.iamEndpoint, lookup), choose(profile, stsOf, lookup)]);
  return { iam, sts };
}

/** One line for `profile show`: the URL and why it is the one used. */
export function describeEndpoint(choice: EndpointChoice, defaultUrl: string | undefined): string {
  if (choice.from === 'profile') return `${choice.url} (set on this profile)`;
  if (choice.from === 'source') return `${choice.url} (inherited from source "${choice.sourceName}")`;
  return defaultUrl ? `${defaultUrl} (default; neither this profile nor its sources set one)` : 'none (neither this profile nor its sources set one)';
}
