/**
 * Writing responses. Every answer is JSON (or plain text for the metadata token), never cached, and
 * never carries a CORS header: no browser page is meant to read anything the helper says.
 */
import type { ServerResponse } from 'node:http';
import type { AkvaultError } from '../errors';
import { reasonPhrase, statusForError } from './error-status';
import type { Refusal } from './refusals';

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

export interface SendOptions {
  headers?: Record<string, string>;
  /** End the connection after this response (used when an unread request body is left behind). */
  close?: boolean;
  /** A reason phrase other than the standard one (error answers name akvault's code in it). */
  reason?: string;
}

function send(res: ServerResponse, status: number, contentType: string, body: string, opts: SendOptions): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(body, 'utf8');
  const headers = {
    ...COMMON_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
    ...(opts.close ? { Connection: 'close' } : {}),
    ...opts.headers,
  };
  if (opts.reason) res.writeHead(status, opts.reason, headers);
  else res.writeHead(status, headers);
  res.end(payload);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, opts: SendOptions = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), opts);
}

export function sendText(res: ServerResponse, status: number, text: string, opts: SendOptions = {}): void {
  send(res, status, 'text/plain; charset=utf-8', text, opts);
}

export function sendRefusal(res: ServerResponse, r: Refusal, opts: SendOptions = {}): void {
  sendJson(res, r.status, { error: { code: r.code, message: r.message } }, opts);
}

/**
 * An AkvaultError as `{error:{code,message,hint?,params}}`. Only the error's own fields go out (never
 * its cause, which may quote a server or hold data we do not control); by contract those fields never
 * contain a secret.
 */
export function sendAkvaultError(res: ServerResponse, err: AkvaultError, opts: SendOptions = {}): number {
  const status = statusForError(err.code);
  // The request log (helper-log.ts) records the code of every failed answer; message, hint and cause stay out.
  sendJson(res, status, { error: err.toJSON() }, { reason: reasonPhrase(status, err.code), ...opts });
  return status;
}
