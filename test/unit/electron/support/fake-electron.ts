/**
 * A stand-in for the `electron` module, for running the composition root (main/index.ts) in plain
 * Node: every API main/index.ts and the adapters touch, recording what was created and wired. This is
 * the Electron boundary, the one place the house allows a mock; the real binary runs in test/e2e.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  ipcHandlers: new Map<string, Listener>(),
  trays: [] as FakeTray[],
  windows: [] as FakeBrowserWindow[],
  protocolHandlers: new Map<string, Listener>(),
  privilegedSchemes: [] as unknown[],
  notifications: [] as Array<{ title: string; body: string }>,
  netFetches: [] as Array<{ url: string; method: string }>,
  openedExternal: [] as string[],
  clipboardText: '',
  clipboardCleared: 0,
  quitCalls: 0,
  exitCodes: [] as number[],
};

/** What net.fetch answers with; the test points it at the IAM emulator through real fetch. */
export const netBackend: { fetch: (url: string, init: RequestInit) => Promise<Response> } = {
  fetch: (url, init) => fetch(url, init),
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  dock = { hide: () => undefined };
  requestSingleInstanceLock = () => true;
  whenReady = () => Promise.resolve();
  quit = () => {
    recorded.quitCalls++;
    // Electron emits before-quit first; a handler may preventDefault and call quit() again later.
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit');
  };
  exit = (code = 0) => void recorded.exitCodes.push(code);
  setAppUserModelId = () => undefined;
  getPreferredSystemLanguages = () => ['en-US'];
  getLocale = () => 'en-US';
  getAppPath = () => process.cwd();
  getVersion = () => '0.0.0-test';
  getLoginItemSettings = () => ({ openAtLogin: false, wasOpenedAtLogin: false });
  setLoginItemSettings = () => undefined;
}
export const app = new FakeApp();

export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  isDestroyed = () => this.destroyed;
  send = (channel: string, payload: unknown) => void this.sent.push({ channel, payload });
  setWindowOpenHandler = () => undefined;
  openDevTools = () => undefined;
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  url = '';
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL = async (url: string) => void (this.url = url);
  show = () => {
    this.visible = true;
    this.emit('show');
  };
  hide = () => {
    this.visible = false;
    this.emit('hide');
  };
  focus = () => undefined;
  restore = () => undefined;
  isMinimized = () => false;
  isVisible = () => this.visible;
  isDestroyed = () => this.destroyed;
  destroy = () => {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  };
  close = () => this.destroy();
  setTitle = () => undefined;
  center = () => undefined;
  moveTop = () => undefined;
}
export const BrowserWindow = FakeBrowserWindow;

export class FakeMenu {
  constructor(readonly template: unknown[]) {}
}
export const Menu = { buildFromTemplate: (template: unknown[]) => new FakeMenu(template), setApplicationMenu: () => undefined };

export class FakeTray extends EventEmitter {
  menu: FakeMenu | null = null;
  tooltip = '';
  image: unknown;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    recorded.trays.push(this);
  }
  setContextMenu = (menu: FakeMenu) => void (this.menu = menu);
  setToolTip = (text: string) => void (this.tooltip = text);
  setImage = (image: unknown) => void (this.image = image);
  setTitle = () => undefined;
  popUpContextMenu = () => undefined;
  destroy = () => void (this.destroyed = true);
  isDestroyed = () => this.destroyed;
}
export const Tray = FakeTray;

export const nativeImage = {
  createFromPath: (file: string) => ({ file, setTemplateImage: () => undefined, isEmpty: () => false }),
  createEmpty: () => ({ isEmpty: () => true }),
};

export const ipcMain = {
  handle: (channel: string, fn: Listener) => {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, fn);
  },
  removeHandler: (channel: string) => void recorded.ipcHandlers.delete(channel),
  on: () => undefined,
};

export const clipboard = {
  readText: () => recorded.clipboardText,
  writeText: async (text: string) => void (recorded.clipboardText = text),
  write: async (items: Array<{ items: Record<string, string> }>) => void (recorded.clipboardText = items[0]?.items['text/plain'] ?? ''),
  clear: async () => {
    recorded.clipboardText = '';
    recorded.clipboardCleared++;
  },
};
export class ClipboardItem {
  constructor(readonly items: Record<string, string>) {}
}

export class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show = () => void recorded.notifications.push(this.options);
  close = () => this.emit('close');
}

export const powerMonitor = new EventEmitter();

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => void recorded.privilegedSchemes.push(...schemes),
  handle: (scheme: string, fn: Listener) => void recorded.protocolHandlers.set(scheme, fn),
  unhandle: (scheme: string) => void recorded.protocolHandlers.delete(scheme),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => undefined,
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    webRequest: { onHeadersReceived: () => undefined, onBeforeRequest: () => undefined },
    on: () => undefined,
  },
};

export const shell = { openExternal: async (url: string) => void recorded.openedExternal.push(url) };

export const net = {
  fetch: (url: string, init: RequestInit = {}) => {
    recorded.netFetches.push({ url, method: init.method ?? 'GET' });
    return netBackend.fetch(url, init);
  },
};

export const safeStorage = { isEncryptionAvailable: () => false };

export default { app, BrowserWindow, Menu, Tray, nativeImage, ipcMain, clipboard, ClipboardItem, Notification, powerMonitor, protocol, session, shell, net, safeStorage };
