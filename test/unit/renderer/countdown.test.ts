import { describe, expect, it } from 'vitest';
import { countdownParts, nextChangeIn, remainingMs, urgency } from '../../../renderer/src/lib/countdown';
import { createTranslator } from '../../../i18n';

// The component's formatter, without React: the same keys.
const format = (locale: 'en' | 'zh-CN', ms: number) => {
  const tr = createTranslator(locale);
  const p = countdownParts(ms);
  if (p.kind === 'expired') return tr.t('countdown.expired');
  if (p.kind === 'hm') return tr.t('time.hoursMinutes', { h: p.h, m: p.m });
  if (p.kind === 'm') return tr.t('time.minutes', { count: p.m });
  return tr.t('time.minutesSeconds', { m: p.m, s: p.s });
};

describe('countdown', () => {
  it('splits into hours+minutes, minutes, then minutes+seconds in the last ten minutes', () => {
    expect(countdownParts(65 * 60_000 + 1)).toEqual({ kind: 'hm', h: 1, m: 6 });
    expect(countdownParts(42 * 60_000)).toEqual({ kind: 'm', m: 42 });
    expect(countdownParts(10 * 60_000)).toEqual({ kind: 'm', m: 10 });
    expect(countdownParts(10 * 60_000 - 1)).toEqual({ kind: 'ms', m: 10, s: 0 });
    expect(countdownParts(4 * 60_000 + 9_300)).toEqual({ kind: 'ms', m: 4, s: 10 });
    expect(countdownParts(0)).toEqual({ kind: 'expired' });
    expect(countdownParts(-5)).toEqual({ kind: 'expired' });
  });

  it('formats for the locale', () => {
    expect(format('en', 65 * 60_000)).toBe('1 h 5 min');
    expect(format('zh-CN', 65 * 60_000)).toBe('1 小时 5 分钟');
    expect(format('en', 42 * 60_000)).toBe('42 min');
    expect(format('en', 4 * 60_000 + 9_000)).toBe('4 min 9 s');
    expect(format('zh-CN', 4 * 60_000 + 9_000)).toBe('4 分 9 秒');
    expect(format('zh-CN', 0)).toBe('已过期');
  });

  it('wakes up exactly when the text changes: each second at the end, each minute before', () => {
    expect(nextChangeIn(4 * 60_000 + 9_300)).toBe(300);
    expect(nextChangeIn(4 * 60_000)).toBe(1000);
    expect(nextChangeIn(42 * 60_000 + 20_000)).toBe(20_000);
    expect(nextChangeIn(42 * 60_000)).toBe(60_000);
    // Crossing into the seconds display is a change too.
    expect(nextChangeIn(10 * 60_000 + 30_000)).toBe(30_000);
    expect(nextChangeIn(10 * 60_000)).toBe(50);
  });

  it('grades urgency against the refresh margin', () => {
    expect(urgency(60 * 60_000, 10 * 60_000)).toBe('ok');
    expect(urgency(8 * 60_000, 10 * 60_000)).toBe('soon');
    expect(urgency(4 * 60_000, 10 * 60_000)).toBe('critical');
    expect(urgency(0)).toBe('expired');
    expect(remainingMs('2026-01-01T00:01:00Z', Date.parse('2026-01-01T00:00:00Z'))).toBe(60_000);
    expect(remainingMs('not a date', 0)).toBeUndefined();
  });
});
