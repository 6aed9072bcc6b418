/**
 * The tray menu model as Electron's menu template. Plain objects only (types from Electron, no runtime
 * import), so the mapping is unit-tested without the binary; tray.ts hands the result to
 * Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuModel, TrayAction } from './tray-menu-model';

export interface TemplateOptions {
  /** Electron's `type: 'header'` (a real section header) exists only on macOS 14 and later. */
  nativeHeaders: boolean;
}

/** On Windows and Linux "&" marks a mnemonic; a literal one (an account name, an error message) is doubled. */
const literal = (label: string) => label.replace(/&/g, '&&');

/**
 * A header where menus have no header style (Windows, Linux, older macOS): a greyed line with rules on
 * both sides, so it reads as a title and not as a greyed-out action.
 */
export const headerFallbackLabel = (label: string) => `── ${label} ──`;

/** macOS 14 (Sonoma) is Darwin 23. */
export function supportsNativeHeaders(platform: NodeJS.Platform, osRelease: string): boolean {
  return platform === 'darwin' && Number.parseInt(osRelease, 10) >= 23;
}

export function toMenuTemplate(model: MenuModel, onAction: (action: TrayAction) => void, options: TemplateOptions = { nativeHeaders: false }): MenuItemConstructorOptions[] {
  return model.map((m): MenuItemConstructorOptions => {
    if (m.type === 'separator') return { id: m.id, type: 'separator' };
    if (m.type === 'header') {
      return options.nativeHeaders
        ? { id: m.id, type: 'header', label: literal(m.label ?? '') }
        : { id: m.id, type: 'normal', label: literal(headerFallbackLabel(m.label ?? '')), enabled: false };
    }
    const base: MenuItemConstructorOptions = { id: m.id, label: literal(m.label ?? ''), enabled: m.enabled };
    if (m.type === 'submenu') return { ...base, type: 'submenu', submenu: toMenuTemplate(m.submenu ?? [], onAction, options) };
    const action = m.action;
    return {
      ...base,
      type: m.type,
      ...(m.checked !== undefined ? { checked: m.checked } : {}),
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}
