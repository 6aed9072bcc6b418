/**
 * The helper's request log (HelperLogEntry) written to the diagnostic log: refusals at warn with the
 * refusal's code and fixed reason (why it was turned away — never what the client sent), served
 * requests at debug, start/stop at info.
 */
import type { Logger } from '../log/logger';
import { refusal, type RefusalCode } from './refusals';
import type { HelperLogEntry } from './types';

function reasonFor(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return refusal(code as RefusalCode).message;
  } catch {
    return undefined; // an AkvaultError code (profile.not-found …): the code says it
  }
}

export function helperLog(logger: Logger): (entry: HelperLogEntry) => void {
  return (entry) => {
    if (entry.event === 'listening') logger.info('helper.listening', { url: entry.url, metadataEmulation: entry.metadataEmulation });
    else if (entry.event === 'closed') logger.info('helper.closed');
    else if (entry.event === 'error') logger.error('helper.error', { code: entry.code });
    else if (entry.status >= 400) logger.warn('helper.refused', { method: entry.method, route: entry.route, status: entry.status, code: entry.code, why: reasonFor(entry.code), profile: entry.profile });
    else logger.debug('helper.request', { method: entry.method, route: entry.route, status: entry.status, profile: entry.profile });
  };
}
