// window.akvault, typed from the contract (exposed by preload/index.ts or the browser bridge).
import type { AkvaultApi } from './contract';

declare global {
  interface Window {
    akvault: AkvaultApi;
  }
}
export {};
