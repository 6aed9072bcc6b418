/**
 * A live countdown to `expiresAt`, computed locally and formatted for the locale. Each instance
 * schedules its own next tick for exactly when its text changes (each second in the last ten
 * minutes, each minute before), so a list of them costs nothing between changes.
 */
import { useEffect, useState } from 'react';
import type { Translator } from '../../../i18n';
import { countdownParts, nextChangeIn, remainingMs, urgency, type CountdownParts } from '../lib/countdown';
import { useT } from '../i18n/useT';

export function formatCountdown(tr: Translator, parts: CountdownParts): string {
  switch (parts.kind) {
    case 'expired':
      return tr.t('countdown.expired');
    case 'hm':
      return tr.t('time.hoursMinutes', { h: parts.h, m: parts.m });
    case 'm':
      return tr.t('time.minutes', { count: parts.m });
    case 'ms':
      return tr.t('time.minutesSeconds', { m: parts.m, s: parts.s });
  }
}

/** Re-renders when the text for `expiresAt` changes; returns now. */
export function useCountdownClock(expiresAt: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const ms = remainingMs(expiresAt, now);
    if (ms === undefined || ms <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), nextChangeIn(ms));
    return () => clearTimeout(timer);
  }, [expiresAt, now]);
  return now;
}

export function Countdown({ expiresAt, soonBelowMs, prefix }: { expiresAt: string; soonBelowMs?: number; prefix?: 'left' | 'none' }) {
  const tr = useT();
  const now = useCountdownClock(expiresAt);
  const ms = remainingMs(expiresAt, now);
  if (ms === undefined) return null;
  const parts = countdownParts(ms);
  const text = formatCountdown(tr, parts);
  const level = urgency(ms, soonBelowMs);
  return (
    <time className={`countdown countdown-${level}`} dateTime={expiresAt} title={tr.t('countdown.expiresAt', { time: tr.dateTime(expiresAt) })} data-testid="countdown">
      {parts.kind === 'expired' || prefix === 'none' ? text : tr.t('countdown.left', { time: text })}
    </time>
  );
}
