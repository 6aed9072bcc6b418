/**
 * The CLI's diagnostic log: the same file the app and `akvault serve` write (<dataDir>/akvault.log),
 * tagged with the host, and with `--verbose` (info and up) or `--debug` (everything) the same lines on
 * stderr. Opened only by commands that build the core or call IAM, so `env` through a running helper
 * never loads pino (import this module dynamically).
 */
import { createFileLogger, parseLogLevel } from '../core/log/file-logger';
import type { Logger } from '../core/log/logger';
import { dataFiles } from '../core/paths';
import type { HandoffContext } from './handoff-context';

const opened = new WeakMap<HandoffContext, Logger>();

export function cliLogger(ctx: HandoffContext, host = 'cli'): Logger {
  let logger = opened.get(ctx);
  if (!logger) {
    const echo = ctx.logEcho;
    const fileLevel = parseLogLevel(ctx.io.env.AKVAULT_LOG_LEVEL) ?? (echo === 'debug' ? 'debug' : 'info');
    logger = createFileLogger({ file: dataFiles(ctx.dataDir).log, host, level: fileLevel, ...(echo ? { echo, echoTo: ctx.io.stderr } : {}) });
    opened.set(ctx, logger);
  }
  return logger;
}
