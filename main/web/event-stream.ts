/**
 * Push events to the browser UI over Server-Sent Events: the same `snapshot` and `mfaRequest` events
 * the desktop window gets over IPC, named by their contract channel. Each payload is parsed against
 * the contract's strict event schema first (as main/electron/push.ts does), so an object that grew a
 * field main did not mean to share is dropped instead of sent. A comment line every 20 s keeps idle
 * streams open through anything that times out silent connections.
 */
import type { ServerResponse } from 'node:http';
import { events, type EventName, type EventPayload } from '../../preload/contract';
import { UI_SECURITY_HEADERS } from './ui-responses';

const HEARTBEAT_MS = 20_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  /** Starts a stream and sends `initial` (the current state) first, so a reconnecting page catches up. */
  open(res: ServerResponse, initial: ReadonlyArray<{ [K in EventName]: [K, EventPayload<K>] }[EventName]>): void {
    res.writeHead(200, {
      ...UI_SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.clients.add(res);
    const drop = () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopHeartbeat();
    };
    res.on('close', drop);
    res.on('error', drop);
    for (const [name, payload] of initial) this.sendTo(res, name, payload);
    this.startHeartbeat();
  }

  broadcast<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const frame = frameOf(name, payload);
    if (frame === null) return;
    for (const res of this.clients) write(res, frame);
  }

  /** Pages connected right now. */
  count(): number {
    return this.clients.size;
  }

  closeAll(): void {
    for (const res of [...this.clients]) res.end();
    this.clients.clear();
    this.stopHeartbeat();
  }

  private sendTo<K extends EventName>(res: ServerResponse, name: K, payload: EventPayload<K>): void {
    const frame = frameOf(name, payload);
    if (frame !== null) write(res, frame);
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) write(res, ': keep-alive\n\n');
    }, HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

/** One SSE frame; JSON.stringify never emits a raw newline, so `data:` stays one line. */
function frameOf<K extends EventName>(name: K, payload: EventPayload<K>): string | null {
  const parsed = events[name].payload.safeParse(payload);
  if (!parsed.success) return null;
  return `event: ${events[name].channel}\ndata: ${JSON.stringify(parsed.data)}\n\n`;
}

function write(res: ServerResponse, text: string): void {
  if (!res.destroyed && !res.writableEnded) res.write(text);
}
