/**
 * Renderer-only browser tests read the store to prove it holds no secret. They opt in by setting
 * `window.__akvaultExposeStore` before the page loads (the test bridge does); nothing in the app sets it,
 * and the store holds only what main pushes to the page anyway.
 */
import { appStore } from './index';

declare global {
  interface Window {
    __akvaultExposeStore?: boolean;
    __akvaultStore?: { getState(): unknown };
  }
}

export function exposeStoreForTests(): void {
  if (window.__akvaultExposeStore === true) window.__akvaultStore = { getState: () => appStore.getState() };
}
