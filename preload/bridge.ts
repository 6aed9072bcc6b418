/**
 * Builds the page-facing API from the contract over any transport: Electron IPC (preload/index.ts,
 * preload/mfa.ts) or HTTP + server-sent events (the tray-less browser UI). One function per operation,
 * event listeners wrapped so the page only ever sees payloads (never an IPC event or its sender).
 */
import { eventChannels, mfaEventNames, mfaOperationNames, onName, operationChannels, type EventName, type OperationName } from './channels';
import type { AkvaultApi, AkvaultMfaApi, ErrorView, Result } from './contract';

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

function build(transport: Transport, operations: readonly OperationName[], events: readonly EventName[]): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const name of operations) {
    const channel = operationChannels[name];
    api[name] = async (...args: unknown[]) => {
      const r = await transport.invoke(channel, args);
      if (!r.ok) throw new ContractError(r.error);
      return r.value;
    };
  }
  for (const name of events) {
    const channel = eventChannels[name];
    api[onName(name)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return transport.subscribe(channel, (payload) => listener(payload));
    };
  }
  return Object.freeze(api);
}

/** The whole contract (the profile manager window and the browser UI). */
export function buildApi(transport: Transport): AkvaultApi {
  return build(transport, Object.keys(operationChannels) as OperationName[], Object.keys(eventChannels) as EventName[]) as AkvaultApi;
}

/** The MFA prompt window's three operations and one event, nothing else. */
export function buildMfaApi(transport: Transport): AkvaultMfaApi {
  return build(transport, mfaOperationNames, mfaEventNames) as AkvaultMfaApi;
}
