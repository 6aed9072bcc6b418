/**
 * The real core behind the browser UI, for Playwright specs: the built CLI's `akvault serve --ui
 * --no-open` as a child process with its own data directory (AKVAULT_HOME) and a test keychain service
 * (run the specs inside build/scripts/with-keyring.sh), the IAM emulator (in a child process too, see
 * emulator-host.ts) as the profiles' IAM and STS endpoint, and profiles added through the CLI as a
 * person would. Returns the one-time sign-in URL `serve` printed and handles to the emulator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Fault, RouteName } from '../../support/iam-emulator/faults';
import type { SeedInput } from '../../support/iam-emulator/seed';
import { clearService } from '../../integration/profiles/support/keychain';

const root = path.resolve(__dirname, '../../..');
const cliEntry = path.join(root, 'bin', 'akvault.cjs');

export interface KeyProfileSpec {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  userId?: string;
  domainId?: string;
  region?: string;
}

export interface EmulatorHandle {
  url: string;
  inject(route: RouteName | '*', fault: Fault, opts?: { times?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  callsTo(route: RouteName): Promise<Array<{ route: string; status: number | null; accessKeyId?: string }>>;
  keysOf(userId: string): Promise<Array<{ accessKeyId: string; status: string }>>;
}

export interface RealCore {
  /** `http://127.0.0.1:<port>/ui/login?ticket=…`: works once. */
  loginUrl: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  emulator: EmulatorHandle;
  /** Everything `serve` wrote to stderr so far. */
  serveLog(): string;
  /** The data directory (AKVAULT_HOME). */
  dataDir: string;
  /** Runs another akvault command on the same data directory and keychain. */
  akvault(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function waitFor<T>(what: string, timeoutMs: number, probe: () => T | null, failed: () => string | null): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => {
      const hit = probe();
      if (hit !== null) return resolve(hit);
      const why = failed();
      if (why !== null || Date.now() > deadline) return reject(new Error(`${what}: ${why ?? `not within ${timeoutMs} ms`}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

async function startEmulator(seedFile: string): Promise<{ handle: EmulatorHandle; stop(): Promise<void> }> {
  const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  const child: ChildProcess = spawn(tsx, [path.join(__dirname, 'emulator-host.ts'), seedFile], { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let url: string | null = null;
  let exited: string | null = null;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  child.on('message', (m: { ready?: string; id?: number; ok?: boolean; value?: unknown; message?: string }) => {
    if (m.ready) url = m.ready;
    const waiter = m.id !== undefined ? pending.get(m.id) : undefined;
    if (!waiter) return;
    pending.delete(m.id!);
    if (m.ok) waiter.resolve(m.value);
    else waiter.reject(new Error(m.message));
  });
  child.on('exit', (code) => (exited = `the emulator exited (code ${code})`));
  await waitFor('IAM emulator', 30_000, () => url, () => exited);
  const ask = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, op, args });
    });
  return {
    handle: {
      url: url!,
      inject: (route, fault, opts) => ask('inject', route, fault, opts ?? {}),
      clearFaults: () => ask('clearFaults'),
      callsTo: (route) => ask('callsTo', route),
      keysOf: (userId) => ask('keysOf', userId),
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      await ask('close').catch(() => undefined);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 2_000))]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

export async function startRealCore(opts: { seed: SeedInput; profiles: KeyProfileSpec[]; env?: NodeJS.ProcessEnv }): Promise<RealCore> {
  if (!existsSync(path.join(root, 'out', 'cli', 'akvault.cjs')) || !existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('the CLI or the renderer is not built: run `npm run build` first');
  }
  if (!process.env.DBUS_SESSION_BUS_ADDRESS && !opts.env?.DBUS_SESSION_BUS_ADDRESS) throw new Error('run the browser specs inside build/scripts/with-keyring.sh (they use the real keychain)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'akvault-browser-'));
  const seedFile = path.join(dir, 'seed.json');
  writeFileSync(seedFile, JSON.stringify(opts.seed));
  const service = `akvault-test-${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = { ...process.env, AKVAULT_HOME: path.join(dir, 'data'), AKVAULT_KEYCHAIN_SERVICE: service, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };
  for (const n of ['AKVAULT_PROFILE', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete env[n];
  Object.assign(env, opts.env);

  const emulator = await startEmulator(seedFile);
  let serve: ChildProcess | null = null;
  const cleanup = async () => {
    if (serve && serve.exitCode === null && serve.signalCode === null) {
      const gone = new Promise((r) => serve!.once('exit', r));
      serve.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
      if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGKILL');
    }
    await emulator.stop();
    await clearService(service).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const akvault = (args: string[], stdin?: string) => run(process.execPath, [cliEntry, ...args], env, stdin);
    for (const p of opts.profiles) {
      const args = ['profile', 'add', '--name', p.name, '--kind', 'access-key', '--access-key-id', p.accessKeyId, '--iam-endpoint', emulator.handle.url];
      if (p.userId) args.push('--user-id', p.userId);
      if (p.domainId) args.push('--domain-id', p.domainId);
      if (p.region) args.push('--region', p.region);
      const r = await akvault(args, `${p.secretAccessKey}\n`);
      if (r.code !== 0) throw new Error(`profile add ${p.name} failed: ${r.stderr}`);
    }

    const child = spawn(process.execPath, [cliEntry, 'serve', '--ui', '--no-open'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    serve = child;
    let log = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
    const loginUrl = await waitFor(
      'akvault serve --ui',
      30_000,
      () => /akvault: browser UI: (http:\/\/127\.0\.0\.1:\d+\/ui\/login\?ticket=[A-Za-z0-9_-]+)/.exec(log)?.[1] ?? null,
      () => (child.exitCode !== null ? `exited with ${child.exitCode}: ${log}` : null),
    );
    return {
      loginUrl,
      origin: new URL(loginUrl).origin,
      emulator: emulator.handle,
      serveLog: () => log,
      dataDir: env.AKVAULT_HOME!,
      akvault,
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
