/**
 * A data directory with real profiles for the CLI benchmarks: an access key in the real keychain and an
 * agency on it pointing at an IAM emulator, driven through the real `akvault` command (bin/akvault.cjs).
 * Runs inside build/scripts/with-keyring.sh (npm run bench does that).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createIamEmulator, type IamEmulator } from '../support/iam-emulator/server';
import { OPS, sessionSeed } from '../support/broker-fixture';

export const root = path.resolve(__dirname, '../..');
export const cli = path.join(root, 'bin/akvault.cjs');

export interface CliFixture {
  env: NodeJS.ProcessEnv;
  emulator: IamEmulator;
  dataDir: string;
  run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string };
  startServe(): Promise<ChildProcess>;
  close(): Promise<void>;
}

export async function createCliFixture(agencies = 1): Promise<CliFixture> {
  if (!existsSync(path.join(root, 'out/cli/akvault.cjs'))) throw new Error('run `npm run build` first');
  const emulator = await createIamEmulator({ seed: sessionSeed({ tokenExpiresAt: '2030-01-01T00:00:00Z' }) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'akvault-bench-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, AKVAULT_HOME: dataDir, AKVAULT_KEYCHAIN_SERVICE: `akvault-bench-${randomUUID().slice(0, 8)}` };
  delete env.AKVAULT_PROFILE;
  const run = (args: string[], input?: string) => {
    const r = spawnSync(process.execPath, [cli, ...args], { env, input, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const must = (args: string[], input?: string) => {
    const r = run(args, input);
    if (r.status !== 0) throw new Error(`akvault ${args[0]} ${args[1] ?? ''} failed: ${r.stderr}`);
    return r;
  };
  must(['profile', 'add', '--name', 'ops', '--kind', 'access-key', '--access-key-id', OPS.ak, '--domain-id', OPS.domainId, '--iam-endpoint', emulator.url], `${OPS.sk}\n`);
  for (let i = 0; i < agencies; i++) {
    must(['profile', 'add', '--name', i === 0 ? 'prod' : `prod-${i}`, '--kind', 'agency', '--source', 'ops', '--agency-domain-name', 'acme-prod', '--agency-name', 'prod-admin', '--iam-endpoint', emulator.url, '--region', 'cn-north-4']);
  }
  const children: ChildProcess[] = [];
  return {
    env,
    emulator,
    dataDir,
    run,
    async startServe() {
      const child = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(child);
      const helperFile = path.join(dataDir, 'helper.json');
      for (let i = 0; i < 200 && !existsSync(helperFile); i++) await new Promise((r) => setTimeout(r, 25));
      if (!existsSync(helperFile)) throw new Error('akvault serve did not publish helper.json');
      return child;
    },
    async close() {
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
      run(['profile', 'remove', 'prod']);
      for (let i = 1; i < agencies; i++) run(['profile', 'remove', `prod-${i}`]);
      run(['profile', 'remove', 'ops']);
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
