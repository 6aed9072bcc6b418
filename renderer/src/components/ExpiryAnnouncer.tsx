/**
 * Tells a screen reader, once each, when a running session gets close to expiry or expires — the
 * moments a countdown matters — without reading every tick.
 */
import { useEffect, useRef, useState } from 'react';
import { CRITICAL_BELOW_MS } from '../lib/countdown';
import { useT } from '../i18n/useT';
import { appStore } from '../store';

const CHECK_EVERY_MS = 5000;

export function ExpiryAnnouncer() {
  const tr = useT();
  const [message, setMessage] = useState('');
  const announced = useRef(new Map<string, 'critical' | 'expired'>());

  useEffect(() => {
    const check = () => {
      const sessions = appStore.getState().snapshot?.sessions ?? [];
      const now = Date.now();
      const lines: string[] = [];
      const seen = new Set<string>();
      for (const s of sessions) {
        if (!s.expiresAt) continue;
        const left = Date.parse(s.expiresAt) - now;
        const key = `${s.profile}@${s.expiresAt}`;
        seen.add(key);
        const level = left <= 0 ? 'expired' : left < CRITICAL_BELOW_MS ? 'critical' : null;
        if (!level || announced.current.get(key) === level) continue;
        announced.current.set(key, level);
        lines.push(level === 'expired' ? tr.t('announce.expired', { profile: s.profile }) : tr.t('announce.expiring', { profile: s.profile, count: Math.ceil(left / 60_000) }));
      }
      for (const key of announced.current.keys()) if (!seen.has(key)) announced.current.delete(key);
      if (lines.length) setMessage(lines.join(' '));
    };
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [tr]);

  return (
    <div className="visually-hidden" aria-live="assertive" data-testid="expiry-announcer">
      {message}
    </div>
  );
}
