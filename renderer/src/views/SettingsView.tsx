/**
 * Settings: each change applies at once (toggles and choices on change, numbers when the field is
 * left or Enter is pressed, after an inline range check). Language goes through setLocale and shows
 * immediately; theme is applied by the shell from the snapshot.
 */
import { useEffect, useId, useState } from 'react';
import type { SettingsPatchView, SettingsView as Settings } from '../../../preload/contract';
import { api } from '../api';
import { failed } from '../actions';
import { Field } from '../components/Field';
import type { Locale, MessageKey } from '../../../i18n';
import { useT } from '../i18n/useT';
import { appStore, useApp, type LanguagePreference } from '../store';

type NumberKey = 'refreshMarginSeconds' | 'clipboardClearSeconds' | 'defaultDurationSeconds' | 'notifyBeforeExpiryMinutes' | 'helperPort';
const RANGES: Record<NumberKey, [number, number]> = {
  refreshMarginSeconds: [120, 86_400],
  clipboardClearSeconds: [5, 3600],
  defaultDurationSeconds: [900, 86_400],
  notifyBeforeExpiryMinutes: [0, 120],
  helperPort: [0, 65_535],
};

async function save(patch: SettingsPatchView): Promise<boolean> {
  try {
    await api().updateSettings(patch);
    appStore.getState().pushToast({ tone: 'success', message: { key: 'settings.saved' } });
    return true;
  } catch (e) {
    failed(e);
    return false;
  }
}

/**
 * A choice shown as made at once: the control follows the person's pick until main's snapshot catches
 * up (or goes back if main refused it).
 */
function useSetting<T>(stored: T): [T, (next: T, patch: SettingsPatchView) => void] {
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  const change = (next: T, patch: SettingsPatchView) => {
    setValue(next);
    void save(patch).then((ok) => {
      if (!ok) setValue(stored);
    });
  };
  return [value, change];
}

function ToggleSetting({ settings, field, labelKey, testId }: { settings: Settings; field: 'helperEnabled' | 'launchAtLogin'; labelKey: MessageKey; testId: string }) {
  const tr = useT();
  const [on, change] = useSetting(settings[field]);
  return (
    <label className="check">
      <input type="checkbox" checked={on} onChange={(e) => change(e.target.checked, { [field]: e.target.checked })} data-testid={testId} />
      {tr.t(labelKey)}
    </label>
  );
}

function ThemeSetting({ settings }: { settings: Settings }) {
  const tr = useT();
  const [theme, change] = useSetting(settings.theme);
  return (
    <fieldset className="fieldset fieldset-inline" data-testid="setting-theme">
      <legend className="field-label">{tr.t('settings.theme')}</legend>
      <div className="radio-row">
        {(['system', 'light', 'dark'] as const).map((t) => (
          <label key={t} className="check">
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => change(t, { theme: t })} />
            {tr.t(t === 'system' ? 'settings.theme.system' : t === 'light' ? 'settings.theme.light' : 'settings.theme.dark')}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function NumberSetting({ settings, field, labelKey, hintKey }: { settings: Settings; field: NumberKey; labelKey: MessageKey; hintKey: MessageKey }) {
  const tr = useT();
  const stored = String(settings[field]);
  const [value, setValue] = useState(stored);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setValue(stored), [stored]);
  const [min, max] = RANGES[field];
  const commit = () => {
    if (value === stored) return setError(undefined);
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) return setError(tr.t('settings.range', { min, max }));
    setError(undefined);
    void save({ [field]: n });
  };
  return (
    <Field label={tr.t(labelKey)} hint={tr.t(hintKey)} error={error}>
      {(control) => (
        <input
          {...control}
          className="input input-number"
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
          data-testid={`setting-${field}`}
        />
      )}
    </Field>
  );
}

export function SettingsView() {
  const tr = useT();
  const headingId = useId();
  const settings = useApp((s) => s.snapshot?.settings);
  const helper = useApp((s) => s.snapshot?.helper);
  const keychain = useApp((s) => s.snapshot?.keychain);
  const pendingLanguage = useApp((s) => s.pendingLanguage);
  if (!settings) return null;

  const pickLanguage = async (language: LanguagePreference) => {
    const resolved: Locale | null = language === 'system' ? null : language;
    appStore.getState().pickLanguage(language, resolved);
    try {
      await api().setLocale(language);
    } catch (e) {
      appStore.getState().dropLanguagePick();
      failed(e);
    }
  };

  const helperStatus =
    helper?.state === 'running'
      ? tr.t('settings.helper.running', { address: helper.url ?? `127.0.0.1:${helper.port ?? ''}` })
      : helper?.state === 'starting'
        ? tr.t('settings.helper.starting')
        : helper?.state === 'failed'
          ? tr.t('settings.helper.failed', { code: helper.errorCode ?? '' })
          : tr.t('settings.helper.off');

  return (
    <section className="page settings" aria-labelledby={headingId}>
      <h1 id={headingId}>{tr.t('settings.title')}</h1>

      <fieldset className="fieldset">
        <legend>{tr.t('settings.appearance')}</legend>
        <Field label={tr.t('settings.language')} hint={tr.t('settings.languageHint')}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={pendingLanguage ?? settings.language}
              onChange={(e) => void pickLanguage(e.target.value as LanguagePreference)}
              data-testid="setting-language"
            >
              <option value="system">{tr.t('settings.language.system')}</option>
              <option value="en" lang="en">
                {tr.t('settings.language.en')}
              </option>
              <option value="zh-CN" lang="zh-CN">
                {tr.t('settings.language.zh')}
              </option>
            </select>
          )}
        </Field>
        <ThemeSetting settings={settings} />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{tr.t('settings.sessions')}</legend>
        <div className="form-grid">
          <NumberSetting settings={settings} field="refreshMarginSeconds" labelKey="settings.refreshMargin" hintKey="settings.refreshMarginHint" />
          <NumberSetting settings={settings} field="defaultDurationSeconds" labelKey="settings.defaultDuration" hintKey="settings.defaultDurationHint" />
          <NumberSetting settings={settings} field="notifyBeforeExpiryMinutes" labelKey="settings.notifyBefore" hintKey="settings.notifyBeforeHint" />
          <NumberSetting settings={settings} field="clipboardClearSeconds" labelKey="settings.clipboardClear" hintKey="settings.clipboardClearHint" />
        </div>
      </fieldset>

      <fieldset className="fieldset">
        <legend>{tr.t('settings.helper')}</legend>
        <ToggleSetting settings={settings} field="helperEnabled" labelKey="settings.helperEnabled" testId="setting-helperEnabled" />
        <p className="muted" role="status">
          {helperStatus}
        </p>
        <NumberSetting settings={settings} field="helperPort" labelKey="settings.helperPort" hintKey="settings.helperPortHint" />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{tr.t('settings.system')}</legend>
        <ToggleSetting settings={settings} field="launchAtLogin" labelKey="settings.launchAtLogin" testId="setting-launchAtLogin" />
        {keychain ? (
          <p className="muted">
            {tr.t('settings.keychain', {
              backend: keychain.backend,
              state: tr.t(keychain.state === 'available' ? 'keychain.available' : keychain.state === 'locked' ? 'keychain.locked' : 'keychain.unavailable'),
            })}
          </p>
        ) : null}
        <p className="muted small">{tr.t('settings.toolFilesNote')}</p>
      </fieldset>
    </section>
  );
}
