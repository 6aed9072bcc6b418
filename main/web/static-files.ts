/**
 * The built renderer (out/renderer) under /ui/: the same pages the desktop window shows. Only files
 * inside the folder, no dotfiles, nothing listed; every answer carries the UI's hardening headers.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { uiRefusal } from './ui-refusals';
import { sendPageRefusal, sendUi } from './ui-responses';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file a path below /ui/ names, or null when it would leave the folder or is not one we serve. */
export function resolveUiFile(root: string, relative: string): string | null | 'bad-path' {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return 'bad-path';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  const file = path.resolve(root, ...(segments.length > 0 ? segments : ['index.html']));
  if (!(file.startsWith(root + path.sep)) || !(path.extname(file) in TYPES)) return null;
  return file;
}

export async function serveUiFile(res: ServerResponse, root: string, relative: string): Promise<{ status: number; code?: string }> {
  const file = resolveUiFile(path.resolve(root), relative);
  if (file === 'bad-path') return sendPageRefusal(res, uiRefusal('ui.bad-path'));
  if (file === null) return sendPageRefusal(res, uiRefusal('ui.not-found'));
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return sendPageRefusal(res, uiRefusal('ui.not-found'));
  }
  sendUi(res, 200, TYPES[path.extname(file)]!, body);
  return { status: 200 };
}
