/**
 * "Launch at login". macOS and Windows have it built in (app.setLoginItemSettings); on Linux Electron
 * has none, so akvault writes (or removes) an XDG autostart entry, ~/.config/autostart/akvault.desktop.
 * Either way the app starts with --hidden: only the tray appears.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';

export interface LaunchAtLoginDeps {
  platform: NodeJS.Platform;
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  /** The executable to start: the AppImage when running from one (its mount point changes every run). */
  executable: string;
  /** $XDG_CONFIG_HOME/autostart */
  autostartDir: string;
}

/** Quotes an Exec= argument per the Desktop Entry spec. */
export function desktopExecArg(arg: string): string {
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function autostartEntry(executable: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=akvault', `Exec=${desktopExecArg(executable)} ${HIDDEN_FLAG}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', ''].join('\n');
}

export async function applyLaunchAtLogin(enabled: boolean, deps: LaunchAtLoginDeps): Promise<void> {
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    deps.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = path.join(deps.autostartDir, 'akvault.desktop');
  if (!enabled) return void (await rm(file, { force: true }));
  await mkdir(deps.autostartDir, { recursive: true });
  await writeFile(file, autostartEntry(deps.executable), { mode: 0o644 });
}
