/**
 * Puts a browser UI on a running helper for a core: builds the bridge, routes /ui to it, and sends the
 * broker's MFA prompts to the page while one is connected (else to whatever prompt the core had, the
 * terminal for `akvault serve`). Everything is undone when the helper stops or the UI is detached.
 */
import type { AppCore } from '../core/app-core';
import type { HelperServer } from '../core/helper/types';
import { pageFirst } from './mfa-route';
import { createWebBridge, type WebBridge, type WebBridgeOptions } from './web-bridge';

export function attachWebUi(core: AppCore, helper: Pick<HelperServer, 'url' | 'port' | 'attachUi'>, opts: Omit<WebBridgeOptions, 'core'>): WebBridge {
  const bridge = createWebBridge({ core, ...opts });
  const unwrap = core.broker.wrapMfaPrompt((previous) => pageFirst({ prompt: bridge.mfa.prompt, connected: () => bridge.connectedPages() > 0 }, previous));
  helper.attachUi({
    handle: (req, res, address) => bridge.ui.handle(req, res, address),
    close: () => {
      unwrap();
      bridge.dispose();
    },
  });
  bridge.listening(helper);
  return bridge;
}
