/**
 * The session broker against the IAM emulator (real HTTP, signatures checked with the official SDK's
 * algorithm) and the real keychain. Hours of session time run on a manual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBrokerFixture, OPS, sessionSeed, type BrokerFixture } from '../../support/broker-fixture';
import { createMetadataEmulator } from '../../support/metadata-emulator';
import { totp } from '../../support/iam-emulator/totp';
import { scanForSecrets } from '../../support/secret-scan';
import type { SessionCredentials } from '../../../main/core/sessions/types';

const cli = { kind: 'cli', command: 'test' } as const;
const seed = sessionSeed({ tokenExpiresAt: '2026-11-23T09:00:00.000000Z' });
let fx: BrokerFixture | undefined;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await fx?.close();
  fx = undefined;
  for (const c of cleanups.splice(0)) await c();
});

async function opsKeys(f: BrokerFixture, name = 'ops') {
  return f.add({ name, kind: 'access-key', accessKeyId: OPS.ak, domainId: OPS.domainId, region: 'cn-north-4' }, { secretKey: OPS.sk });
}

async function agency(f: BrokerFixture, name: string, source: string, domain: string, agencyName: string, extra: Record<string, unknown> = {}) {
  return f.add({ name, kind: 'agency', sourceId: f.idOf(source), agencyDomainName: domain, agencyName, durationSeconds: 3600, ...extra });
}

/** Accounts chain-1 … chain-n, each with an agency trusting the account before it (chain-1 trusts acme-ops). */
function chainSeed(n: number) {
  const base = sessionSeed({ tokenExpiresAt: '2026-11-23T09:00:00.000000Z' });
  const domains = Array.from({ length: n }, (_, i) => ({
    id: `c${String(i + 1).padStart(31, '0')}`,
    name: `chain-${i + 1}`,
    agencies: [{ name: `link-${i + 1}`, trustedDomains: [i === 0 ? 'acme-ops' : `chain-${i}`], roles: ['Agent Operator'] }],
  }));
  return { ...base, domains: [...base.domains, ...domains] };
}

function expectFresh(c: SessionCredentials, now: number) {
  expect(c.securityToken).toBeTruthy();
  expect(Date.parse(c.expiresAt!)).toBeGreaterThan(now);
}

describe('every profile kind, end to end', () => {
  it('access-key: serves the stored permanent keys with the profile output fields', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    const c = await fx.broker.getCredentials('ops', cli);
    expect(c).toEqual({ accessKeyId: OPS.ak, secretAccessKey: OPS.sk, region: 'cn-north-4', domainId: OPS.domainId });
    expect(fx.emulator.calls).toHaveLength(0);
  });

  it('temporary-key: serves pasted keys until they expire, then refuses with session.expired', async () => {
    fx = await createBrokerFixture({ seed });
    await fx.add({ name: 'pasted', kind: 'temporary-key', accessKeyId: 'PASTEDKEY00000000001', expiresAt: new Date(fx.clock.now() + 3600_000).toISOString() }, { secretKey: 'S'.repeat(40), securityToken: 'T'.repeat(4000) });
    expect((await fx.broker.getCredentials('pasted', cli)).securityToken).toHaveLength(4000);
    await fx.clock.advance(3600_000);
    await expect(fx.broker.getCredentials('pasted', cli)).rejects.toMatchObject({ code: 'session.expired' });
  });

  it('token: mints temporary keys from a pasted IAM token', async () => {
    fx = await createBrokerFixture({ seed });
    await fx.add({ name: 'tok', kind: 'token', expiresAt: '2026-11-23T09:00:00.000Z', durationSeconds: 3600 }, { authToken: seed.tokens![0]!.token });
    const c = await fx.broker.getCredentials('tok', cli);
    expectFresh(c, fx.clock.now());
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(1);
    expect(fx.emulator.callsTo('securitytokens')[0]!.auth).toBe('token');
  });

  it('account without MFA: password sign-in, then temporary keys; the sign-in token is reused', async () => {
    fx = await createBrokerFixture({ seed });
    await fx.add({ name: 'acct', kind: 'account', domainName: 'acme-ops', userName: 'ops-plain' }, { password: 'Plain-Passw0rd' });
    expectFresh(await fx.broker.getCredentials('acct', cli), fx.clock.now());
    await fx.broker.refreshNow('acct');
    expect(fx.emulator.callsTo('tokens')).toHaveLength(1);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(2);
  });

  it('account with MFA: asks the prompt hook once, emits mfa-needed, and a cancelled prompt is a clear error', async () => {
    const asked: string[] = [];
    let answer: 'code' | 'cancel' | 'wrong' = 'code';
    fx = await createBrokerFixture({
      seed,
      broker: {
        prompt: async (req) => {
          asked.push(`${req.profile}:${req.account}:${req.userName}`);
          if (answer === 'cancel') return null;
          if (answer === 'wrong') return '000000';
          return totp('JBSWY3DPEHPK3PXP', fx!.clock.now());
        },
      },
    });
    await fx.add({ name: 'mfa', kind: 'account', domainName: 'acme-ops', userName: 'ops-mfa', mfaUserId: 'u0000000000000000000000000000002' }, { password: 'Mfa-Passw0rd' });
    const results = await Promise.all(Array.from({ length: 20 }, () => fx!.broker.getCredentials('mfa', cli)));
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect(asked).toEqual(['mfa:acme-ops:ops-mfa']);
    expect(fx.events.filter((e) => e.type === 'mfa-needed')).toHaveLength(1);

    // Within the sign-in token's life a new mint needs no second prompt.
    await fx.broker.refreshNow('mfa');
    expect(asked).toHaveLength(1);

    // Stopping wipes the sign-in token too: the next mint asks again.
    answer = 'cancel';
    await fx.broker.stopSession('mfa');
    await expect(fx.broker.getCredentials('mfa', cli)).rejects.toMatchObject({ code: 'session.mfa-cancelled' });
    expect(asked).toHaveLength(2);
    answer = 'wrong';
    await expect(fx.broker.getCredentials('mfa', cli)).rejects.toMatchObject({ code: expect.stringMatching(/^iam\.mfa/) });
  });

  it('ecs-agency: fetches from the metadata service, token mode and the GET fallback', async () => {
    const meta = await createMetadataEmulator({ tokenMode: 'required' });
    const legacy = await createMetadataEmulator({ tokenMode: 'unsupported-405' });
    cleanups.push(meta.close, legacy.close);
    fx = await createBrokerFixture({ seed });
    await fx.add({ name: 'ecs', kind: 'ecs-agency', metadataUrl: meta.url });
    await fx.add({ name: 'ecs-old', kind: 'ecs-agency', metadataUrl: legacy.url });
    // Metadata keys are minted on the emulator's real clock; compare with real time.
    expect((await fx.broker.getCredentials('ecs', cli)).accessKeyId).toBe(meta.current!.access);
    expect(meta.calls.map((c) => `${c.method} ${c.status} ${c.withToken}`)).toEqual(['PUT 200 false', 'GET 200 true']);
    expect((await fx.broker.getCredentials('ecs-old', cli)).accessKeyId).toBe(legacy.current!.access);
    expect(legacy.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PUT 405', 'GET 200']);
  });

  it('ecs-agency on a server with no agency bound says so', async () => {
    const meta = await createMetadataEmulator({ noAgency: true });
    cleanups.push(meta.close);
    fx = await createBrokerFixture({ seed });
    await fx.add({ name: 'ecs', kind: 'ecs-agency', metadataUrl: meta.url });
    await expect(fx.broker.getCredentials('ecs', cli)).rejects.toMatchObject({ code: 'metadata.no-agency' });
  });

  it('agency: assumes with the source keys; output carries the delegating account', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin', { agencyDomainId: undefined, region: 'cn-east-3', projectId: 'p1' });
    const c = await fx.broker.getCredentials('prod', cli);
    expectFresh(c, fx.clock.now());
    expect(c).toMatchObject({ region: 'cn-east-3', projectId: 'p1' });
    const call = fx.emulator.callsTo('securitytokens')[0]!;
    expect(call).toMatchObject({ auth: 'aksk', accessKeyId: OPS.ak, status: 201 });
  });
});

describe('chains, caching and single-flight', () => {
  it('a 3-link chain signs each assume with the previous link and reuses every link', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin');
    await agency(fx, 'audit', 'prod', 'acme-audit', 'audit-admin');
    await agency(fx, 'archive', 'audit', 'acme-archive', 'archive-read');
    const top = await fx.broker.getCredentials('archive', cli);
    expectFresh(top, fx.clock.now());
    const calls = fx.emulator.callsTo('securitytokens');
    expect(calls.map((c) => c.status)).toEqual([201, 201, 201]);
    expect(calls[0]!.accessKeyId).toBe(OPS.ak);
    const prod = await fx.broker.getCredentials('prod', cli);
    const audit = await fx.broker.getCredentials('audit', cli);
    expect(calls[1]!.accessKeyId).toBe(prod.accessKeyId);
    expect(calls[2]!.accessKeyId).toBe(audit.accessKeyId);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(3);
  });

  it('1,000 concurrent asks on a cold agency profile make exactly 1 IAM call', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin');
    const all = await Promise.all(Array.from({ length: 1000 }, () => fx!.broker.getCredentials('prod', cli)));
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(1);
  });

  it('a restart reuses the keychain cache with zero IAM calls', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin');
    const first = await fx.broker.getCredentials('prod', cli);
    fx.broker.dispose();
    fx.emulator.resetCalls();
    const restarted = await createBrokerFixture({ seed, reuse: { dataDir: fx.dataDir, service: fx.service, clock: fx.clock, emulator: fx.emulator, profiles: fx.profiles } });
    const again = await restarted.broker.getCredentials('prod', cli);
    expect(again).toEqual(first);
    expect(fx.emulator.calls).toHaveLength(0);
    restarted.broker.dispose();
  });

  it('an edited agency never gets credentials minted for its old settings', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    const p = await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin');
    await fx.broker.getCredentials('prod', cli);
    fx.profiles[fx.profiles.indexOf(p)] = { ...p, durationSeconds: 7200 } as never;
    await fx.broker.profileChanged(p.id);
    await fx.broker.getCredentials('prod', cli);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(2);
  });

  it('serves a chain of five agency links and refuses a sixth', async () => {
    fx = await createBrokerFixture({ seed: chainSeed(6) });
    await opsKeys(fx);
    let source = 'ops';
    for (let i = 1; i <= 6; i++) {
      await agency(fx, `link${i}`, source, `chain-${i}`, `link-${i}`);
      source = `link${i}`;
    }
    expectFresh(await fx.broker.getCredentials('link5', cli), fx.clock.now());
    await expect(fx.broker.getCredentials('link6', cli)).rejects.toMatchObject({ code: 'profile.chain-too-long' });
  });

  it('refuses a cycle built behind its back', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    const a = await agency(fx, 'a', 'ops', 'acme-prod', 'prod-admin');
    const b = await agency(fx, 'b', 'a', 'acme-audit', 'audit-admin');
    fx.profiles[fx.profiles.indexOf(a)] = { ...a, sourceId: b.id } as never;
    await fx.broker.profileChanged(a.id);
    await expect(fx.broker.getCredentials('b', cli)).rejects.toMatchObject({ code: 'profile.cycle' });
  });
});

describe('sessions', () => {
  it('stop wipes the cached credentials from memory and the keychain', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    const p = await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin');
    await fx.broker.startSession('prod');
    expect(await fx.secrets.get(`session:${p.id}`)).not.toBeNull();
    await fx.broker.stopSession('prod');
    expect(await fx.secrets.get(`session:${p.id}`)).toBeNull();
    expect(fx.events.map((e) => e.type)).toEqual(['session-started', 'session-stopped']);
    await fx.broker.getCredentials('prod', cli);
    expect(fx.emulator.callsTo('securitytokens')).toHaveLength(2);
  });

  it('24 simulated hours, 50 sessions of 900 s: no expired credentials served, every refresh inside the margin', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    const names = Array.from({ length: 50 }, (_, i) => `s${i}`);
    for (const n of names) await agency(fx, n, 'ops', 'acme-prod', 'prod-admin', { durationSeconds: 900 });
    const expiry = new Map<string, number>();
    for (const n of names) expiry.set(n, Date.parse((await fx.broker.startSession(n)).expiresAt!));
    const marginMs = 600_000;
    const refreshes: Array<{ name: string; remainingMs: number }> = [];
    fx.broker.on((e) => {
      if (e.type === 'session-updated' && e.session.state === 'active') {
        const at = Date.parse(e.session.lastRefreshAt!);
        refreshes.push({ name: e.session.profile, remainingMs: expiry.get(e.session.profile)! - at });
        expiry.set(e.session.profile, Date.parse(e.session.expiresAt!));
      }
    });
    let served = 0;
    const stepMs = 60_000;
    for (let t = 0; t < 24 * 3600_000; t += stepMs) {
      await fx.clock.advance(stepMs);
      await fx.broker.settled();
      if (t % (15 * 60_000) === 0) {
        const now = fx.clock.now();
        for (const n of names) {
          const c = await fx.broker.getCredentials(n, cli);
          expect(Date.parse(c.expiresAt!)).toBeGreaterThan(now);
          served++;
        }
      }
    }
    expect(served).toBe(50 * 96);
    // 900 s keys are renewed when 600 s are left: the served minimum of a 15-minute duration (its life
    // minus 5 minutes), which is later than the margin capped to half the lifetime. The manual clock moves
    // in 60 s steps while the HTTP answer is in flight, so a period is 300–360 s (at most 510 s is asserted).
    expect(refreshes.length).toBeGreaterThanOrEqual(Math.floor((50 * 86_400) / 510));
    for (const r of refreshes) {
      expect(r.remainingMs).toBeGreaterThan(0);
      expect(r.remainingMs).toBeLessThanOrEqual(marginMs);
    }
    expect(fx.broker.alarmList()).toEqual([]);
    // Renewals every 5 minutes instead of 7.5 make this 1.5 times the IAM calls (14,400): allow for a loaded machine.
  }, 600_000);

  it('an IAM outage raises one alarm per affected profile and recovery clears each', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    const names = ['p1', 'p2', 'p3'];
    for (const n of names) await agency(fx, n, 'ops', 'acme-prod', 'prod-admin', { durationSeconds: 900 });
    await agency(fx, 'untouched', 'ops', 'acme-prod', 'prod-admin');
    for (const n of names) await fx.broker.startSession(n);
    fx.emulator.inject('securitytokens', { kind: 'status', status: 503 });
    const raised = () => fx!.events.filter((e) => e.type === 'alarm-raised');
    await fx.run(20 * 60_000, 5_000);
    expect(raised().map((e) => (e.type === 'alarm-raised' ? e.alarm.profile : '')).sort()).toEqual(names);
    expect(fx.broker.alarmList().every((a) => a.failures >= 2 && a.code === 'iam.server')).toBe(true);
    // The outage outlived the keys: sessions are expired and nothing expired is served (the ask retries
    // on the manual clock, so keep moving it until the answer comes).
    for (const n of names) {
      const ask = fx.broker.getCredentials(n, cli).then(
        () => 'served',
        (e: { code?: string }) => e.code,
      );
      let outcome: string | undefined;
      void ask.then((o) => (outcome = o));
      await fx.run(5 * 60_000, 1000, () => outcome !== undefined);
      expect(outcome).toBe('iam.server');
    }

    fx.emulator.clearFaults();
    const cleared = () => fx!.events.filter((e) => e.type === 'alarm-cleared');
    await fx.run(10 * 60_000, 5_000, () => cleared().length === 3);
    expect(cleared().map((e) => (e.type === 'alarm-cleared' ? e.alarm.profile : '')).sort()).toEqual(names);
    expect(raised()).toHaveLength(3);
    expect(fx.broker.alarmList()).toEqual([]);
    for (const n of names) expectFresh(await fx.broker.getCredentials(n, cli), fx.clock.now());
  }, 120_000);

  it('after sleep/wake or a clock jump, expired sessions are renewed at once', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin', { durationSeconds: 900 });
    const started = await fx.broker.startSession('prod');
    fx.clock.jump(3 * 3600_000); // the laptop slept for three hours: no timer fired
    await fx.run(31_000, 1000, () => fx!.events.some((e) => e.type === 'session-updated' && e.session.state === 'active'));
    await fx.broker.settled();
    const view = fx.broker.sessionViews()[0]!;
    expect(Date.parse(view.expiresAt!)).toBeGreaterThan(fx.clock.now());
    expect(view.expiresAt).not.toBe(started.expiresAt);
  });

  it('leaves no secret in any file under the data directory', async () => {
    fx = await createBrokerFixture({ seed });
    await opsKeys(fx);
    await agency(fx, 'prod', 'ops', 'acme-prod', 'prod-admin');
    await fx.broker.startSession('prod');
    const c = await fx.broker.getCredentials('prod', cli);
    const found = await scanForSecrets(fx.dataDir, [OPS.sk, c.secretAccessKey, c.securityToken!]);
    expect(found).toEqual([]);
    // Events and views are for the tray and UI: names, kinds, expiries only.
    await fx.broker.refreshNow('prod');
    await fx.broker.stopSession('prod');
    const published = JSON.stringify([fx.events, fx.broker.sessionViews(), fx.broker.alarmHistory(), await fx.broker.listProfiles()]);
    expect(fx.events.length).toBeGreaterThanOrEqual(3);
    for (const secret of [OPS.sk, c.secretAccessKey, c.securityToken!]) expect(published).not.toContain(secret);
  });
});
