/**
 * The tray menu model as Electron's menu template. Plain objects only (types from Electron, no runtime
 * import), so the mapping is unit-tested without the binary; tray.ts hands the result to
 * Menu.buildFromTemplate.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuModel, TrayAction } from './tray-menu-model';

/** On Windows and Linux "&" marks a mnemonic; a literal one (an account name, an error message) is doubled. */
const literal = (label: string) => label.replace(/&/g, '&&');

export function toMenuTemplate(model: MenuModel, onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return model.map((m): MenuItemConstructorOptions => {
    if (m.type === 'separator') return { id: m.id, type: 'separator' };
    const base: MenuItemConstructorOptions = { id: m.id, label: literal(m.label ?? ''), enabled: m.enabled };
    if (m.type === 'submenu') return { ...base, type: 'submenu', submenu: toMenuTemplate(m.submenu ?? [], onAction) };
    const action = m.action;
    return {
      ...base,
      type: m.type,
      ...(m.checked !== undefined ? { checked: m.checked } : {}),
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}
