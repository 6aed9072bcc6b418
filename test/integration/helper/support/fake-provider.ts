/**
 * A CredentialProvider for helper tests: fixed profiles whose credentials are a value, a function of
 * the clock (for keys that rotate) or an error to throw. Records every call.
 */
import type { Clock } from '../../../../main/core/clock';
import type { Consumer, CredentialProvider, SessionCredentials } from '../../../../main/core/sessions/types';
import { AkvaultError } from '../../../../main/core/errors';

export type FakeSource = SessionCredentials | ((now: number) => SessionCredentials) | Error;

export interface FakeProfile {
  kind: string;
  region?: string;
  source: FakeSource;
}

export class FakeProvider implements CredentialProvider {
  readonly calls: Array<{ profile: string; consumer: Consumer }> = [];

  constructor(
    readonly profiles: Record<string, FakeProfile>,
    public defaultProfile: string | null,
    private readonly clock: Clock,
  ) {}

  async listProfiles() {
    return Object.entries(this.profiles).map(([name, p]) => ({
      name,
      kind: p.kind,
      ...(p.region ? { region: p.region } : {}),
    }));
  }

  async getCredentials(profile: string, consumer: Consumer): Promise<SessionCredentials> {
    this.calls.push({ profile, consumer });
    const p = this.profiles[profile];
    if (!p) throw new AkvaultError('profile.not-found', `No profile named "${profile}".`, { params: { profile } });
    if (p.source instanceof Error) throw p.source;
    return typeof p.source === 'function' ? p.source(this.clock.now()) : p.source;
  }

  async getDefaultProfile(): Promise<string | null> {
    return this.defaultProfile;
  }
}

/**
 * Temporary keys that change every `lifetimeMs` of clock time, counted from `start`: generation n is
 * valid until start + (n+1)·lifetime, like a broker that re-issues keys once the old ones run out.
 */
export function rotatingKeys(start: number, lifetimeMs: number, extra: Partial<SessionCredentials> = {}) {
  return (now: number): SessionCredentials => {
    const generation = Math.floor((now - start) / lifetimeMs);
    return {
      accessKeyId: `AKTEMP${String(generation).padStart(4, '0')}`,
      secretAccessKey: `SKTEMP-SECRET-${generation}-0123456789abcdef`,
      securityToken: `ST-SECRET-TOKEN-${generation}-${'x'.repeat(64)}`,
      expiresAt: new Date(start + (generation + 1) * lifetimeMs).toISOString(),
      ...extra,
    };
  };
}
