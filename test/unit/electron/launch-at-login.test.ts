import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyLaunchAtLogin, autostartEntry, desktopExecArg } from '../../../main/electron/launch-at-login';

describe('launch at login', () => {
  it('macOS and Windows use the login item, started hidden', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const setLoginItemSettings = vi.fn();
      await applyLaunchAtLogin(true, { platform, setLoginItemSettings, executable: '/x', autostartDir: '/nonexistent' });
      expect(setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    }
  });

  it('Linux writes and removes an XDG autostart entry', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-autostart-'));
    try {
      const deps = { platform: 'linux' as const, setLoginItemSettings: vi.fn(), executable: '/opt/My Apps/akvault', autostartDir: path.join(dir, 'autostart') };
      await applyLaunchAtLogin(true, deps);
      const file = path.join(deps.autostartDir, 'akvault.desktop');
      expect(await readFile(file, 'utf8')).toContain('Exec="/opt/My Apps/akvault" --hidden');
      await applyLaunchAtLogin(false, deps);
      await expect(stat(file)).rejects.toThrow();
      expect(deps.setLoginItemSettings).not.toHaveBeenCalled();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('quotes the executable per the Desktop Entry spec', () => {
    expect(desktopExecArg('/a "b" $c `d` \\e')).toBe('"/a \\"b\\" \\$c \\`d\\` \\\\e"');
    expect(autostartEntry('/usr/bin/akvault')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });
});
