import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from './authenticate';
import type { EmulatorState } from './state';

/** What a route handler gets: the state, the time, the parsed request and the authenticated caller. */
export interface RouteContext {
  state: EmulatorState;
  now: number;
  requestId: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined when there was none. */
  json: unknown;
  /** Present on every route but the password login. */
  caller: Caller | undefined;
  /** Captures of the route's path pattern (e.g. the access key ID). */
  params: string[];
}

/** Reads a nested field of untrusted JSON without throwing. */
export function field(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** `undefined` when absent (so a default applies), NaN when present but not an integer. */
export function integer(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isInteger(value) ? value : Number.NaN;
}

export function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
