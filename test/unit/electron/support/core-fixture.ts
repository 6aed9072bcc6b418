/**
 * A real app core (profiles file, sealed in-memory keychain, broker, settings, audit log) in a temp
 * directory, with IAM faked in memory and the view state wired to recording ports. The secrets used
 * are long, distinctive values so a test can search every output for them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import type { Snapshot } from '../../../../preload/contract';
import { createAppCore } from '../../../../main/core/app-core';
import type { IamClient } from '../../../../main/core/iam/client';
import type { TemporaryCredentials } from '../../../../main/core/iam/types';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import type { BrokerEvent } from '../../../../main/core/sessions/events';
import { MfaRequests } from '../../../../main/shared/mfa-requests';
import type { HelperStatusView, MfaRequestView } from '../../../../preload/contract';
import { createViewState } from '../../../../main/shared/view-state';

export const SECRETS = {
  sk: 'SkPermanent0ops0alice0VALUE0000000000042',
  pastedSk: 'SkPasted0dev0temp0VALUE00000000000000042',
  pastedToken: 'TokPasted0dev0temp0' + 'Q'.repeat(1800),
  mintedSk: 'SkMinted0prod0admin0VALUE000000000000042',
  mintedToken: 'TokMinted0prod0admin0' + 'Z'.repeat(2400),
  password: 'Pw0ops0mfa0VALUE0042',
  iamToken: 'MIIiamTokenFromPassword0VALUE' + 'M'.repeat(600),
  pastedIamToken: 'MIIpastedIamToken0VALUE' + 'P'.repeat(900),
  passcode: '731902',
  loginToken: 'LoginTokenVALUE0042',
};

export function mintedKeys(expiresInMs = 3600_000): TemporaryCredentials {
  return { accessKeyId: 'MINTEDAK000000000001', secretAccessKey: SECRETS.mintedSk, securityToken: SECRETS.mintedToken, expiresAt: new Date(Date.now() + expiresInMs).toISOString() };
}

export async function coreFixture() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'akvault-view-'));
  const iam = {
    assumeAgency: vi.fn(async () => mintedKeys()),
    temporaryKeysFromToken: vi.fn(async () => mintedKeys()),
    tokenFromPassword: vi.fn(async () => ({ token: SECRETS.iamToken, expiresAt: new Date(Date.now() + 86_400_000).toISOString() })),
  };
  const mfa = new MfaRequests();
  const core = await createAppCore({ dataDir, secretStore: new MemorySecretStore(), homeDir: dataDir, env: {}, iamClient: () => iam as unknown as IamClient, prompt: mfa.prompt });
  const clipboardTexts: string[] = [];
  const opened: string[] = [];
  let helper: HelperStatusView = { state: 'off' };
  const onSettingsChanged = vi.fn();
  const consoleLogin = vi.fn(() => ({ consoleLoginUrl: vi.fn(async () => ({ url: `https://auth.huaweicloud.com/authui/federation/login?service=x&logintoken=${SECRETS.loginToken}`, expiresAt: new Date().toISOString() })) }));
  const view = createViewState(
    core,
    {
      clipboard: { copySecret: async (text) => (clipboardTexts.push(text), { clearsInSeconds: core.settings.get().clipboardClearSeconds }) },
      openExternal: async (url) => void opened.push(url),
      helper: { status: () => helper },
      locale: { current: () => 'en' },
      onSettingsChanged,
      consoleLogin,
    },
    mfa,
  );
  const snapshots: Snapshot[] = [];
  const events: BrokerEvent[] = [];
  const mfaPushes: Array<{ pending: MfaRequestView | null }> = [];
  view.onSnapshot((s) => snapshots.push(s));
  core.broker.on((e) => events.push(e));
  mfa.on((pending) => mfaPushes.push({ pending }));
  return {
    dataDir,
    core,
    view,
    mfa,
    iam,
    clipboardTexts,
    opened,
    snapshots,
    events,
    mfaPushes,
    onSettingsChanged,
    consoleLogin,
    setHelper: (s: HelperStatusView) => void (helper = s),
    async close() {
      mfa.cancelAll();
      await view.settled();
      view.dispose();
      await core.broker.settled();
      core.dispose();
      // Audit lines are appended in the background: let them land before the directory goes.
      await core.audit.read(1);
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    },
  };
}
export type CoreFixture = Awaited<ReturnType<typeof coreFixture>>;

/** The team's profiles, added through the contract's handlers as the window would. */
export async function addTeam(f: CoreFixture) {
  const h = f.view.handlers;
  const ops = await h.addProfile({ name: 'ops-alice', kind: 'access-key', accessKeyId: 'OPSALICEKEY000000001', domainName: 'acme-ops', userName: 'alice', region: 'cn-north-4' }, { secretAccessKey: SECRETS.sk });
  await h.addProfile(
    { name: 'dev-temp', kind: 'temporary-key', accessKeyId: 'DEVTEMPKEY0000000001', domainName: 'acme-dev', expiresAt: new Date(Date.now() + 90 * 60_000).toISOString() },
    { secretAccessKey: SECRETS.pastedSk, securityToken: SECRETS.pastedToken },
  );
  await h.addProfile({ name: 'prod-admin', kind: 'agency', sourceId: ops.profile.id, agencyDomainName: 'acme-prod', agencyName: 'prod-admin', durationSeconds: 3600, region: 'cn-north-4' }, {});
  await h.addProfile({ name: 'ops-mfa', kind: 'account', domainName: 'acme-ops', userName: 'mfa-user', mfaUserId: 'u0000000000000000000000000000002' }, { password: SECRETS.password });
  await h.addProfile({ name: 'ops-token', kind: 'token', expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString() }, { authToken: SECRETS.pastedIamToken });
  return ops;
}
