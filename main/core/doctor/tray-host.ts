/**
 * Whether this desktop can show the tray icon. Linux trays are StatusNotifierItems: they appear only
 * when something owns `org.kde.StatusNotifierWatcher` on the session bus. KDE, Cinnamon, XFCE … do;
 * stock GNOME does not, until the "AppIndicator and KStatusNotifierItem Support" extension is enabled.
 */
import { execFile } from 'node:child_process';
import type { Check } from './types';

export type WatcherProbe = () => Promise<boolean | null>;

/** True/false from the session bus; null when it cannot be asked (no dbus-send, no session bus). */
export const dbusWatcherProbe: WatcherProbe = () =>
  new Promise((resolve) => {
    execFile(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.kde.StatusNotifierWatcher'],
      { timeout: 3_000 },
      (err, stdout) => resolve(err ? null : /boolean true/.test(stdout)),
    );
  });

export async function checkTrayHost(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, probe: WatcherProbe = dbusWatcherProbe): Promise<Check> {
  if (platform !== 'linux') return { id: 'tray', status: 'ok', summary: 'The system tray / menu bar is built in on this platform.', details: { platform } };
  const desktop = env.XDG_CURRENT_DESKTOP ?? '';
  const details: Check['details'] = { desktop: desktop || null };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { id: 'tray', status: 'info', summary: 'No desktop session here: the CLI and `akvault serve --ui` work without a tray.', details };
  const watcher = await probe();
  details.statusNotifierWatcher = watcher;
  if (watcher === true) return { id: 'tray', status: 'ok', summary: 'The desktop shows tray icons (StatusNotifierWatcher found).', details };
  if (watcher === null) return { id: 'tray', status: 'info', summary: 'Could not ask the session bus whether tray icons are shown.', details };
  if (/gnome/i.test(desktop)) {
    return {
      id: 'tray',
      status: 'fail',
      summary: 'GNOME without the AppIndicator extension: the akvault tray icon will not appear.',
      fix: 'Install and enable "AppIndicator and KStatusNotifierItem Support" (package gnome-shell-extension-appindicator), then log out and in.',
      details,
    };
  }
  return { id: 'tray', status: 'warn', summary: 'Nothing on this desktop shows tray icons (no StatusNotifierWatcher).', fix: 'Enable a system tray / status notifier area in your desktop or panel.', details };
}
