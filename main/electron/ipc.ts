/**
 * IPC doorway for akvault's windows: one `ipcMain.handle` per contract operation. Before touching
 * arguments it checks that the sender is a window akvault created, that the call comes from its main
 * frame, that the frame shows the app's own origin (VS Code's and GitHub Desktop's checks), and that
 * this window may call this operation at all (the MFA prompt may only answer its prompt). Then
 * main/shared/dispatch.ts validates the arguments; a malformed call gets an error back, never a crash.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { mfaOperationNames, operations, type OperationName, type Result } from '../../preload/contract';
import { dispatch, type Handlers } from '../shared/dispatch';
import { APP_ORIGIN } from './app-protocol';
import type { Logger } from '../core/log/logger';

/** main: the profile manager window (the whole contract); mfa: the MFA prompt (its three operations). */
export type WindowRole = 'main' | 'mfa';

const MFA_OPERATIONS: ReadonlySet<OperationName> = new Set(mfaOperationNames);

export function roleMayCall(role: WindowRole, name: OperationName): boolean {
  return role === 'main' || MFA_OPERATIONS.has(name);
}

export class TrustedSenders {
  private roles = new Map<number, WindowRole>();
  add(wc: Pick<WebContents, 'id' | 'once'>, role: WindowRole = 'main'): void {
    const id = wc.id;
    this.roles.set(id, role);
    wc.once('destroyed', () => this.roles.delete(id));
  }
  has(id: number): boolean {
    return this.roles.has(id);
  }
  roleOf(id: number): WindowRole | undefined {
    return this.roles.get(id);
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

const forbidden: Result<never> = { ok: false, error: { code: 'forbidden', message: 'This window may not call akvault.', params: {} } };

export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handlers: Handlers, senders: TrustedSenders, allowedOrigins?: readonly string[], logger?: Logger): () => void {
  const names = Object.keys(operations) as OperationName[];
  const refuse = (operation: OperationName, why: string) => (logger?.warn('ipc.refused', { operation, why }), forbidden);
  for (const name of names) {
    ipcMain.handle(operations[name].channel, async (event, ...args): Promise<Result<unknown>> => {
      try {
        if (!isTrustedEvent(event, senders, allowedOrigins)) return refuse(name, 'untrusted-sender');
        const role = senders.roleOf(event.sender.id);
        if (!role || !roleMayCall(role, name)) return refuse(name, 'role-may-not-call');
      } catch {
        // A malformed event (no sender, a getter that throws) is refused like any other stranger.
        return refuse(name, 'malformed-event');
      }
      const result = await dispatch(handlers, name, args);
      if (!result.ok && (result.error.code === 'usage' || result.error.code === 'internal')) logger?.warn('ipc.failed', { operation: name, code: result.error.code, message: result.error.message });
      return result;
    });
  }
  return () => names.forEach((name) => ipcMain.removeHandler(operations[name].channel));
}
