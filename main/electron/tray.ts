/**
 * The tray adapter (Signal Desktop's SystemTrayService pattern): the Electron Tray is made by an
 * injected factory after `ready`, and the whole menu is rebuilt from the pure model on every state
 * change and every minute while a countdown is on screen (a MenuItem changed in place is not picked
 * up until setContextMenu is called again, and rebuilding is simpler than patching).
 *
 * Per OS: Windows opens the menu on a click; Linux (StatusNotifierItem) reports activation as `click`,
 * which shows or hides the window — the menu is always reachable and always has Show/Hide and Quit;
 * macOS shows the menu on a click by itself and uses template images.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Translator } from '../../i18n';
import { buildTrayMenu, type MenuModel, type TrayAction, type TrayMenuState } from './tray-menu-model';
import { hasCountdown, trayStatus, trayTooltip, type TrayStatus } from './tray-state';
import { noteRecent } from './tray-recent';
import { toMenuTemplate } from './tray-template';

export const TICK_MS = 60_000;

/** The part of Electron's Tray this adapter uses. */
export interface TrayLike {
  setImage(image: never): void;
  setToolTip(text: string): void;
  setContextMenu(menu: never): void;
  popUpContextMenu(): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayDeps<Image, Menu> {
  createTray(image: Image): TrayLike;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  image(status: TrayStatus): Image;
  platform: NodeJS.Platform;
  translator(): Translator;
  onAction(action: TrayAction): void;
  /** Linux click: show or hide the window. */
  toggleWindow(): void;
  now?: () => number;
  /** macOS 14+: account headers as real section headers (see tray-template.ts). */
  nativeMenuHeaders?: boolean;
}

export interface TrayView {
  status: TrayStatus;
  tooltip: string;
  menu: MenuModel;
}

export class TrayController<Image = unknown, Menu = unknown> {
  private tray: TrayLike | null = null;
  private state: TrayMenuState = { snapshot: null, windowVisible: false };
  private status: TrayStatus | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private view: TrayView | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: TrayDeps<Image, Menu>) {
    this.now = deps.now ?? Date.now;
  }

  /** Call after app `ready`. The reference is kept here so the tray is never garbage-collected. */
  start(): void {
    if (this.tray) return;
    const tray = this.deps.createTray(this.deps.image('idle'));
    this.status = 'idle';
    if (this.deps.platform === 'win32') tray.on('click', () => tray.popUpContextMenu());
    else if (this.deps.platform === 'linux') tray.on('click', () => this.deps.toggleWindow());
    this.tray = tray;
    this.render();
  }

  update(patch: Partial<TrayMenuState>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  /** A profile was used from the tray: it keeps a place on the short list of a long menu. */
  noteProfileUsed(profile: string): void {
    this.update({ recent: noteRecent(this.state.recent ?? [], profile) });
  }

  /** What the tray shows right now (for the test hook and the E2E test). */
  current(): TrayView | null {
    return this.view;
  }

  render(): void {
    const tray = this.tray;
    if (!tray) return;
    const t = this.deps.translator();
    const now = this.now();
    const status = trayStatus(this.state.snapshot);
    if (status !== this.status) {
      tray.setImage(this.deps.image(status) as never);
      this.status = status;
    }
    const tooltip = trayTooltip(this.state.snapshot, t, now);
    tray.setToolTip(tooltip);
    const menu = buildTrayMenu(this.state, t, now);
    tray.setContextMenu(this.deps.buildMenu(toMenuTemplate(menu, (a) => this.deps.onAction(a), { nativeHeaders: this.deps.nativeMenuHeaders ?? false })) as never);
    this.view = { status, tooltip, menu };
    this.planTick(hasCountdown(this.state.snapshot, now));
  }

  dispose(): void {
    this.planTick(false);
    this.tray?.destroy();
    this.tray = null;
  }

  private planTick(needed: boolean): void {
    if (needed && !this.tick) {
      this.tick = setInterval(() => this.render(), TICK_MS);
      this.tick.unref?.();
    } else if (!needed && this.tick) {
      clearInterval(this.tick);
      this.tick = null;
    }
  }
}
