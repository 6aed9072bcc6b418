/**
 * The sandboxed preload of the MFA prompt window: exposes window.akvaultMfa with the prompt's own three
 * operations (pending request, submit, cancel) and its one event. Main also refuses any other
 * operation from that window, so this narrowing is defence in depth, not the only fence.
 */
import { contextBridge } from 'electron';
import { buildMfaApi } from './bridge';
import { ipcTransport } from './ipc-transport';

contextBridge.exposeInMainWorld('akvaultMfa', buildMfaApi(ipcTransport));
