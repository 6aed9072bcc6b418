import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from './store';
import { ProfileList } from './views/ProfileList';

export function App() {
  const { snapshot, loadError, filter, setFilter } = useApp(
    useShallow((s) => ({ snapshot: s.snapshot, loadError: s.loadError, filter: s.filter, setFilter: s.setFilter })),
  );
  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = snapshot?.profiles ?? [];
    return q ? all.filter((p) => [p.name, p.kind, p.domainName, p.region, p.accessKeyId].some((v) => v?.toLowerCase().includes(q))) : all;
  }, [snapshot, filter]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>akvault</h1>
        {snapshot && snapshot.keychain.state !== 'available' ? (
          <p role="alert" className="banner banner-error">
            Keychain {snapshot.keychain.state}: {snapshot.keychain.message}
          </p>
        ) : null}
        <label className="search">
          <span className="visually-hidden">Search profiles</span>
          <input type="search" placeholder="Search profiles" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </header>
      <main>
        {loadError ? (
          <p role="alert" className="banner banner-error">
            {loadError}
          </p>
        ) : !snapshot ? (
          <p aria-busy="true">Loading…</p>
        ) : (
          <ProfileList profiles={visible} defaultProfile={snapshot.defaultProfile} total={snapshot.profiles.length} />
        )}
      </main>
    </div>
  );
}
