/** The browser UI of `akvault serve --ui`: see README.md in this folder. */
export { attachWebUi } from './attach';
export { createWebBridge, type WebBridge, type WebBridgeOptions } from './web-bridge';
export { pageFirst, type PagePrompt } from './mfa-route';
export { SESSION_COOKIE, DEFAULT_TICKET_TTL_MS } from './ui-credentials';
export { UI_CSP } from './ui-responses';
