/**
 * Clock skew against IAM, from the `Date` header of one unauthenticated request. IAM refuses a signed
 * request whose X-Sdk-Date is off by more than 15 minutes, and expiry countdowns are computed on this
 * machine's clock, so a skewed clock looks like "signature failed" or keys that expire early.
 */
import type { Clock } from '../clock';
import type { FetchLike } from '../iam/fetch';
import type { Check } from './types';

export const SKEW_WARN_MS = 60_000;
export const SKEW_FAIL_MS = 5 * 60_000;

export async function checkClockSkew(endpoints: readonly string[], fetch: FetchLike, clock: Clock, timeoutMs = 5_000): Promise<Check> {
  const problems: string[] = [];
  for (const endpoint of endpoints) {
    const before = clock.now();
    let date: string | null;
    try {
      const res = await fetch(endpoint, { method: 'GET', headers: {}, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      date = res.headers.get('date');
      await res.text().catch(() => '');
    } catch (e) {
      problems.push(`${endpoint}: ${(e as Error).message ?? 'unreachable'}`);
      continue;
    }
    const after = clock.now();
    const server = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(server)) {
      problems.push(`${endpoint} sent no Date header`);
      continue;
    }
    // The header has whole seconds: compare with the middle of the exchange and allow its resolution.
    const skew = Math.round((before + after) / 2 - server);
    const seconds = Math.round(skew / 1000);
    const details = { endpoint, skewSeconds: seconds };
    const direction = skew > 0 ? 'ahead of' : 'behind';
    if (Math.abs(skew) >= SKEW_FAIL_MS) {
      return {
        id: 'clock',
        status: 'fail',
        summary: `This machine's clock is ${Math.abs(seconds)} s ${direction} IAM (${new URL(endpoint).host}).`,
        fix: 'Turn on automatic time (NTP): `timedatectl set-ntp true` on Linux, Date & Time settings on macOS and Windows.',
        details,
      };
    }
    if (Math.abs(skew) >= SKEW_WARN_MS) {
      return { id: 'clock', status: 'warn', summary: `This machine's clock is ${Math.abs(seconds)} s ${direction} IAM.`, fix: 'Turn on automatic time (NTP).', details };
    }
    return { id: 'clock', status: 'ok', summary: `Within ${Math.max(1, Math.abs(seconds))} s of IAM (${new URL(endpoint).host}).`, details };
  }
  return {
    id: 'clock',
    status: 'warn',
    summary: `Could not reach IAM to compare clocks: ${problems.join('; ') || 'no endpoint'}.`,
    fix: 'Check the network and the proxy settings below (HTTPS_PROXY / NO_PROXY for the CLI).',
    details: { endpoints: endpoints.join(', ') },
  };
}
