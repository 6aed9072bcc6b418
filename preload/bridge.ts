/**
 * Builds the page-facing API from the contract over any transport: Electron IPC (preload/index.ts) or
 * HTTP + server-sent events (the tray-less browser UI). One function per operation, event listeners
 * wrapped so the page only ever sees payloads (never an IPC event or its sender).
 */
import { eventChannels, onName, operationChannels, type EventName, type OperationName } from './channels';
import type { AkvaultApi, ErrorView, Result } from './contract';

/** Thrown in the page when main answers `{ok:false}`: carries the code so the UI can translate it. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(readonly view: ErrorView) {
    super(view.message);
  }
}

export interface Transport {
  invoke(channel: string, args: unknown[]): Promise<Result<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function buildApi(transport: Transport): AkvaultApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(operationChannels) as OperationName[]) {
    const channel = operationChannels[name];
    api[name] = async (...args: unknown[]) => {
      const r = await transport.invoke(channel, args);
      if (!r.ok) throw new ContractError(r.error);
      return r.value;
    };
  }
  for (const name of Object.keys(eventChannels) as EventName[]) {
    const channel = eventChannels[name];
    api[onName(name)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe(channel, (payload) => listener(payload));
    };
  }
  return Object.freeze(api) as AkvaultApi;
}
