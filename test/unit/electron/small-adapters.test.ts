import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLocale, Translators } from '../../../main/electron/locale';
import { watchProfilesFile } from '../../../main/core/profiles/profiles-watch';
import { iconsDir, trayIconFile } from '../../../main/electron/tray-icons';

describe('tray icons', () => {
  it('template images on macOS, coloured ones elsewhere', () => {
    expect(trayIconFile('alarm', 'darwin')).toBe('tray-alarmTemplate.png');
    expect(trayIconFile('active', 'linux')).toBe('tray-active.png');
    expect(trayIconFile('idle', 'win32')).toBe('tray-idle.png');
  });

  it('reads the unpacked copy inside a package', () => {
    expect(iconsDir('/opt/akvault/resources/app.asar')).toBe(path.join('/opt/akvault/resources/app.asar.unpacked', 'resources', 'icons'));
    expect(iconsDir('/src/akvault')).toBe(path.join('/src/akvault', 'resources', 'icons'));
  });
});

describe('locale', () => {
  it('follows the setting, or the OS for "system"', () => {
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLocale('system', ['zh-Hans-CN', 'en-US'])).toBe('zh-CN');
    expect(resolveLocale('system', ['de-DE'])).toBe('en');
    const t = new Translators();
    expect(t.get('zh-CN')).toBe(t.get('zh-CN'));
    expect(t.get('zh-CN').t('tray.quit')).toBe('退出 akvault');
  });
});

describe('profiles file watch', () => {
  it('notices a replaced profiles file (atomic rename), debounced, and ignores other files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-watch-'));
    const file = path.join(dir, 'profiles.json');
    let calls = 0;
    const stop = watchProfilesFile(file, () => void calls++, 50);
    try {
      await writeFile(path.join(dir, 'other.json'), '{}');
      await new Promise((r) => setTimeout(r, 150));
      const before = calls;
      expect(before).toBe(0);
      await writeFile(`${file}.tmp`, '{}');
      await import('node:fs/promises').then((fs) => fs.rename(`${file}.tmp`, file));
      await writeFile(file, '{"x":1}');
      await new Promise((r) => setTimeout(r, 300));
      expect(calls - before).toBe(1);
    } finally {
      stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
