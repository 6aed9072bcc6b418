/**
 * The view state's ports (main/shared/ports.ts) for the browser UI, where there is no Electron:
 * - clipboard: this side has no desktop clipboard to write (it may run over SSH), so the copy answer
 *   carries the text for the page to write — the contract's one documented exception (CopyResultSchema);
 * - links: the system browser, through the same https allowlist as the desktop app;
 * - helper status: the helper this UI is served by;
 * - language: the settings, or the terminal's locale when it is "system".
 * Notifications have no port: the page already gets every snapshot and MFA request as an event.
 */
import type { HelperStatusView, LocaleView } from '../../preload/contract';
import type { Settings } from '../core/settings';
import { matchLocale } from '../../i18n';
import { createExternalOpener } from '../shared/external-url';
import type { ConsoleLoginClient, SecretClipboard, ViewPorts } from '../shared/ports';

export interface WebPortOptions {
  settings: () => Settings;
  /** Opens a URL in the system browser (already allowlisted by the time it is called). */
  openBrowser: (url: string) => Promise<void>;
  helperStatus: () => HelperStatusView;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  consoleLogin?: ConsoleLoginClient;
}

/** Hands the text to the page, in the copy answer only; the page clears it after `clearsInSeconds`. */
export function pageClipboard(clearAfterSeconds: () => number): SecretClipboard {
  return {
    async copySecret(text) {
      return { clearsInSeconds: clearAfterSeconds(), text };
    },
  };
}

export function terminalLocale(env: NodeJS.ProcessEnv): LocaleView {
  return matchLocale([env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}

export function createWebPorts(opts: WebPortOptions): ViewPorts {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  return {
    clipboard: pageClipboard(() => opts.settings().clipboardClearSeconds),
    openExternal: createExternalOpener(opts.openBrowser),
    helper: { status: opts.helperStatus },
    locale: {
      current: () => {
        const language = opts.settings().language;
        return language === 'system' ? terminalLocale(env) : language;
      },
    },
    koocliShell: platform === 'win32' ? 'powershell' : 'bash',
    ...(opts.consoleLogin ? { consoleLogin: opts.consoleLogin } : {}),
  };
}
