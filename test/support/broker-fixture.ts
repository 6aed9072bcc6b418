/**
 * A session broker wired to real parts for tests: the IAM emulator on loopback (checking signatures),
 * the real keychain (inside build/scripts/with-keyring.sh) or a memory store, a manual clock shared by
 * the broker and the emulator, and profiles validated by the real schema.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IamClient } from '../../main/core/iam/client';
import { AuthFailureGuard } from '../../main/core/iam/lockout';
import { profileSchema, type Profile } from '../../main/core/profiles/schema';
import { createDefaultSecretStore } from '../../main/core/secrets/default-store';
import { MemorySecretStore } from '../../main/core/secrets/memory-store';
import { SealedSecretStore } from '../../main/core/secrets/sealed-store';
import { secretAccounts, type SecretStore } from '../../main/core/secrets/secret-store';
import { SessionBroker, type BrokerOptions } from '../../main/core/sessions/broker';
import type { BrokerEvent } from '../../main/core/sessions/events';
import { createIamEmulator, type IamEmulator } from './iam-emulator/server';
import type { SeedInput } from './iam-emulator/seed';
import { ManualClock } from './manual-clock';

export interface BrokerFixtureOptions {
  seed: SeedInput;
  keychain?: 'real' | 'memory';
  broker?: Partial<BrokerOptions>;
  /** Reuse the data dir and keychain service of an earlier fixture (a restart). */
  reuse?: { dataDir: string; service: string; clock: ManualClock; emulator: IamEmulator; profiles: Profile[] };
}

export type ProfileSpec = Record<string, unknown> & { name: string; kind: Profile['kind'] };

export async function createBrokerFixture(opts: BrokerFixtureOptions) {
  const clock = opts.reuse?.clock ?? new ManualClock();
  const emulator = opts.reuse?.emulator ?? (await createIamEmulator({ seed: opts.seed, clock }));
  const dataDir = opts.reuse?.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'akvault-broker-')));
  const service = opts.reuse?.service ?? `akvault-test-${randomUUID().slice(0, 8)}`;
  const secrets: SecretStore =
    (opts.keychain ?? 'real') === 'real'
      ? createDefaultSecretStore(dataDir, { AKVAULT_KEYCHAIN_SERVICE: service })
      : new SealedSecretStore(new MemorySecretStore(), { sealedDir: path.join(dataDir, 'sealed'), namespace: service });
  const profiles: Profile[] = opts.reuse?.profiles ?? [];
  const events: BrokerEvent[] = [];
  const prompts: string[] = [];
  // One lock-out guard per fixture, so a test's bad signatures never leak into another's.
  const authGuard = new AuthFailureGuard();
  const broker = new SessionBroker({
    loadProfiles: async () => profiles.map((p) => profileSchema.parse(p)),
    cacheProfiles: true,
    secrets,
    clock,
    iamClient: (iamEndpoint, stsEndpoint) =>
      new IamClient({ iamEndpoint: iamEndpoint ?? emulator.url, stsEndpoint: stsEndpoint ?? emulator.url, clock, authGuard, retry: { baseDelayMs: 200 } }),
    ...opts.broker,
  });
  broker.on((e) => events.push(e));

  const fixture = {
    clock,
    emulator,
    dataDir,
    service,
    secrets,
    broker,
    events,
    prompts,
    profiles,
    /** Adds a profile (validated by the real schema) and stores its secrets under the real account names. */
    async add(spec: ProfileSpec, secret: Partial<Record<'secretKey' | 'securityToken' | 'password' | 'authToken', string>> = {}): Promise<Profile> {
      const now = new Date(clock.now()).toISOString();
      const profile = profileSchema.parse({ id: randomUUID(), createdAt: now, updatedAt: now, ...spec });
      for (const [which, value] of Object.entries(secret)) await secrets.set(secretAccounts[which as keyof typeof secret](profile.id), value!);
      profiles.push(profile);
      await broker.profileChanged(profile.id);
      return profile;
    },
    idOf(name: string): string {
      return profiles.find((p) => p.name === name)!.id;
    },
    /** Moves the manual clock in steps, giving real I/O (HTTP to the emulator) a moment between steps. */
    async run(ms: number, stepMs = 1000, until?: () => boolean): Promise<void> {
      for (let t = 0; t < ms; t += stepMs) {
        if (until?.()) return;
        await clock.advance(stepMs);
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    async close(opts: { keepEmulator?: boolean } = {}) {
      broker.dispose();
      if (!opts.keepEmulator) await emulator.close();
      for (const p of profiles) for (const a of secretAccounts.ofProfile(p.id)) await secrets.delete(a).catch(() => undefined);
      if (!opts.keepEmulator) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}
export type BrokerFixture = Awaited<ReturnType<typeof createBrokerFixture>>;

/** A seed with an operator account and a chain of accounts, each trusting the one before. */
export function sessionSeed(opts: { tokenExpiresAt: string }): SeedInput {
  return {
    domains: [
      {
        id: 'a0000000000000000000000000000001',
        name: 'acme-ops',
        users: [
          {
            id: 'u0000000000000000000000000000001',
            name: 'ops-alice',
            password: 'Alice-Passw0rd',
            roles: ['Agent Operator'],
            accessKeys: [{ accessKeyId: 'OPSALICEKEY000000001', secretAccessKey: 'OpsAliceSecret00000000000000000000000001' }],
          },
          { id: 'u0000000000000000000000000000002', name: 'ops-mfa', password: 'Mfa-Passw0rd', totpSecret: 'JBSWY3DPEHPK3PXP', roles: ['Agent Operator'] },
          { id: 'u0000000000000000000000000000003', name: 'ops-plain', password: 'Plain-Passw0rd', roles: ['Agent Operator'] },
        ],
      },
      {
        id: 'a0000000000000000000000000000002',
        name: 'acme-prod',
        agencies: [{ name: 'prod-admin', trustedDomains: ['acme-ops'], roles: ['Agent Operator'] }],
      },
      {
        id: 'a0000000000000000000000000000003',
        name: 'acme-audit',
        agencies: [{ name: 'audit-admin', trustedDomains: ['acme-prod'], roles: ['Agent Operator'] }],
      },
      {
        id: 'a0000000000000000000000000000004',
        name: 'acme-archive',
        agencies: [{ name: 'archive-read', trustedDomains: ['acme-audit'] }],
      },
    ],
    tokens: [{ token: 'MIIpastedTokenForOpsAlice-' + 'x'.repeat(3000), userId: 'u0000000000000000000000000000001', expiresAt: opts.tokenExpiresAt }],
  };
}

export const OPS = { ak: 'OPSALICEKEY000000001', sk: 'OpsAliceSecret00000000000000000000000001', domainId: 'a0000000000000000000000000000001' };
