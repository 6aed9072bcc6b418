/**
 * The contract as the views call it. Set once by connectStore (window.akvault in Electron, the HTTP
 * bridge in the browser UI); views never reach for a global.
 */
import type { AkvaultApi } from '../../preload/contract';

let current: AkvaultApi | null = null;

export function setApi(api: AkvaultApi): void {
  current = api;
}

export function api(): AkvaultApi {
  if (!current) throw new Error('akvault: the contract is not connected yet');
  return current;
}
