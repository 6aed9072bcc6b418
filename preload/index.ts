/**
 * The sandboxed preload of the profile manager window: exposes window.akvault, one function per
 * contract operation, over IPC. ipcRenderer itself never reaches the page.
 */
import { contextBridge } from 'electron';
import { buildApi } from './bridge';
import { ipcTransport } from './ipc-transport';

contextBridge.exposeInMainWorld('akvault', buildApi(ipcTransport));
