import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(__dirname, '../../..');
const config = JSON.parse(readFileSync(path.join(root, 'build/electron-builder.json'), 'utf8'));
const require_ = createRequire(path.join(root, 'node_modules/electron-builder/package.json'));

describe('electron-builder config', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require_('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require_('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects a broken config (the validator is really running)', async () => {
    const { validateConfiguration } = require_('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require_('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration({ ...config, asar: 'yes please' }, new DebugLogger(false))).rejects.toThrow();
  });

  it('hardens the release build', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.mac.extendInfo.LSUIElement).toBe(1);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.deb.depends).toContain('libsecret-1-0');
  });

  it('ships every icon it names, tray template images included', () => {
    for (const rel of [config.mac.icon, config.win.icon, 'build/icons/512x512.png']) expect(existsSync(path.join(root, rel))).toBe(true);
    for (const state of ['idle', 'active', 'alarm'])
      for (const suffix of ['', '@2x', 'Template', 'Template@2x']) expect(existsSync(path.join(root, `resources/icons/tray-${state}${suffix}.png`))).toBe(true);
  });
});
