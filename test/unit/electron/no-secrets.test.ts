/**
 * The rule that matters most: pushed view state carries names, kinds, expiries and alarm states only.
 * A real core holds real secret values (SKs, security tokens, a password, IAM tokens, a passcode);
 * every snapshot, every broker event, every MFA push, every handler result and error, the tray menu
 * and tooltip built from them, and every payload the Electron push layer would send are serialised
 * and searched for those values.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, operations, type OperationName } from '../../../preload/contract';
import { pushEvent } from '../../../main/electron/push';
import { buildTrayMenu } from '../../../main/electron/tray-menu-model';
import { trayTooltip } from '../../../main/electron/tray-state';
import { dispatch } from '../../../main/shared/dispatch';
import { createTranslator } from '../../../i18n';
import { addTeam, coreFixture, SECRETS, type CoreFixture } from './support/core-fixture';

let f: CoreFixture;
beforeEach(async () => {
  f = await coreFixture();
});
afterEach(async () => {
  await f.close();
});

/** Every secret, and the distinctive core of each (a long value could be cut, base64'd or escaped). */
function needles(): string[] {
  return Object.values(SECRETS).flatMap((s) => [s, s.slice(0, 16), Buffer.from(s).toString('base64').slice(0, 16)]);
}

function expectNoSecret(label: string, value: unknown): void {
  const text = JSON.stringify(value) ?? '';
  for (const n of needles()) expect(text.includes(n), `${label} contains a secret`).toBe(false);
}

describe('no secret leaves main in view state', () => {
  it('snapshots, events, results, errors, tray menu and pushes', async () => {
    const results: Array<[string, unknown]> = [];
    const call = async (name: OperationName, ...args: unknown[]) => {
      const r = await dispatch(f.view.handlers, name, args);
      results.push([name, r]);
      return r;
    };

    await addTeam(f);
    await call('setDefaultProfile', 'prod-admin');
    await call('startSession', 'prod-admin');
    await call('startSession', 'dev-temp');
    await call('startSession', 'ops-alice');
    await call('startSession', 'ops-token');
    const mfaStart = call('startSession', 'ops-mfa');
    await new Promise((r) => setTimeout(r, 20));
    const pending = f.mfa.current()!;
    await call('mfaPending');
    await call('mfaSubmit', pending.requestId, SECRETS.passcode);
    await mfaStart;
    for (const what of operations.copyToClipboard.input.def.items[1].options) {
      for (const p of ['ops-alice', 'prod-admin', 'dev-temp', 'ops-mfa', 'ops-token']) await call('copyToClipboard', p, what);
    }
    await call('openConsole', 'prod-admin');
    await call('refreshNow', 'prod-admin');
    // Make refreshes fail: alarms are raised with the core's messages.
    f.iam.assumeAgency.mockRejectedValue(new Error(`upstream said ${SECRETS.mintedSk}`));
    await call('refreshNow', 'prod-admin');
    await call('updateProfile', 'ops-alice', { description: 'ops laptop key' }, { secretAccessKey: SECRETS.sk.replace('42', '43') });
    await call('importCsvPreview', `AK,SK\nNEWKEY00000000000009,${SECRETS.pastedSk}\n`);
    await call('importCsv', `AK,SK\nNEWKEY00000000000009,${SECRETS.pastedSk}\nbroken\n`, {});
    await call('addProfile', { name: 'bad', kind: 'access-key', accessKeyId: 'has space' }, { secretAccessKey: SECRETS.sk });
    await call('addProfile', { name: 'bad2', kind: 'temporary-key', accessKeyId: 'AKBAD0000000000001' }, { secretAccessKey: SECRETS.pastedSk, securityToken: `${SECRETS.pastedToken} \n` });
    await call('getAuditLog', 500);
    await call('getAlarmHistory');
    await call('stopSession', 'dev-temp');
    await call('removeProfile', 'ops-token');
    await call('getSnapshot');
    await f.view.settled();

    // Enough happened for the check to mean something.
    expect(f.clipboardTexts.length).toBeGreaterThan(20);
    expect(f.clipboardTexts.join('\n')).toContain(SECRETS.mintedToken);
    expect(f.events.some((e) => e.type === 'alarm-raised')).toBe(true);
    expect(f.events.some((e) => e.type === 'mfa-needed')).toBe(true);
    expect(f.snapshots.length).toBeGreaterThan(5);
    expect(f.snapshots.at(-1)!.alarms.length).toBe(1);

    for (const [name, r] of results) expectNoSecret(`result of ${name}`, r);
    f.snapshots.forEach((s, i) => expectNoSecret(`snapshot #${i}`, s));
    f.events.forEach((e, i) => expectNoSecret(`broker event #${i} (${e.type})`, e));
    f.mfaPushes.forEach((p, i) => expectNoSecret(`mfa push #${i}`, p));

    for (const lang of ['en', 'zh-CN'] as const) {
      const t = createTranslator(lang);
      for (const s of f.snapshots) {
        expectNoSecret('tray menu', buildTrayMenu({ snapshot: s, windowVisible: true }, t, Date.now()));
        expectNoSecret('tray tooltip', trayTooltip(s, t, Date.now()));
      }
    }

    // What the Electron push layer would actually send.
    const sent: unknown[] = [];
    const target = { isDestroyed: () => false, send: (_c: string, p: unknown) => void sent.push(p) };
    for (const s of f.snapshots) expect(pushEvent(target, 'snapshot', s)).toBe(true);
    for (const p of f.mfaPushes) expect(pushEvent(target, 'mfaRequest', p)).toBe(true);
    expectNoSecret('pushed payloads', sent);
  });

  it('the push layer drops a payload that grew a field it should not have', () => {
    const sent: unknown[] = [];
    const target = { isDestroyed: () => false, send: (_c: string, p: unknown) => void sent.push(p) };
    const leaky = { pending: null, passcode: SECRETS.passcode };
    expect(pushEvent(target, 'mfaRequest', leaky as never)).toBe(false);
    expect(sent).toEqual([]);
    expect(Object.keys(events)).toEqual(['snapshot', 'mfaRequest']);
  });
});
