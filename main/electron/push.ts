/**
 * Main → page pushes. Every payload is parsed against the contract's (strict) event schema first, so
 * an object that grew a field main did not mean to share is dropped here instead of reaching a page.
 */
import { events, type EventName, type EventPayload } from '../../preload/contract';
import type { Logger } from '../core/log/logger';

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export function pushEvent<K extends EventName>(target: EventTarget | null | undefined, name: K, payload: EventPayload<K>, logger?: Logger): boolean {
  if (!target || target.isDestroyed()) return false;
  const parsed = events[name].payload.safeParse(payload);
  if (!parsed.success) {
    // A bug in main, not in the page: say which event and which field (the path, never the value).
    logger?.error('ipc.push-dropped', { event: name, path: parsed.error.issues[0]?.path.join('.'), issue: parsed.error.issues[0]?.code });
    return false;
  }
  target.send(events[name].channel, parsed.data);
  return true;
}
