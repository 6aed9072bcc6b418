import { describe, expect, it, vi } from 'vitest';
import { createTestHooks, testHooksEnabled } from '../../../main/electron/test-hooks';
import type { TrayView } from '../../../main/electron/tray';

describe('test hooks', () => {
  it('are off unless AKVAULT_TEST_HOOKS=1', () => {
    expect(testHooksEnabled({})).toBe(false);
    expect(testHooksEnabled({ AKVAULT_TEST_HOOKS: 'true' })).toBe(false);
    expect(testHooksEnabled({ AKVAULT_TEST_HOOKS: '1' })).toBe(true);
    expect(testHooksEnabled({ AKVAULT_TEST_HOOKS: '1' }, true)).toBe(false);
  });

  it('click tray items by id, in submenus too, and never disabled ones', async () => {
    const view: TrayView = {
      status: 'idle',
      tooltip: 'akvault',
      menu: [
        { id: 'default', type: 'normal', label: 'Default', enabled: false },
        { id: 'copy:export', type: 'submenu', label: 'Copy export', enabled: true, submenu: [{ id: 'copy:export-bash', type: 'normal', label: 'bash', enabled: true, action: { type: 'copy', profile: 'p', what: 'export-bash' } }] },
      ],
    };
    const run = vi.fn(async () => undefined);
    const hooks = createTestHooks({ tray: () => view, snapshot: () => null, run, openedHosts: () => [] });
    await expect(hooks.clickTrayItem('copy:export-bash')).resolves.toBe(true);
    expect(run).toHaveBeenCalledWith({ type: 'copy', profile: 'p', what: 'export-bash' });
    await expect(hooks.clickTrayItem('default')).resolves.toBe(false);
    await expect(hooks.clickTrayItem('nope')).resolves.toBe(false);
  });
});
