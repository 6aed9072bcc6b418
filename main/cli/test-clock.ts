/**
 * A test-only clock hook for end-to-end tests of expiry and renewal in real child processes: with
 * `AKVAULT_TEST_HOOKS=1` and `AKVAULT_TEST_CLOCK_FILE=<file>`, "now" is the system time plus the number
 * of milliseconds written in that file (re-read on every call, so a test moves time while the process
 * runs). Without both variables it does nothing, and nothing else reads them.
 */
import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from '../core/clock';

export function clockFromEnv(env: NodeJS.ProcessEnv): Clock | undefined {
  const file = env.AKVAULT_TEST_CLOCK_FILE;
  if (env.AKVAULT_TEST_HOOKS !== '1' || !file) return undefined;
  const offset = () => {
    try {
      const ms = Number(readFileSync(file, 'utf8').trim());
      return Number.isFinite(ms) ? ms : 0;
    } catch {
      return 0;
    }
  };
  return { now: () => Date.now() + offset(), setTimeout: systemClock.setTimeout, sleep: systemClock.sleep };
}
