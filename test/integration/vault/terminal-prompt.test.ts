import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../support/secret-scan';
import { makeTempDirs } from '../../support/temp-dir';
import { which } from '../handoff/shells';
import { assertCliBuilt, cliEntry } from '../profiles/support/cli';

/**
 * The vault passphrase on a real terminal (a pseudo-terminal from util-linux `script`): creating the
 * vault asks twice and refuses two different answers; unlocking asks once; a wrong one exits 1.
 */
const script = which('script');
const temp = makeTempDirs('akvault-it-vault-tty-');
let env: NodeJS.ProcessEnv;
let dataDir: string;
const PASS = 'typed on the terminal';

beforeAll(async () => {
  assertCliBuilt();
  const root = temp.make();
  dataDir = path.join(root, 'data');
  env = { PATH: process.env.PATH, HOME: root, AKVAULT_HOME: dataDir, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', AKVAULT_VAULT_SCRYPT_LOG_N: '12' };
});
afterAll(() => temp.cleanup());

/** Runs akvault on a fresh pseudo-terminal, answering each prompt (matched in order) with the next line. */
async function onTerminal(args: string[], answers: Array<[RegExp, string]>): Promise<{ code: number | null; terminal: string }> {
  const command = [process.execPath, cliEntry, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn(script!, ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let terminal = '';
  let next = 0;
  let seen = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    terminal += d;
    while (next < answers.length) {
      const [prompt, answer] = answers[next]!;
      const rest = terminal.slice(seen);
      const m = prompt.exec(rest);
      if (!m) break;
      seen += m.index + m[0].length;
      next++;
      child.stdin.write(`${answer}\r`);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, terminal };
}

describe.skipIf(!script)(`vault passphrase on a terminal${script ? '' : ' (skipped: util-linux script is not installed)'}`, () => {
  it('creating asks twice; different answers create nothing', async () => {
    const r = await onTerminal(['unlock'], [
      [/New vault passphrase \(input hidden\): /, PASS],
      [/Repeat the passphrase: /, `${PASS} but different`],
    ]);
    expect(r.code, r.terminal).toBe(2);
    expect(r.terminal).toContain('The two passphrases differ; nothing was created.');
    expect(await listFiles(dataDir)).toEqual([]);
  });

  it('the same answer twice creates the vault; unlocking asks once; a wrong passphrase exits 1', async () => {
    const created = await onTerminal(['unlock'], [
      [/New vault passphrase \(input hidden\): /, PASS],
      [/Repeat the passphrase: /, PASS],
    ]);
    expect(created.code, created.terminal).toBe(0);
    expect(created.terminal).toContain('Created the encrypted vault file');
    expect(await listFiles(path.join(dataDir, 'vault'))).toHaveLength(2);

    const ok = await onTerminal(['unlock'], [[/Vault passphrase \(input hidden\): /, PASS]]);
    expect(ok.code, ok.terminal).toBe(0);
    expect(ok.terminal).toContain('The passphrase opens the vault.');

    const before = await fsp.readFile(path.join(dataDir, 'vault', 'key.age'));
    const wrong = await onTerminal(['unlock'], [[/Vault passphrase \(input hidden\): /, 'something else entirely']]);
    expect(wrong.code, wrong.terminal).toBe(1);
    expect(wrong.terminal).toContain('Wrong vault passphrase');
    expect(await fsp.readFile(path.join(dataDir, 'vault', 'key.age'))).toEqual(before);
  });
});
