/**
 * The profile manager's shell: landmarks (banner, navigation, main), the current view, alarms,
 * toasts, the open dialog and the in-page MFA prompt; applies theme and language to the document.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageKey } from '../../i18n';
import { AlarmBanner } from './components/AlarmBanner';
import { ExpiryAnnouncer } from './components/ExpiryAnnouncer';
import { MfaDialog } from './components/MfaDialog';
import { Toasts } from './components/Toasts';
import { translateError } from './i18n/translate';
import { useT } from './i18n/useT';
import { useApp, type ViewName } from './store';
import { AlarmsView } from './views/AlarmsView';
import { AuditView } from './views/AuditView';
import { DiagnosticsView } from './views/DiagnosticsView';
import { DialogHost } from './views/DialogHost';
import { ImportView } from './views/ImportView';
import { ProfilesView } from './views/ProfilesView';
import { SettingsView } from './views/SettingsView';
import { VaultScreen } from './views/VaultScreen';
import { VaultStatus } from './components/VaultStatus';

const NAV: ReadonlyArray<[ViewName, MessageKey]> = [
  ['profiles', 'nav.profiles'],
  ['import', 'nav.import'],
  ['alarms', 'nav.alarms'],
  ['audit', 'nav.audit'],
  ['settings', 'nav.settings'],
  ['diagnostics', 'nav.diagnostics'],
];

function useDocumentSettings() {
  const tr = useT();
  const theme = useApp((s) => s.snapshot?.settings.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = tr.locale;
    document.title = tr.t('app.title');
  }, [tr]);
}

function Nav() {
  const tr = useT();
  const { view, setView, alarms } = useApp(useShallow((s) => ({ view: s.view, setView: s.setView, alarms: s.snapshot?.alarms.length ?? 0 })));
  return (
    <nav className="nav" aria-label={tr.t('nav.label')}>
      <ul>
        {NAV.map(([name, key]) => (
          <li key={name}>
            <button type="button" className="nav-item" aria-current={view === name ? 'page' : undefined} onClick={() => setView(name)} data-testid={`nav-${name}`}>
              {tr.t(key)}
              {name === 'alarms' && alarms > 0 ? (
                <span className="badge badge-error" aria-label={tr.t('nav.alarmCount', { count: alarms })}>
                  {alarms}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function KeychainBanner() {
  const tr = useT();
  const keychain = useApp((s) => s.snapshot?.keychain);
  if (!keychain || keychain.state === 'available') return null;
  return (
    <p className="banner banner-error" role="alert">
      {keychain.state === 'locked' ? tr.t('keychain.lockedBanner') : tr.t('keychain.unavailableBanner', { backend: keychain.backend })}
    </p>
  );
}

function CurrentView() {
  const view = useApp((s) => s.view);
  switch (view) {
    case 'profiles':
      return <ProfilesView />;
    case 'import':
      return <ImportView />;
    case 'alarms':
      return <AlarmsView />;
    case 'audit':
      return <AuditView />;
    case 'diagnostics':
      return <DiagnosticsView />;
    case 'settings':
      return <SettingsView />;
  }
}

export function App() {
  const tr = useT();
  useDocumentSettings();
  const { ready, loadError, view, vaultState } = useApp(
    useShallow((s) => ({ ready: s.snapshot !== null, loadError: s.loadError, view: s.view, vaultState: s.snapshot?.vault?.state })),
  );
  const vaultClosed = vaultState === 'absent' || vaultState === 'locked' ? vaultState : null;

  // A new view: focus its main region so keyboard and screen reader users land there.
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement?.closest('.nav')) main.focus();
  }, [view]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {tr.t('app.skip')}
      </a>
      <header className="app-header">
        <span className="brand">{tr.t('app.name')}</span>
        <Nav />
        <VaultStatus />
      </header>
      {vaultClosed ? null : <KeychainBanner />}
      <AlarmBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        {loadError ? (
          <p role="alert" className="banner banner-error">
            {tr.t('app.loadFailed', { message: translateError(tr, loadError) })}
          </p>
        ) : !ready ? (
          <p aria-busy="true" className="muted">
            {tr.t('common.loading')}
          </p>
        ) : vaultClosed ? (
          <VaultScreen key={vaultClosed} state={vaultClosed} />
        ) : (
          <CurrentView />
        )}
      </main>
      <Toasts />
      <ExpiryAnnouncer />
      {ready && !vaultClosed ? <DialogHost /> : null}
      <MfaDialog />
    </div>
  );
}
