/**
 * `POST /ui/api/invoke/<channel>`: the browser UI's equivalent of one `ipcMain.handle` call. The body
 * is the JSON array of arguments; the answer is the Result envelope main/shared/dispatch.ts builds
 * after checking the arguments and the result against the contract — the very same function the
 * Electron doorway uses, so both front ends get the same validation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCappedBody } from '../core/helper/read-body';
import { dispatch, operationForChannel, type Handlers } from '../shared/dispatch';
import { uiRefusal } from './ui-refusals';
import { sendApiRefusal, sendResult } from './ui-responses';

/** Room for the largest argument the contract allows (a 1 MB credentials.csv), escaped as JSON. */
export const DEFAULT_UI_MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function handleInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  encodedChannel: string,
  handlers: Handlers,
  maxBodyBytes: number,
): Promise<{ status: number; code?: string } | null> {
  let channel: string;
  try {
    channel = decodeURIComponent(encodedChannel);
  } catch {
    return sendApiRefusal(res, uiRefusal('ui.bad-path'), { close: true });
  }
  const name = operationForChannel(channel);
  if (!name) return sendApiRefusal(res, uiRefusal('ui.not-found'), { close: true });

  const body = await readCappedBody(req, maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'aborted') return null;
    return sendApiRefusal(res, uiRefusal('ui.too-large'), { close: true });
  }
  let args: unknown;
  try {
    args = JSON.parse(body.body.toString('utf8'));
  } catch {
    const message = `Invalid arguments for ${name}: the body is not JSON.`;
    sendResult(res, 400, { ok: false, error: { code: 'usage', message, params: { operation: name } } });
    return { status: 400, code: 'usage' };
  }
  // dispatch refuses anything that is not the operation's argument tuple (a usage error, never a crash).
  const result = await dispatch(handlers, name, args);
  sendResult(res, 200, result);
  return result.ok ? { status: 200 } : { status: 200, code: result.error.code };
}
