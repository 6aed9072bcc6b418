/**
 * End-to-end setup for the handoff commands: the built CLI as real child processes, the real keychain
 * (inside build/scripts/with-keyring.sh), a private data directory, and the IAM emulator on loopback
 * holding an operator account and an agency into a production account. The emulator's clock and the
 * CLI's test clock (AKVAULT_TEST_CLOCK_FILE) move together, so tests can let keys age.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { systemClock, type Clock } from '../../../../main/core/clock';
import { OPS, sessionSeed } from '../../../support/broker-fixture';
import { createIamEmulator, type IamEmulator } from '../../../support/iam-emulator/server';
import { scanForSecrets } from '../../../support/secret-scan';
import { makeTempDirs } from '../../../support/temp-dir';
import { assertCliBuilt, cliEntry, cliEnv, repoRoot, runAkvault, type CliResult } from '../../profiles/support/cli';
import { clearService } from '../../profiles/support/keychain';

/** Real time plus an offset the test controls (the emulator's side of the shared test clock). */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout = systemClock.setTimeout;
  sleep = systemClock.sleep;
}

export const PROD_DOMAIN_ID = 'a0000000000000000000000000000002';
export const PROD_PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stderr (or stdout) matches. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function createCliFixture() {
  assertCliBuilt();
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error('run the integration tests inside build/scripts/with-keyring.sh');
  const temp = makeTempDirs('akvault-it-cli-');
  const root = temp.make();
  const dataDir = path.join(root, 'data');
  const clockFile = path.join(root, 'clock-offset');
  const service = `akvault-test-${randomBytes(4).toString('hex')}`;
  const clock = new OffsetClock();
  const emulator: IamEmulator = await createIamEmulator({ seed: sessionSeed({ tokenExpiresAt: '2099-12-31T00:00:00Z' }), clock });
  const base = cliEnv(dataDir, service, { AKVAULT_TEST_HOOKS: '1', AKVAULT_TEST_CLOCK_FILE: clockFile, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' });
  // The test runner's own environment must not leak an outer akvault session or a proxy into the children.
  for (const n of ['AKVAULT_PROFILE', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'HC_CONTAINER_CREDENTIALS_FULL_URI']) delete base[n];
  const secrets = new Set<string>([OPS.sk]);
  const tracked: Array<{ pid: number; marker: string }> = [];
  const children: ChildProcess[] = [];

  const fx = {
    root,
    dataDir,
    service,
    clock,
    emulator,
    env: base,
    /**
     * A grandchild (the command akvault runs) to end at close if a failed test left it behind. Only a
     * process whose command line still holds `marker` is ended, never a later process that got the pid.
     */
    track(pid: number | undefined, marker = 'setInterval') {
      if (pid) tracked.push({ pid, marker });
    },
    /** Secret values the final scan must not find in the data directory. */
    remember(...values: Array<string | undefined>) {
      for (const v of values) if (v && v.length >= 8) secrets.add(v);
    },
    akvault(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliResult> {
      return runAkvault(args, { env: { ...base, ...opts.env }, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
    },
    /** A long-running akvault (serve, exec with a child that waits): pipes for all three streams. */
    start(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): RunningCli {
      const child = spawn(process.execPath, [cliEntry, ...args], { cwd: repoRoot, env: { ...base, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(child);
      let out = '';
      let err = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      return {
        child,
        stdout: () => out,
        stderr: () => err,
        exited,
        async waitFor(stream, pattern, timeoutMs = 20_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const m = (stream === 'stdout' ? out : err).match(pattern);
            if (m) return m;
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on ${stream}; stdout: ${out.slice(0, 2000)} stderr: ${err.slice(0, 2000)}`);
            await new Promise((r) => setTimeout(r, 20));
          }
        },
      };
    },
    /** The operator's keys, and an agency into the production account (15-minute keys, a session user). */
    async addProfiles() {
      const ops = await fx.akvault(['profile', 'add', '--name', 'ops', '--kind', 'access-key', '--access-key-id', OPS.ak, '--domain-id', OPS.domainId, '--iam-endpoint', emulator.url], { stdin: `${OPS.sk}\n` });
      expect(ops.stderr).toBe('');
      const prod = await fx.akvault([
        'profile', 'add', '--name', 'prod', '--kind', 'agency', '--source', 'ops',
        '--agency-domain-name', 'acme-prod', '--agency-name', 'prod-admin', '--duration', '900', '--session-user', 'alice-cli',
        '--domain-id', PROD_DOMAIN_ID, '--project-id', PROD_PROJECT_ID, '--region', 'cn-north-4', '--iam-endpoint', emulator.url,
      ]);
      expect(prod.stderr).toBe('');
      expect(prod.code).toBe(0);
    },
    /** Moves the shared test clock: the emulator's now, and the CLI processes' now (read from the file). */
    async advanceClock(ms: number) {
      clock.offsetMs += ms;
      await writeFile(clockFile, String(clock.offsetMs));
    },
    async close() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      for (const { pid, marker } of tracked) {
        try {
          if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) process.kill(pid, 'SIGKILL');
        } catch {
          // already gone, as it should be
        }
      }
      try {
        expect(await scanForSecrets(dataDir, [...secrets])).toEqual([]);
      } finally {
        await emulator.close();
        await clearService(service).catch(() => undefined);
        temp.cleanup();
      }
    },
  };
  return fx;
}
export type CliFixture = Awaited<ReturnType<typeof createCliFixture>>;

/** Parses `akvault env --format json`. */
export function credentialsOf(r: CliResult): { accessKeyId: string; secretAccessKey: string; securityToken?: string; expiresAt?: string; region?: string; projectId?: string; domainId?: string } {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReturnType<typeof credentialsOf>;
}
