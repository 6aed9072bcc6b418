import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/shared/dispatch';
import { addTeam, coreFixture, SECRETS, type CoreFixture } from './support/core-fixture';

let f: CoreFixture;
beforeEach(async () => {
  f = await coreFixture();
});
afterEach(async () => {
  await f.close();
});

describe('view state handlers', () => {
  it('snapshot: profile views, default, settings, helper, locale — versions only go up', async () => {
    await addTeam(f);
    await f.view.handlers.setDefaultProfile('prod-admin');
    const s = await f.view.snapshot();
    expect(s.profiles.map((p) => p.name).sort()).toEqual(['dev-temp', 'ops-alice', 'ops-mfa', 'ops-token', 'prod-admin']);
    expect(s.profiles.find((p) => p.name === 'prod-admin')).toMatchObject({ kind: 'agency', sourceProfile: 'ops-alice', agencyDomainName: 'acme-prod' });
    expect(s.profiles.find((p) => p.name === 'ops-mfa')).toMatchObject({ mfaUserId: 'u0000000000000000000000000000002' });
    expect(s.defaultProfile).toBe('prod-admin');
    expect(s.settings.clipboardClearSeconds).toBe(45);
    expect(s).toMatchObject({ helper: { state: 'off' }, locale: 'en', keychain: { state: 'available' } });
    await f.view.settled();
    const versions = f.snapshots.map((x) => x.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('core events and changes are pushed, coalesced', async () => {
    await addTeam(f);
    await f.view.settled();
    const before = f.snapshots.length;
    await f.view.handlers.startSession('prod-admin');
    await f.view.settled();
    expect(f.snapshots.length).toBeGreaterThan(before);
    expect(f.snapshots.at(-1)!.sessions).toEqual([expect.objectContaining({ profile: 'prod-admin', state: 'active' })]);
    for (let i = 0; i < 20; i++) f.view.refresh();
    await f.view.settled();
    expect(f.snapshots.length - before).toBeLessThan(6);
  });

  it('copy puts the right text on the clipboard and returns only the clear time', async () => {
    await addTeam(f);
    const h = f.view.handlers;
    await expect(h.copyToClipboard('ops-alice', 'sk')).resolves.toEqual({ clearsInSeconds: 45 });
    await h.copyToClipboard('ops-alice', 'ak');
    await h.copyToClipboard('ops-alice', 'export-bash');
    await h.copyToClipboard('prod-admin', 'export-powershell');
    await h.copyToClipboard('prod-admin', 'token');
    await h.copyToClipboard('prod-admin', 'koocli');
    await h.copyToClipboard('dev-temp', 'export-fish');
    const [sk, ak, bash, ps, token, koocli, fish] = f.clipboardTexts;
    expect(sk).toBe(SECRETS.sk);
    expect(ak).toBe('OPSALICEKEY000000001');
    expect(bash).toContain(`export HUAWEICLOUD_SDK_SK='${SECRETS.sk}'`);
    expect(bash).toContain('unset HUAWEICLOUD_SDK_SECURITY_TOKEN');
    expect(ps).toContain(`$Env:HUAWEICLOUD_SDK_SECURITY_TOKEN = '${SECRETS.mintedToken}'`);
    expect(token).toBe(SECRETS.mintedToken);
    expect(koocli).toContain(`--cli-security-token=${SECRETS.mintedToken}`);
    expect(fish).toContain("set -gx -- AKVAULT_PROFILE 'dev-temp'");
    const audit = await h.getAuditLog(50);
    expect(audit.some((e) => e.event === 'served' && e.profile === 'ops-alice' && e.to?.kind === 'ui' && e.to.action === 'copy-sk')).toBe(true);
  });

  it('copying a token of permanent keys is a clear error', async () => {
    await addTeam(f);
    const r = await dispatch(f.view.handlers, 'copyToClipboard', ['ops-alice', 'token']);
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(f.clipboardTexts).toEqual([]);
  });

  it('open console: the console for permanent keys, a federation link for temporary ones', async () => {
    await addTeam(f);
    await f.view.handlers.openConsole('ops-alice');
    expect(f.opened).toEqual(['https://console.huaweicloud.com/console/?region=cn-north-4']);
    await f.view.handlers.openConsole('prod-admin');
    expect(f.opened[1]).toMatch(/^https:\/\/auth\.huaweicloud\.com\/authui\/federation\/login\?/);
    expect(f.consoleLogin).toHaveBeenCalledTimes(1);
  });

  it('add, update, remove and import go through the core and come back as views', async () => {
    const h = f.view.handlers;
    const added = await h.addProfile({ name: 'ci', kind: 'access-key', accessKeyId: 'CIKEY000000000000001' }, { secretAccessKey: SECRETS.sk });
    expect(added.profile).toMatchObject({ name: 'ci', kind: 'access-key' });
    const updated = await h.updateProfile('ci', { region: 'cn-north-4', description: 'CI deployer' }, null);
    expect(updated.profile).toMatchObject({ region: 'cn-north-4', description: 'CI deployer' });
    const preview = await h.importCsvPreview(`User Name,Access Key Id,Secret Access Key\nbob,CIKEY000000000000001,${SECRETS.sk}\ncarol,NEWKEY00000000000001,${SECRETS.pastedSk}\n,,\n`);
    expect(preview.counts).toEqual({ new: 1, existing: 1, invalid: 0 });
    expect(preview.rows.find((r) => r.status === 'existing')).toMatchObject({ name: 'ci', accessKeyId: 'CIKEY000000000000001' });
    expect(preview.rows.find((r) => r.status === 'new')).toMatchObject({ name: 'carol', userName: 'carol' });
    const report = await h.importCsv(`NEWKEY00000000000001,${SECRETS.pastedSk}\n`, { namePrefix: 'acme-' });
    expect(report.counts.added).toBe(1);
    expect(report.rows[0]).toMatchObject({ status: 'added', name: 'acme-NEWKEY00000000000001' });
    const removed = await h.removeProfile('ci');
    expect(removed).toMatchObject({ profile: { name: 'ci' }, removedSecrets: 1 });
  });

  it('settings: validated, saved, side effects told, language via setLocale', async () => {
    const h = f.view.handlers;
    await expect(h.updateSettings({ clipboardClearSeconds: 20, helperEnabled: false })).resolves.toMatchObject({ clipboardClearSeconds: 20, helperEnabled: false });
    expect(f.onSettingsChanged).toHaveBeenCalledWith(expect.objectContaining({ helperEnabled: false }), expect.objectContaining({ helperEnabled: true }));
    await h.setLocale('zh-CN');
    expect(f.core.settings.get().language).toBe('zh-CN');
    const bad = await dispatch(h, 'updateSettings', [{ clipboardClearSeconds: 1 }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('MFA: a sign-in waits for the passcode submitted through the contract', async () => {
    await addTeam(f);
    const started = f.view.handlers.startSession('ops-mfa');
    await new Promise((r) => setTimeout(r, 20));
    const pending = await f.view.handlers.mfaPending();
    expect(pending).toMatchObject({ profile: 'ops-mfa', account: 'acme-ops', userName: 'mfa-user' });
    await f.view.handlers.mfaSubmit(pending!.requestId, SECRETS.passcode);
    await expect(started).resolves.toMatchObject({ profile: 'ops-mfa', state: 'active' });
    expect(f.iam.tokenFromPassword).toHaveBeenCalledWith(expect.objectContaining({ totp: { userId: 'u0000000000000000000000000000002', passcode: SECRETS.passcode } }), expect.anything());
    expect(await f.view.handlers.mfaPending()).toBeNull();
  });

  it('alarm history comes back as views', async () => {
    await addTeam(f);
    await f.view.handlers.startSession('prod-admin');
    f.iam.assumeAgency.mockRejectedValue(Object.assign(new Error('down'), {}));
    const r = await dispatch(f.view.handlers, 'refreshNow', ['prod-admin']);
    expect(r.ok).toBe(false);
    const history = await f.view.handlers.getAlarmHistory();
    expect(history[0]).toMatchObject({ profile: 'prod-admin', kind: 'refresh-failed' });
  });
});
