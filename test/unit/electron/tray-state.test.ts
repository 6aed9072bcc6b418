import { describe, expect, it } from 'vitest';
import { hasCountdown, trayStatus, trayTooltip } from '../../../main/electron/tray-state';
import { createTranslator } from '../../../i18n';
import { alarm, inMinutes, NOW, profile, session, snapshot, teamProfiles } from './support/snapshots';

const en = createTranslator('en');
const zh = createTranslator('zh-CN');

describe('tray state', () => {
  it('is idle, active or alarm', () => {
    expect(trayStatus(null)).toBe('idle');
    expect(trayStatus(snapshot())).toBe('idle');
    expect(trayStatus(snapshot({ sessions: [session('a')] }))).toBe('active');
    expect(trayStatus(snapshot({ sessions: [session('a')], alarms: [alarm('a')] }))).toBe('alarm');
    expect(trayStatus(snapshot({ sessions: [session('a', { state: 'expired' })] }))).toBe('alarm');
    expect(trayStatus(snapshot({ keychain: { state: 'unavailable', backend: 'none', message: 'no Secret Service' } }))).toBe('alarm');
  });

  it('tooltip: the default profile and its time left, in either language', () => {
    const s = snapshot({ profiles: teamProfiles(), defaultProfile: 'prod-admin', sessions: [session('prod-admin', { expiresAt: inMinutes(125) })] });
    expect(trayTooltip(s, en, NOW)).toBe('akvault — prod-admin, 2 h 5 min left');
    expect(trayTooltip(s, zh, NOW)).toBe('akvault — prod-admin，剩余 2 小时 5 分钟');
  });

  it('tooltip: pasted temporary keys count down without a session', () => {
    const s = snapshot({ profiles: teamProfiles(), defaultProfile: 'dev-temp' });
    expect(trayTooltip(s, en, NOW)).toBe('akvault — dev-temp, 1 h 30 min left');
    expect(trayTooltip(s, en, NOW + 91 * 60_000)).toBe('akvault — dev-temp expired');
  });

  it('tooltip: permanent keys, no default, alarms', () => {
    expect(trayTooltip(snapshot({ profiles: [profile('p')], defaultProfile: 'p' }), en, NOW)).toBe('akvault — p');
    expect(trayTooltip(snapshot(), zh, NOW)).toBe('akvault — 未设置默认配置');
    expect(trayTooltip(snapshot({ alarms: [alarm('a'), alarm('b')] }), en, NOW)).toBe('akvault — no default profile\n2 alarms');
    expect(trayTooltip(null, en, NOW)).toBe('akvault — no default profile');
  });

  it('knows when minutes are ticking on screen', () => {
    expect(hasCountdown(snapshot(), NOW)).toBe(false);
    expect(hasCountdown(snapshot({ sessions: [session('a', { expiresAt: inMinutes(10) })] }), NOW)).toBe(true);
    expect(hasCountdown(snapshot({ sessions: [session('a', { expiresAt: inMinutes(-1) })] }), NOW)).toBe(false);
    expect(hasCountdown(snapshot({ sessions: [session('a')] }), NOW)).toBe(false);
    expect(hasCountdown(snapshot({ profiles: teamProfiles(), defaultProfile: 'dev-temp' }), NOW)).toBe(true);
    // The menu shows every pasted key's time left on its entry, default or not.
    expect(hasCountdown(snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' }), NOW)).toBe(true);
    expect(hasCountdown(snapshot({ profiles: teamProfiles(), defaultProfile: 'ops-alice' }), NOW + 91 * 60_000)).toBe(false);
  });
});
