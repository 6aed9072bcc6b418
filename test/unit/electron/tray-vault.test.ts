import { describe, expect, it, vi } from 'vitest';
import { createTrayActionHandler } from '../../../main/electron/tray-actions';
import { buildTrayMenu } from '../../../main/electron/tray-menu-model';
import type { ViewState } from '../../../main/shared/view-state';
import { createTranslator } from '../../../i18n';
import { fakeHandlers } from './support/fake-handlers';
import { menuText } from './support/menu-text';
import { NOW, snapshot, teamProfiles } from './support/snapshots';

/** The tray with the vault file as the secret backend: its state on top, a Lock item while unlocked. */
const en = createTranslator('en');
const zh = createTranslator('zh-CN');
const locked = { state: 'locked' as const, backend: 'vault-file', message: 'The secrets vault is locked.' };
const withVault = (state: 'absent' | 'locked' | 'unlocked') =>
  snapshot({
    profiles: teamProfiles(),
    defaultProfile: 'ops-alice',
    vault: { backend: 'file', state },
    ...(state === 'unlocked' ? {} : { keychain: locked }),
  });
const lines = (state: 'absent' | 'locked' | 'unlocked', t = en) => menuText(buildTrayMenu({ snapshot: withVault(state), windowVisible: false }, t, NOW)).split('\n');

describe('tray and the vault file', () => {
  it('locked or not created: says so on top (instead of the keychain line), in both languages; no Lock item', () => {
    expect(lines('locked')[0]).toBe('Vault locked — unlock it in the window');
    expect(lines('absent')[0]).toBe('No vault yet — create it in the window');
    expect(lines('locked', zh)[0]).toBe('保险库已锁定 — 请在窗口中解锁');
    expect(lines('locked').join('\n')).not.toContain('Keychain');
    expect(lines('locked')).not.toContain('Lock vault');
  });

  it('unlocked: a Lock vault item among the app items, and no problem line', () => {
    expect(lines('unlocked')).toContain('Lock vault');
    expect(lines('unlocked', zh)).toContain('锁定保险库');
    expect(lines('unlocked').join('\n')).not.toContain('Vault locked');
    // The keychain backend has neither.
    const keychain = menuText(buildTrayMenu({ snapshot: snapshot({ profiles: teamProfiles(), vault: { backend: 'keychain', state: 'keychain' } }), windowVisible: false }, en, NOW));
    expect(keychain).not.toContain('Lock vault');
    expect(keychain).not.toContain('Vault locked');
  });

  it('the Lock item runs the same vaultLock operation as the window', async () => {
    const handlers = fakeHandlers();
    const deps = { view: { handlers, actions: {} } as unknown as Pick<ViewState, 'handlers' | 'actions'>, showWindow: vi.fn(), hideWindow: vi.fn(), quit: vi.fn(), reportError: vi.fn() };
    await createTrayActionHandler(deps)({ type: 'lock-vault' });
    expect(handlers.vaultLock).toHaveBeenCalledTimes(1);
    expect(deps.reportError).not.toHaveBeenCalled();
  });
});
