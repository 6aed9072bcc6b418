/**
 * Test-only access to main's state for the Electron end-to-end test, installed only when
 * AKVAULT_TEST_HOOKS=1 (never in normal use): Playwright cannot open a tray menu, so the test reads
 * the tray's model here and "clicks" items by id. Nothing here returns a secret: the tray model and
 * the snapshot are view state, and opened links are recorded by host only.
 */
import type { Snapshot } from '../../preload/contract';
import type { MenuItemModel, TrayAction } from './tray-menu-model';
import type { TrayView } from './tray';

export const TEST_HOOKS_ENV = 'AKVAULT_TEST_HOOKS';
export const TEST_HOOKS_GLOBAL = '__akvaultTest';

export interface AkvaultTestHooks {
  tray(): TrayView | null;
  snapshot(): Snapshot | null;
  /** Runs the action of the tray menu item with this id (searched in submenus too). */
  clickTrayItem(id: string): Promise<boolean>;
  /** Hosts of the pages "Open console" would have opened. */
  openedHosts(): string[];
}

/** Only an unpackaged build (the one end-to-end tests run) honours the variable; a release never does. */
export function testHooksEnabled(env: NodeJS.ProcessEnv = process.env, packaged = false): boolean {
  return !packaged && env[TEST_HOOKS_ENV] === '1';
}

export function findMenuItem(menu: readonly MenuItemModel[], id: string): MenuItemModel | undefined {
  for (const m of menu) {
    if (m.id === id) return m;
    const inner = m.submenu ? findMenuItem(m.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export function createTestHooks(deps: { tray: () => TrayView | null; snapshot: () => Snapshot | null; run: (a: TrayAction) => Promise<void>; openedHosts: () => string[] }): AkvaultTestHooks {
  return {
    tray: deps.tray,
    snapshot: deps.snapshot,
    async clickTrayItem(id) {
      const item = findMenuItem(deps.tray()?.menu ?? [], id);
      if (!item?.action || !item.enabled) return false;
      await deps.run(item.action);
      return true;
    },
    openedHosts: deps.openedHosts,
  };
}
