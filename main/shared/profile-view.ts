/**
 * A stored profile as the page may see it: an allowlist of non-secret fields (a field added to the
 * profile schema later stays in main until someone adds it here on purpose), plus the source
 * profile's name for agencies so the page need not resolve ids.
 */
import type { ProfileView } from '../../preload/contract';
import type { Profile } from '../core/profiles/schema';

const VIEW_FIELDS = [
  'id',
  'name',
  'kind',
  'accessKeyId',
  'domainName',
  'domainId',
  'userName',
  'userId',
  'region',
  'projectId',
  'iamEndpoint',
  'description',
  'color',
  'expiresAt',
  'refreshMarginSeconds',
  'toolFiles',
  'durationSeconds',
  'mfaUserId',
  'metadataUrl',
  'sourceId',
  'agencyDomainName',
  'agencyDomainId',
  'agencyName',
  'sessionUserName',
  'policy',
  'api',
  'stsEndpoint',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof ProfileView)[];

export function toProfileView(p: Profile, nameOfId: (id: string) => string | undefined = () => undefined): ProfileView {
  const source = p as unknown as Record<string, unknown>;
  const v: Record<string, unknown> = {};
  for (const key of VIEW_FIELDS) {
    const value = source[key];
    if (value !== undefined && value !== null) v[key] = value;
  }
  if (typeof source.sourceId === 'string') {
    const name = nameOfId(source.sourceId);
    if (name) v.sourceProfile = name;
  }
  return v as ProfileView;
}

export function toProfileViews(profiles: readonly Profile[]): ProfileView[] {
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  return profiles.map((p) => toProfileView(p, (id) => names.get(id)));
}
