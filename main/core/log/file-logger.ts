/**
 * The logger every akvault process uses (the app's main process, `akvault serve`, the CLI): pino writing
 * JSON lines to `<dataDir>/akvault.log`, created 0600, rotated at 5 MB (akvault.log.1, .2 are kept), so
 * a user can attach it to a bug report. `echo` copies the same lines to stderr (`--verbose`: info and
 * up, `--debug`: everything). Fields pass redactFields first (logger.ts): a secret cannot reach a line.
 */
import { closeSync, chmodSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fs/private-files';
import { LOG_LEVELS, redactFields, type LogFields, type Logger, type LogLevel } from './logger';

export interface FileLoggerOptions {
  file: string;
  /** Which process writes ("app", "serve", "cli"; the `src` field): one file is shared by all of them. */
  host: string;
  /** Lowest level written to the file (default info; `AKVAULT_LOG_LEVEL=debug` for more). */
  level?: LogLevel;
  /** Also write lines of this level and up to `echoTo` (the CLI's --verbose / --debug). */
  echo?: LogLevel;
  echoTo?: { write(line: string): unknown };
  maxBytes?: number;
  keep?: number;
}

export const LOG_MAX_BYTES = 5 * 1024 * 1024;

/** An append-only 0600 file that renames itself to `.1` (shifting older ones) past maxBytes. */
export class RotatingFile {
  private fd: number | null = null;
  private size = 0;

  constructor(
    private readonly file: string,
    private readonly maxBytes = LOG_MAX_BYTES,
    private readonly keep = 2,
  ) {}

  write(line: string): void {
    try {
      if (this.fd === null) this.open();
      if (this.size + Buffer.byteLength(line) > this.maxBytes && this.size > 0) this.rotate();
      this.size += writeSync(this.fd!, line);
    } catch {
      // A log that cannot be written must never break the product; the line is lost, nothing else.
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: PRIVATE_DIR_MODE });
    this.fd = openSync(this.file, 'a', PRIVATE_FILE_MODE);
    // An older file (or one made by hand) keeps its mode on open: make it private whatever it was.
    if (process.platform !== 'win32') chmodSync(this.file, PRIVATE_FILE_MODE);
    this.size = fstatSync(this.fd).size;
    if (this.size > this.maxBytes) this.rotate();
  }

  private rotate(): void {
    this.close();
    for (let i = this.keep; i >= 1; i--) {
      try {
        renameSync(i === 1 ? this.file : `${this.file}.${i - 1}`, `${this.file}.${i}`);
      } catch {
        // Nothing to shift yet.
      }
    }
    this.fd = openSync(this.file, 'a', PRIVATE_FILE_MODE);
    this.size = 0;
  }
}

export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const v = value?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(v ?? '') ? (v as LogLevel) : undefined;
}

export function createFileLogger(opts: FileLoggerOptions): Logger & { close(): void } {
  const fileLevel = opts.level ?? 'info';
  const file = new RotatingFile(opts.file, opts.maxBytes, opts.keep);
  const streams: pino.StreamEntry[] = [{ level: fileLevel, stream: { write: (line: string) => file.write(line) } }];
  if (opts.echo && opts.echoTo) {
    const to = opts.echoTo;
    streams.push({ level: opts.echo, stream: { write: (line: string) => void to.write(line) } });
  }
  const lowest = LOG_LEVELS.find((l) => l === fileLevel || l === opts.echo) ?? 'info';
  const p = pino(
    {
      level: lowest,
      base: { pid: process.pid, src: opts.host },
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(streams),
  );
  const at = (level: LogLevel) => (event: string, fields?: LogFields) => p[level](redactFields(fields), event);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), close: () => file.close() };
}
