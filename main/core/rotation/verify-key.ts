/**
 * Proves a new key works with one signed call (caller identity), allowing for IAM taking a few
 * seconds to accept a key it has just created: a few attempts, spaced out, bounded. Failures that
 * waiting cannot fix (a lock-out, a clock off by minutes, a TLS problem, a bad setting) stop at once.
 */
import type { Clock } from '../clock';
import { type AkvaultError, asAkvaultError } from '../errors';
import type { IamClient } from '../iam/client';
import type { CallerIdentity, KeySource } from '../iam/types';
import type { VerifyPolicy } from './types';

const HOPELESS = new Set(['iam.ak-locked', 'iam.clock-skew', 'iam.tls', 'validation', 'usage']);

export async function verifyNewKey(iam: Pick<IamClient, 'callerIdentity'>, keys: KeySource, policy: VerifyPolicy, clock: Clock): Promise<CallerIdentity> {
  let last: AkvaultError | undefined;
  for (let attempt = 1; attempt <= Math.max(1, policy.attempts); attempt++) {
    try {
      return await iam.callerIdentity(keys);
    } catch (e) {
      last = asAkvaultError(e);
      if (HOPELESS.has(last.code) || attempt >= policy.attempts) break;
      const delays = policy.delaysMs.length > 0 ? policy.delaysMs : [0];
      await clock.sleep(delays[Math.min(attempt - 1, delays.length - 1)]!);
    }
  }
  throw last!;
}
