/**
 * Which icon file the tray shows per state and platform. macOS gets the black-and-alpha "Template"
 * images (the menu bar tints them; nativeImage also picks the @2x file by name); Windows and Linux
 * the coloured ones. The files live in resources/icons, unpacked from the asar in release builds so
 * the desktop's tray host can read them.
 */
import path from 'node:path';
import type { TrayStatus } from './tray-state';

export function trayIconFile(status: TrayStatus, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `tray-${status}Template.png` : `tray-${status}.png`;
}

/** resources/icons next to the app code; inside a package, its unpacked copy. */
export function iconsDir(appPath: string): string {
  const dir = path.join(appPath, 'resources', 'icons');
  return dir.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
}
