/**
 * MFA in a CLI process that works alone: the passcode is asked for on the terminal with the input
 * hidden, never on stdout (which `eval "$(akvault env)"` captures); with stdin a pipe the controlling
 * terminal is used; with no terminal at all the command fails with a hint to run `akvault serve`.
 * A real pseudo-terminal comes from util-linux `script`.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../support/iam-emulator/totp';
import { which } from '../handoff/shells';
import { cliEntry } from '../profiles/support/cli';
import { createCliFixture, type CliFixture } from './support/cli-fixture';

const MFA_USER = { id: 'u0000000000000000000000000000002', name: 'ops-mfa', password: 'Mfa-Passw0rd', secret: 'JBSWY3DPEHPK3PXP' };
const script = which('script');
const setsid = which('setsid');
let fx: CliFixture;

beforeAll(async () => {
  fx = await createCliFixture();
  fx.remember(MFA_USER.password);
  for (const name of ['mfa-stdin', 'mfa-devtty', 'mfa-none']) {
    const r = await fx.akvault(
      ['profile', 'add', '--name', name, '--kind', 'account', '--domain-name', 'acme-ops', '--user-name', MFA_USER.name, '--mfa-user-id', MFA_USER.id, '--iam-endpoint', fx.emulator.url],
      { stdin: `${MFA_USER.password}\n` },
    );
    expect(r.stderr).toBe('');
  }
});

afterAll(async () => {
  await fx?.close();
});

/** Runs `shellCommand` on a fresh pseudo-terminal; types the current TOTP code once the prompt shows. */
async function onTerminal(shellCommand: string): Promise<{ code: number | null; terminal: string; typed: string }> {
  const child = spawn(script!, ['-qfec', shellCommand, '/dev/null'], { env: fx.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let terminal = '';
  let typed = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    terminal += d;
    if (!typed && terminal.includes('(input hidden)')) {
      typed = totp(MFA_USER.secret, fx.clock.now());
      child.stdin.write(`${typed}\r`);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, terminal, typed };
}

describe.skipIf(!script)(`MFA prompt on a terminal${script ? '' : ' (skipped: util-linux script is not installed)'}`, () => {
  it('asks on the terminal with the code hidden; stdout holds only the result', async () => {
    const out = path.join(fx.root, 'stdin.json');
    fx.emulator.resetCalls();
    const r = await onTerminal(`'${process.execPath}' '${cliEntry}' env mfa-stdin --format json > '${out}'`);
    expect(r.code, r.terminal).toBe(0);
    expect(r.terminal).toContain('"mfa-stdin" signs in as ops-mfa (account acme-ops) with MFA');
    expect(r.terminal).not.toContain(r.typed);
    const creds = JSON.parse(await readFile(out, 'utf8')) as { accessKeyId: string; secretAccessKey: string; securityToken: string };
    fx.remember(creds.secretAccessKey, creds.securityToken);
    expect(fx.emulator.state.temporaryKeys.get(creds.accessKeyId)).toMatchObject({ secretAccessKey: creds.secretAccessKey });
    expect(fx.emulator.callsTo('tokens').map((c) => c.status)).toEqual([201]);
  });

  it('with stdin a pipe, asks on the controlling terminal', async () => {
    const out = path.join(fx.root, 'devtty.sh');
    const r = await onTerminal(`echo not-a-code | '${process.execPath}' '${cliEntry}' env mfa-devtty > '${out}'`);
    expect(r.code, r.terminal).toBe(0);
    expect(r.typed).toMatch(/^\d{6}$/);
    const text = await readFile(out, 'utf8');
    expect(text).toContain("export AKVAULT_PROFILE='mfa-devtty'");
    expect(text).not.toContain('MFA');
    fx.remember(/HUAWEICLOUD_SDK_SK='([^']+)'/.exec(text)?.[1]);
    fx.remember(/HUAWEICLOUD_SDK_SECURITY_TOKEN='([^']+)'/.exec(text)?.[1]);
  });
});

describe.skipIf(!setsid)('MFA without any terminal', () => {
  it('fails with session.mfa-cancelled and a hint to run akvault serve', async () => {
    // Pipes for all three streams; in its own session (setsid) the process has no controlling terminal either.
    const r = await fx.akvault(['env', 'mfa-none']);
    const alone = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
      const child = spawn(setsid!, ['-w', process.execPath, cliEntry, 'env', 'mfa-none'], { env: fx.env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.stdin.end();
      child.on('exit', (code) => resolve({ code, stderr, stdout }));
    });
    for (const x of [r, alone]) {
      expect(x.code).toBe(1);
      expect(x.stdout).toBe('');
      expect(x.stderr).toContain('[session.mfa-cancelled]');
      expect(x.stderr).toContain('akvault serve');
    }
  });
});
