/**
 * The Electron transport under preload/bridge.ts: invoke for operations, a wrapped listener for
 * events. The page's callback receives the payload only; the IPC event (and its `sender`) stays here.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Transport } from './bridge';
import type { Result } from './contract';

export const ipcTransport: Transport = {
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>,
  subscribe(channel, listener) {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
};
