/**
 * The logger port: what the core and its front ends log through. Injected (createAppCore's `logger`),
 * never imported as a global, so tests and hosts choose where lines go.
 *
 * Secrets must be impossible to log, so the port is narrow on purpose:
 * - an event is a fixed dotted name (`iam.call`, `refresh.failed`), never free text built from data;
 * - fields are primitives only (no objects, so no credentials object or request body can be passed);
 * - every field whose key names a secret (`secretAccessKey`, `token`, `password`, `authorization` …) is
 *   replaced by `[redacted]` before any implementation sees it (redactFields, applied by every logger).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Key names that hold secrets anywhere in akvault (credentials, helper/UI tokens, MFA codes, passphrases). */
const SECRET_KEY = /secret|passw|passphrase|token|ticket|authori[sz]ation|cookie|credential|signature|passcode|otp|^sk$|private|session.?key/i;
// Keys that contain one of the words above but name no secret (ids and counts about a secret, not the secret).
const SAFE_KEY = /^(requestId|traceId|tokenExpiresAt|credentialsExpireAt)$/;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !SAFE_KEY.test(key);
}

/** The fields with every secret-named key redacted and anything that is not a primitive dropped. */
export function redactFields(fields: LogFields | undefined): Record<string, LogValue> {
  const out: Record<string, LogValue> = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // The type allows primitives only; a caller that casts past it still cannot log an object.
    const t = typeof value;
    if (value !== null && t !== 'string' && t !== 'number' && t !== 'boolean') out[key] = `[${t}]`;
    else out[key] = isSecretKey(key) ? REDACTED : value;
  }
  return out;
}

/** The fields worth logging about a failure: its code and message (akvault's errors never carry secrets). */
export function errorFields(e: unknown): { code: string; message: string } {
  const err = e as { code?: unknown; message?: unknown; name?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : typeof err?.name === 'string' ? err.name : 'unknown';
  const message = typeof err?.message === 'string' ? err.message.slice(0, 500) : String(e).slice(0, 200);
  return { code, message };
}

/** Logs nothing: the default where no host gave a logger. */
export const nullLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A logger that keeps lines in memory (tests, and `doctor`'s own report). */
export function memoryLogger(): Logger & { lines: Array<{ level: LogLevel; event: string } & Record<string, LogValue>> } {
  const lines: Array<{ level: LogLevel; event: string } & Record<string, LogValue>> = [];
  const at = (level: LogLevel) => (event: string, fields?: LogFields) => void lines.push({ ...redactFields(fields), level, event });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
