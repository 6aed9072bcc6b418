/**
 * An agency without an IAM endpoint of its own uses its source's: two IAM emulators, the "default" one
 * (what the fixture's client uses for a profile without an endpoint) and the source's own. Every call
 * must reach the source's, signed with the source's key; the default one must see nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../../main/core/profiles/endpoints';
import { createBrokerFixture, OPS, sessionSeed, type BrokerFixture } from '../../support/broker-fixture';
import { createIamEmulator, type IamEmulator } from '../../support/iam-emulator/server';

const seed = sessionSeed({ tokenExpiresAt: '2099-12-31T00:00:00.000000Z' });
const cli = { kind: 'cli', command: 'test' } as const;
let fx: BrokerFixture | undefined;
let partner: IamEmulator | undefined;

afterEach(async () => {
  await fx?.close();
  await partner?.close();
  fx = undefined;
  partner = undefined;
});

async function setUp() {
  fx = await createBrokerFixture({ seed, keychain: 'memory' });
  partner = await createIamEmulator({ seed, clock: fx.clock });
  await fx.add({ name: 'ops', kind: 'access-key', accessKeyId: OPS.ak, domainId: OPS.domainId, iamEndpoint: partner.url }, { secretKey: OPS.sk });
  return { f: fx, p: partner };
}

describe("an agency inherits its source's endpoint", () => {
  it('makes exactly one assume call, to the source endpoint, signed with the source key', async () => {
    const { f, p } = await setUp();
    await f.add({ name: 'admin', kind: 'agency', sourceId: f.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600 });
    const creds = await f.broker.getCredentials('admin', cli);
    expect(p.callsTo('securitytokens')).toEqual([expect.objectContaining({ accessKeyId: OPS.ak, auth: 'aksk', status: 201 })]);
    expect(p.calls).toHaveLength(1);
    expect(f.emulator.calls).toEqual([]);
    // Tools are told the same endpoint (HUAWEICLOUD_SDK_IAM_ENDPOINT), so their discovery calls go there too.
    expect(creds.iamEndpoint).toBe(p.url);
    expect(p.state.temporaryKeys.get(creds.accessKeyId)).toBeTruthy();
  });

  it('through a chain: the top inherits the base endpoint through a middle link that sets none', async () => {
    const { f, p } = await setUp();
    await f.add({ name: 'mid', kind: 'agency', sourceId: f.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600 });
    await f.add({ name: 'top', kind: 'agency', sourceId: f.idOf('mid'), agencyDomainName: 'acme-audit', agencyName: 'audit-admin', durationSeconds: 3600 });
    await f.broker.getCredentials('top', cli);
    const calls = p.callsTo('securitytokens');
    expect(calls.map((c) => c.status)).toEqual([201, 201]);
    expect(calls[0]!.accessKeyId).toBe(OPS.ak);
    expect(f.emulator.calls).toEqual([]);
    const ends = await resolveEndpoints(f.profiles.find((x) => x.name === 'top')!, (id) => f.profiles.find((x) => x.id === id));
    expect(ends.iam).toEqual({ url: p.url, from: 'source', sourceName: 'ops' });
    expect(ends.sts).toEqual({ url: undefined, from: 'default' });
  });

  it('its own endpoint wins over the source', async () => {
    const { f, p } = await setUp();
    await f.add({ name: 'own', kind: 'agency', sourceId: f.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600, iamEndpoint: f.emulator.url });
    await f.broker.getCredentials('own', cli);
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(1);
    expect(p.calls).toEqual([]);
  });

  it('moving the source to another endpoint re-mints there instead of serving keys from the old one', async () => {
    const { f, p } = await setUp();
    await f.add({ name: 'admin', kind: 'agency', sourceId: f.idOf('ops'), agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600 });
    await f.broker.getCredentials('admin', cli);
    const ops = f.profiles.find((x) => x.name === 'ops')!;
    (ops as { iamEndpoint?: string }).iamEndpoint = f.emulator.url;
    await f.broker.profileChanged(ops.id);
    const second = await f.broker.getCredentials('admin', cli);
    expect(second.iamEndpoint).toBe(f.emulator.url);
    expect(p.callsTo('securitytokens')).toHaveLength(1);
    expect(f.emulator.callsTo('securitytokens')).toHaveLength(1);
  });
});
