/**
 * IPC doorway for the Electron window: one `ipcMain.handle` per contract operation. Before touching
 * arguments it checks that the sender is a window akvault created, that the call comes from its main
 * frame, and that the frame shows the app's own origin (VS Code's and GitHub Desktop's checks). Then
 * main/shared/dispatch.ts validates the arguments.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { operations, type OperationName, type Result } from '../../preload/contract';
import { dispatch, type Handlers } from '../shared/dispatch';
import { APP_ORIGIN } from './app-protocol';

export class TrustedSenders {
  private ids = new Set<number>();
  add(wc: WebContents): void {
    this.ids.add(wc.id);
    wc.once('destroyed', () => this.ids.delete(wc.id));
  }
  has(id: number): boolean {
    return this.ids.has(id);
  }
}

export function isTrustedEvent(event: IpcMainInvokeEvent, senders: TrustedSenders, allowedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  if (!senders.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    // URL.origin is "null" for non-special schemes such as app://, so compare scheme + host ourselves.
    const url = new URL(frame.url);
    return allowedOrigins.includes(`${url.protocol}//${url.host}`);
  } catch {
    return false;
  }
}

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, senders: TrustedSenders, allowedOrigins?: readonly string[]): () => void {
  const names = Object.keys(operations) as OperationName[];
  for (const name of names) {
    ipcMain.handle(operations[name].channel, async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrustedEvent(event, senders, allowedOrigins)) {
        return { ok: false, error: { code: 'forbidden', message: 'This window may not call akvault.', params: {} } };
      }
      return dispatch(handlers, name, args);
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(operations[name].channel));
}
