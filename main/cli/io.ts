import { AkvaultError } from '../core/errors';
import type { SecretStore } from '../core/secrets/secret-store';

/**
 * Everything the CLI touches outside itself, injectable so tests run commands in-process with a
 * memory secret store and a temp data directory.
 */
export interface Writer {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: Writer;
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  /** Whether stdin is a terminal (then secrets are prompted for without echo). */
  isTTY: boolean;
  /** Replaces the OS keychain (tests). */
  secretStore?: SecretStore;
  /** Replaces the data directory resolved from the environment (tests). */
  dataDir?: string;
}

export function resolveIO(partial: Partial<CliIO> = {}): CliIO {
  return {
    stdin: partial.stdin ?? process.stdin,
    stdout: partial.stdout ?? process.stdout,
    stderr: partial.stderr ?? process.stderr,
    env: partial.env ?? process.env,
    isTTY: partial.isTTY ?? Boolean(process.stdin.isTTY),
    ...(partial.secretStore ? { secretStore: partial.secretStore } : {}),
    ...(partial.dataDir ? { dataDir: partial.dataDir } : {}),
  };
}

/** The person pressed Ctrl-C or Ctrl-D at a prompt. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

// Secrets and CSV files are small; a runaway pipe must not eat all memory.
const MAX_STDIN_BYTES = 4 * 1024 * 1024;

/** All of stdin as text (until EOF). */
export async function readAll(stream: NodeJS.ReadableStream, what = 'stdin'): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > MAX_STDIN_BYTES) {
      throw new AkvaultError('usage', `${what} is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB; expected a few lines.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads `labels.length` secret lines: from a terminal with a prompt per line and no echo, otherwise
 * line by line from piped stdin. Returns the raw lines; the core cleans and checks them.
 */
export async function readSecretLines(io: CliIO, labels: string[]): Promise<string[]> {
  if (io.isTTY) {
    const values: string[] = [];
    for (const label of labels) values.push(await promptHidden(io, `${label} (input hidden): `));
    return values;
  }
  const text = await readAll(io.stdin);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const values = labels.map((_, i) => lines[i] ?? '');
  const missing = labels.findIndex((_, i) => values[i]!.trim() === '');
  if (missing >= 0) {
    const want = labels.map((l, i) => `line ${i + 1}: ${l.toLowerCase()}`).join(', ');
    throw new AkvaultError('usage', `No ${labels[missing]!.toLowerCase()} on stdin (expected ${want}).`, {
      hint: 'Pipe it in, e.g. `akvault profile add ... < secret.txt`, or run the command in a terminal to be prompted. Secrets are never taken from the command line.',
    });
  }
  return values;
}

/** Prompts on stderr and reads one line from a terminal without echoing it. */
export function promptHidden(io: CliIO, prompt: string): Promise<string> {
  const tty = io.stdin as NodeJS.ReadStream;
  return new Promise((resolve, reject) => {
    io.stderr.write(prompt);
    let value = '';
    const wasRaw = Boolean(tty.isRaw);
    tty.setRawMode?.(true);
    tty.resume();
    const finish = (err?: Error) => {
      tty.removeListener('data', onData);
      tty.setRawMode?.(wasRaw);
      tty.pause();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new CancelledError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    tty.on('data', onData);
  });
}
