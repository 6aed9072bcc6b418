/**
 * Serves the renderer from `app://akvault/` instead of file:// (Electron security checklist item 18),
 * with a strict Content-Security-Policy header on every response and no path escaping the bundle.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'akvault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Resolves a request URL to a file inside root, or null when it would leave root. */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const full = path.resolve(root, '.' + rel);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

export function registerAppProtocol(protocol: Protocol, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererRoot, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': types[path.extname(file)] ?? 'application/octet-stream',
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
