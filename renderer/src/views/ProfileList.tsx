import type { ProfileView } from '../../../preload/contract';

const kindLabel: Record<ProfileView['kind'], string> = {
  'access-key': 'Access key',
  'temporary-key': 'Temporary key',
  token: 'Token',
  account: 'Account',
  'ecs-agency': 'ECS agency',
  agency: 'Agency',
};

/** Profiles grouped by account (domain name), the default one marked. */
export function ProfileList({ profiles, defaultProfile, total }: { profiles: ProfileView[]; defaultProfile: string | null; total: number }) {
  if (total === 0) return <p className="empty">No profiles yet. Add one with “akvault profile add” or import a credentials.csv.</p>;
  if (profiles.length === 0) return <p className="empty">No profile matches the search.</p>;
  const groups = new Map<string, ProfileView[]>();
  for (const p of profiles) {
    const key = p.domainName ?? p.domainId ?? 'No account';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return (
    <div className="profile-groups">
      {[...groups].map(([account, items]) => (
        <section key={account} aria-label={`Account ${account}`}>
          <h2>{account}</h2>
          <ul className="profile-list">
            {items.map((p) => (
              <li key={p.id} className="profile" data-testid="profile-row">
                <span className="profile-name">{p.name}</span>
                {p.name === defaultProfile ? <span className="badge">default</span> : null}
                <span className="profile-kind">{kindLabel[p.kind]}</span>
                <span className="profile-meta">{[p.region, p.accessKeyId].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
