/** Alarms raised now, at the top of every view: an alert, so a screen reader hears a new one at once. */
import { useT } from '../i18n/useT';
import { translateError } from '../i18n/translate';
import { useApp } from '../store';
import type { AlarmView } from '../../../preload/contract';

const NONE: AlarmView[] = [];

export function AlarmBanner() {
  const tr = useT();
  const alarms = useApp((s) => s.snapshot?.alarms ?? NONE);
  const setView = useApp((s) => s.setView);
  return (
    <div role="alert" className="alarm-banner-host" data-testid="alarm-banner">
      {alarms.length > 0 ? (
        <div className="banner banner-error alarm-banner">
          <span>
            <span aria-hidden="true">⚠ </span>
            {alarms.length === 1
              ? tr.t(alarms[0]!.kind === 'expired' ? 'alarm.bannerExpired' : 'alarm.bannerRefresh', {
                  profile: alarms[0]!.profile,
                  message: translateError(tr, { code: alarms[0]!.code, message: alarms[0]!.message, params: {} }),
                })
              : tr.t('alarm.bannerMany', { count: alarms.length })}
          </span>
          <button type="button" className="button button-small" onClick={() => setView('alarms')}>
            {tr.t('alarm.view')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
