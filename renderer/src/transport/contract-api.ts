/**
 * Which doorway this page talks through: the desktop window's preload exposes window.akvault (and
 * the MFA window window.akvaultMfa) over IPC; in the browser UI of `akvault serve --ui` there is no
 * preload, so the same API is built over HTTP from the same bridge code (preload/bridge.ts).
 */
import { buildApi, buildMfaApi } from '../../../preload/bridge';
import type { AkvaultApi, AkvaultMfaApi } from '../../../preload/contract';
import { createHttpTransport } from './http-transport';

export function contractApi(): AkvaultApi {
  return 'akvault' in window && window.akvault ? window.akvault : buildApi(createHttpTransport());
}

export function mfaContractApi(): AkvaultMfaApi {
  return 'akvaultMfa' in window && window.akvaultMfa ? window.akvaultMfa : buildMfaApi(createHttpTransport());
}
