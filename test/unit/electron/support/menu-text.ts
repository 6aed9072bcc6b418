/** The tray menu model as indented text, so a test (and a reader) sees the menu as a person would. */
import type { MenuModel } from '../../../../main/electron/tray-menu-model';

export function menuText(menu: MenuModel, depth = 0): string {
  const pad = '  '.repeat(depth);
  return menu
    .map((m) => {
      if (m.type === 'separator') return `${pad}---`;
      const mark = m.type === 'radio' ? (m.checked ? '(•) ' : '( ) ') : m.type === 'checkbox' ? (m.checked ? '[x] ' : '[ ] ') : '';
      const off = m.enabled ? '' : ' {disabled}';
      const line = `${pad}${mark}${m.label}${m.type === 'submenu' ? ' ▸' : ''}${off}`;
      return m.submenu ? `${line}\n${menuText(m.submenu, depth + 1)}` : line;
    })
    .join('\n');
}
