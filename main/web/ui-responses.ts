/**
 * Writing the UI's responses. Every one carries the same hardening headers (the renderer's strict CSP,
 * no sniffing, no Referer, no framing, never cached) and none carries a CORS header: no other origin
 * may read anything here. API answers are always the contract's Result envelope, refusals included,
 * so the page's transport has one shape to read.
 */
import type { ServerResponse } from 'node:http';
import type { Result } from '../../preload/contract';
import type { UiRefusal } from './ui-refusals';

/** The renderer's policy (electron-practice.md §1.3) with `connect-src 'self'`: the page calls its own API. */
export const UI_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const UI_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': UI_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export interface UiSendOptions {
  headers?: Record<string, string>;
  /** Close the connection after answering (an announced body was left unread). */
  close?: boolean;
}

export function sendUi(res: ServerResponse, status: number, contentType: string, body: string | Buffer, opts: UiSendOptions = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...UI_SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
    ...(opts.close ? { Connection: 'close' } : {}),
    ...opts.headers,
  });
  res.end(payload);
}

export function sendResult(res: ServerResponse, status: number, result: Result<unknown>, opts: UiSendOptions = {}): void {
  sendUi(res, status, 'application/json; charset=utf-8', JSON.stringify(result), opts);
}

/** An API refusal, as a Result envelope. */
export function sendApiRefusal(res: ServerResponse, r: UiRefusal, opts: UiSendOptions = {}): { status: number; code: string } {
  sendResult(res, r.status, { ok: false, error: { code: r.code, message: r.message, params: {} } }, opts);
  return { status: r.status, code: r.code };
}

/** A page refusal, as plain text a person reads in the browser. */
export function sendPageRefusal(res: ServerResponse, r: UiRefusal, opts: UiSendOptions = {}): { status: number; code: string } {
  sendUi(res, r.status, 'text/plain; charset=utf-8', `akvault: ${r.message}\n`, opts);
  return { status: r.status, code: r.code };
}
