/**
 * Bundled into a page by bridge.spec.ts: the browser UI's real transport and clipboard helper, so a
 * spec can drive the contract over HTTP exactly as the app does, from inside the signed-in page.
 */
import { buildApi } from '../../../preload/bridge';
import { createHttpTransport } from '../../../renderer/src/transport/http-transport';
import { createWebClipboard } from '../../../renderer/src/transport/web-clipboard';

declare global {
  interface Window {
    __akvaultProbe: { buildApi: typeof buildApi; createHttpTransport: typeof createHttpTransport; createWebClipboard: typeof createWebClipboard };
  }
}

window.__akvaultProbe = { buildApi, createHttpTransport, createWebClipboard };
