import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Notifier, type NotificationSpec } from '../../../main/electron/notifications';
import { createTranslator } from '../../../i18n';
import { alarm, inMinutes, NOW, session, snapshot } from './support/snapshots';

function setup(lang: 'en' | 'zh-CN' = 'en') {
  const shown: NotificationSpec[] = [];
  const openMfaPrompt = vi.fn();
  const notifier = new Notifier({ show: (n) => shown.push(n), translator: () => createTranslator(lang), openMfaPrompt, now: () => Date.now() });
  return { shown, notifier, openMfaPrompt };
}

describe('notifications', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('alarm raised and cleared', () => {
    const { shown, notifier } = setup();
    notifier.onBrokerEvent({ type: 'alarm-raised', alarm: alarm('prod-admin') });
    notifier.onBrokerEvent({ type: 'alarm-cleared', alarm: alarm('prod-admin'), clearedAt: inMinutes(1) });
    notifier.onBrokerEvent({ type: 'session-updated', session: session('prod-admin') });
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'akvault alarm: prod-admin', body: 'Refreshing the keys failed: IAM could not be reached (ECONNREFUSED). akvault retries on its own.' },
      { title: 'Alarm cleared: prod-admin', body: 'The keys of prod-admin are refreshing normally again.' },
    ]);
  });

  it('MFA needed: clicking opens the prompt', () => {
    const { shown, notifier, openMfaPrompt } = setup('zh-CN');
    notifier.onBrokerEvent({ type: 'mfa-needed', profile: 'ops-mfa', account: 'acme-ops', userName: 'mfa-user' });
    expect(shown[0]).toMatchObject({ title: '需要 MFA 验证码', body: '配置 ops-mfa 正以 IAM用户 mfa-user 登录账号 acme-ops，点击此处输入验证码。' });
    shown[0]!.onClick!();
    expect(openMfaPrompt).toHaveBeenCalledTimes(1);
  });

  it('warns once before pasted temporary keys expire (they cannot auto-refresh)', async () => {
    const { shown, notifier } = setup();
    const s = snapshot({ sessions: [session('dev-temp', { kind: 'temporary-key', expiresAt: inMinutes(30) }), session('prod-admin', { kind: 'agency', expiresAt: inMinutes(30) })] });
    notifier.onSnapshot(s);
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(25 * 60_000 - 1);
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown.map((n) => n.title)).toEqual(['dev-temp expires soon']);
    expect(shown[0]!.body).toContain('expire in 5 min');
    notifier.onSnapshot({ ...s, version: 2 });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(shown).toHaveLength(1);
  });

  it('warns at once when the lead time has already begun, and never with the setting at 0', () => {
    const a = setup();
    a.notifier.onSnapshot(snapshot({ sessions: [session('t', { kind: 'temporary-key', expiresAt: inMinutes(2) })] }));
    expect(a.shown).toHaveLength(1);
    const b = setup();
    const s = snapshot({ sessions: [session('t', { kind: 'temporary-key', expiresAt: inMinutes(2) })] });
    b.notifier.onSnapshot({ ...s, settings: { ...s.settings, notifyBeforeExpiryMinutes: 0 } });
    expect(b.shown).toHaveLength(0);
  });

  it('a tray action failure says what went wrong', () => {
    const { shown, notifier } = setup('zh-CN');
    notifier.actionFailed('There is no profile named "x".');
    expect(shown[0]).toMatchObject({ title: 'akvault 操作失败', body: 'There is no profile named "x".' });
  });
});
