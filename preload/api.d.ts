// window.akvault and window.akvaultMfa, typed from the contract (exposed by preload/index.ts,
// preload/mfa.ts or the browser bridge). Each page gets only its own one.
import type { AkvaultApi, AkvaultMfaApi } from './contract';

declare global {
  interface Window {
    akvault: AkvaultApi;
    akvaultMfa: AkvaultMfaApi;
  }
}
export {};
