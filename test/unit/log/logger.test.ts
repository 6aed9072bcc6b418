/**
 * The logger port and its file implementation: secret-named fields never reach a line, only
 * primitives are logged, the file is 0600 and rotates, levels filter, and the boundaries that used to
 * swallow problems (push schema drops, IPC refusals and bad calls, audit-log write failures) now log.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger } from '../../../main/core/log/file-logger';
import { memoryLogger, redactFields, REDACTED, type LogFields } from '../../../main/core/log/logger';
import { AuditLog } from '../../../main/core/sessions/audit-log';
import { pushEvent } from '../../../main/electron/push';
import { registerIpc, TrustedSenders } from '../../../main/electron/ipc';
import { operations } from '../../../preload/contract';
import { systemClock } from '../../../main/core/clock';
import { makeTempDirs } from '../../support/temp-dir';
import { fakeHandlers } from '../electron/support/fake-handlers';

const temp = makeTempDirs('akvault-log-');
afterEach(() => temp.cleanup());

const SK = 'SecretAccessKeyValue0000000000000000000001';

describe('redaction', () => {
  it('replaces every secret-named field and keeps the rest', () => {
    const out = redactFields({
      secretAccessKey: SK,
      sk: SK,
      securityToken: SK,
      password: SK,
      passphrase: SK,
      authorization: `Bearer ${SK}`,
      helperToken: SK,
      ssoTicket: SK,
      mfaPasscode: '123456',
      profile: 'prod',
      status: 201,
      requestId: 'abc',
      ok: true,
    });
    expect(out).toEqual({
      secretAccessKey: REDACTED, sk: REDACTED, securityToken: REDACTED, password: REDACTED, passphrase: REDACTED, authorization: REDACTED,
      helperToken: REDACTED, ssoTicket: REDACTED, mfaPasscode: REDACTED, profile: 'prod', status: 201, requestId: 'abc', ok: true,
    });
  });

  it('never serialises an object, even one cast past the type', () => {
    const fields = { credentials: { secretAccessKey: SK }, body: { password: SK } } as unknown as LogFields;
    expect(JSON.stringify(redactFields(fields))).not.toContain(SK);
  });
});

describe('file logger', () => {
  it('writes JSON lines to a 0600 file, filtered by level, redacted, and echoes at its own level', () => {
    const dir = temp.make();
    const file = path.join(dir, 'sub', 'akvault.log');
    const echoed: string[] = [];
    const log = createFileLogger({ file, host: 'cli', level: 'info', echo: 'debug', echoTo: { write: (l: string) => echoed.push(l) } });
    log.debug('iam.call', { path: '/v3/x' });
    log.info('refresh.ok', { profile: 'prod', secretAccessKey: SK });
    log.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1); // the debug line stays out of an info file
    expect(lines[0]).toMatchObject({ level: 'info', event: 'refresh.ok', src: 'cli', profile: 'prod', secretAccessKey: REDACTED });
    expect(echoed).toHaveLength(2); // --debug sees both
    expect(readFileSync(file, 'utf8') + echoed.join('')).not.toContain(SK);
  });

  it('makes a file that already existed with a wider mode private', () => {
    const dir = temp.make();
    const file = path.join(dir, 'akvault.log');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const log = createFileLogger({ file, host: 'app' });
    log.info('app.start');
    log.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('rotates past its size limit, keeping two older files', () => {
    const dir = temp.make();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'akvault.log');
    const log = createFileLogger({ file, host: 'app', maxBytes: 600, keep: 2 });
    for (let i = 0; i < 40; i++) log.info('tool-file.written', { profile: `p${i}`, tool: 'koocli' });
    log.close();
    expect(statSync(file).size).toBeLessThanOrEqual(600);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('"profile":"p39"');
  });
});

describe('boundaries that log', () => {
  it('a push dropped by its schema says which event and field, not the value', () => {
    const log = memoryLogger();
    const sent = vi.fn();
    const ok = pushEvent({ isDestroyed: () => false, send: sent }, 'mfaRequest', { pending: { secret: SK } } as never, log);
    expect(ok).toBe(false);
    expect(sent).not.toHaveBeenCalled();
    expect(log.lines).toEqual([expect.objectContaining({ level: 'error', event: 'ipc.push-dropped', path: expect.any(String) })]);
    expect(JSON.stringify(log.lines)).not.toContain(SK);
  });

  it('IPC refusals and calls that fail validation are logged with the operation and why', async () => {
    const log = memoryLogger();
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const senders = new TrustedSenders();
    senders.add({ id: 7, once: () => undefined } as never, 'main');
    registerIpc({ handle: (c: string, fn: never) => void handlers.set(c, fn), removeHandler: () => undefined } as never, fakeHandlers(), senders, undefined, log);
    const trusted = { sender: { id: 7 }, senderFrame: { url: 'app://akvault/index.html', parent: null } };
    await handlers.get(operations.startSession.channel)!({ sender: { id: 99 }, senderFrame: { url: 'https://evil.example', parent: null } }, 'prod');
    await handlers.get(operations.startSession.channel)!(trusted, { not: 'a name', password: SK });
    expect(log.lines[0]).toMatchObject({ level: 'warn', event: 'ipc.refused', operation: 'startSession', why: 'untrusted-sender' });
    expect(log.lines[1]).toMatchObject({ level: 'warn', event: 'ipc.failed', operation: 'startSession', code: 'usage' });
    expect(JSON.stringify(log.lines)).not.toContain(SK);
  });

  it('an audit entry that cannot be written is logged instead of vanishing', async () => {
    const dir = temp.make();
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const log = memoryLogger();
    const audit = new AuditLog({ file: path.join(blocker, 'audit.log'), clock: systemClock, logger: log });
    await audit.record({ event: 'session-started', profile: 'prod' });
    expect(log.lines).toEqual([expect.objectContaining({ level: 'error', event: 'audit.write-failed', code: expect.stringMatching(/ENOTDIR|EEXIST|ENOENT/) })]);
  });
});
