import { expect } from 'vitest';
import { type Clock, systemClock } from '../../../main/core/clock';
import { AkvaultError } from '../../../main/core/errors';
import { AuthFailureGuard, IamClient, type IamClientOptions, type KeySource } from '../../../main/core/iam';
import { exampleSeedPath } from '../../support/iam-emulator/seed';
import { createIamEmulator, type IamEmulator } from '../../support/iam-emulator/server';

// The default fetch honours proxy variables: keep loopback direct wherever these tests run.
process.env.NO_PROXY = [process.env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(',');

/** Real timers, with a wall clock a test can move (client and emulator share one so dates agree). */
export class ShiftableClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  setTimeout(fn: () => void, ms: number) {
    return systemClock.setTimeout(fn, ms);
  }
  sleep(ms: number, signal?: AbortSignal) {
    return systemClock.sleep(ms, signal);
  }
  shift(ms: number): void {
    this.offset += ms;
  }
}

export async function startEmulator(clock: Clock = new ShiftableClock()): Promise<IamEmulator> {
  return createIamEmulator({ seed: exampleSeedPath, clock });
}

/** A client with short timeouts and backoffs, its own lock-out guard and no jitter. */
export function clientFor(emulator: IamEmulator, clock: Clock, opts: Partial<IamClientOptions> = {}): IamClient {
  return new IamClient({
    iamEndpoint: emulator.url,
    stsEndpoint: emulator.url,
    clock,
    timeoutMs: 1_000,
    retry: { baseDelayMs: 5, maxDelayMs: 40, deadlineMs: 10_000 },
    random: () => 0.5,
    authGuard: new AuthFailureGuard(),
    ...opts,
  });
}

export function seeded(emulator: IamEmulator, userName: string) {
  for (const domain of emulator.seed.domains) {
    const user = domain.users.find((u) => u.name === userName);
    if (user) {
      const keys: KeySource[] = user.accessKeys.map((k) => ({ type: 'keys', accessKeyId: k.accessKeyId, secretAccessKey: k.secretAccessKey, domainId: domain.id }));
      return { domain, user, keys, key: keys[0] as KeySource };
    }
  }
  throw new Error(`no seeded user ${userName}`);
}

export function domainId(emulator: IamEmulator, name: string): string {
  const d = emulator.seed.domains.find((x) => x.name === name);
  if (!d) throw new Error(`no seeded account ${name}`);
  return d.id;
}

/** The AkvaultError a promise rejects with. */
export async function failure(p: Promise<unknown>): Promise<AkvaultError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AkvaultError);
    return e as AkvaultError;
  }
  throw new Error('expected the call to fail');
}

/** No secret may appear in what an error shows or carries. */
export function expectNoSecrets(e: AkvaultError, secrets: Array<string | undefined>): void {
  const shown = `${e.message}\n${e.hint ?? ''}\n${JSON.stringify(e.toJSON())}\n${e.describe()}`;
  for (const s of secrets) if (s) expect(shown).not.toContain(s);
  expect(shown).not.toMatch(/verify aksk signature fail|SDK-HMAC-SHA256/);
}
