/**
 * The sandboxed preload: exposes window.akvault, one function per contract operation, over IPC.
 * ipcRenderer itself never reaches the page, and listeners receive only the payload.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './bridge';
import type { Result } from './contract';

const api = buildApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>,
  subscribe(channel, listener) {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
});

contextBridge.exposeInMainWorld('akvault', api);
