/**
 * The tray menu model as indented text, so a test (and a reader) sees the menu as a person would on
 * Windows and Linux: headers in their fallback form, greyed items marked {disabled}.
 */
import type { MenuModel } from '../../../../main/electron/tray-menu-model';
import { headerFallbackLabel } from '../../../../main/electron/tray-template';

export function menuText(menu: MenuModel, depth = 0): string {
  const pad = '  '.repeat(depth);
  return menu
    .map((m) => {
      if (m.type === 'separator') return `${pad}---`;
      if (m.type === 'header') return `${pad}${headerFallbackLabel(m.label ?? '')}`;
      const mark = m.type === 'radio' ? (m.checked ? '(•) ' : '( ) ') : m.type === 'checkbox' ? (m.checked ? '[x] ' : '[ ] ') : '';
      const off = m.enabled ? '' : ' {disabled}';
      const line = `${pad}${mark}${m.label}${m.type === 'submenu' ? ' ▸' : ''}${off}`;
      return m.submenu ? `${line}\n${menuText(m.submenu, depth + 1)}` : line;
    })
    .join('\n');
}
