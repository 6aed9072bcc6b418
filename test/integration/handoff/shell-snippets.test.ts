/**
 * Each snippet is evaluated by the real shell, which then starts node to print the variables it
 * sees; the values must come back exactly. A shell that is not installed is skipped with its reason.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envFor, envRecord, HANDOFF_VARIABLE_NAMES, type EnvVar } from '../../../main/core/handoff/env-vars';
import { koocliArgs, koocliArgsLine } from '../../../main/core/handoff/koocli-args';
import { quoteFish, quotePosix } from '../../../main/core/handoff/shell-quote';
import { snippet } from '../../../main/core/handoff/snippets';
import { NASTY_VALUES, nastyString } from '../../unit/handoff/nasty';
import { TEMPORARY } from '../../unit/handoff/fixtures';
import { printVars, run, SHELLS } from './shells';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'akvault-shells-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(text: string): Promise<string> {
  const f = path.join(dir, `snippet-${(n += 1)}`);
  await writeFile(f, text);
  return f;
}

/** A clean environment for the shell, with stale akvault variables an earlier session left behind. */
const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: dir,
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  HUAWEICLOUD_SDK_SECURITY_TOKEN: 'stale-token',
  HW_SECURITY_TOKEN: 'stale-token',
  AKVAULT_EXPIRES_AT: 'stale',
});

const nastyVars: EnvVar[] = Object.entries(NASTY_VALUES).map(([name, value]) => ({ name: `NASTY_${name}`, value }));

for (const shell of SHELLS) {
  describe.skipIf(!shell.bin)(`${shell.name} snippets${shell.bin ? '' : ` (skipped: ${shell.skip})`}`, () => {
    const evaluate = async (vars: readonly EnvVar[], names: readonly string[], how: 'source' | 'eval' = 'source') => {
      const f = await file(snippet(shell.format, vars));
      return JSON.parse(await run(shell.bin!, shell.argv(f, printVars(names), how), baseEnv())) as Record<string, string | null>;
    };

    it('reads back quotes, $, backticks, backslashes, spaces, non-ASCII and a 4 KB token exactly', async () => {
      const names = nastyVars.map((v) => v.name);
      const expected = Object.fromEntries(nastyVars.map((v) => [v.name, v.value]));
      expect(await evaluate(nastyVars, names, 'source')).toEqual(expected);
      expect(await evaluate(nastyVars, names, 'eval')).toEqual(expected);
    });

    it('sets a profile’s variables and clears stale ones the profile does not set', async () => {
      const creds = { ...TEMPORARY, securityToken: undefined, expiresAt: undefined, secretAccessKey: NASTY_VALUES.MIXED! };
      const vars = envFor('it’s "prod"', creds);
      const seen = await evaluate(vars, HANDOFF_VARIABLE_NAMES);
      const expected = Object.fromEntries(HANDOFF_VARIABLE_NAMES.map((name) => [name, envRecord(vars)[name] ?? null]));
      expect(seen).toEqual(expected);
      expect(seen.HUAWEICLOUD_SDK_SECURITY_TOKEN).toBeNull();
      expect(seen.AKVAULT_EXPIRES_AT).toBeNull();
    });

    it('round-trips random values (fast-check)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(nastyString(24).filter((s) => s !== '' && s.isWellFormed()), { minLength: 1, maxLength: 12 }), async (values) => {
          const vars = values.map((value, i) => ({ name: `RANDOM_${i}`, value }));
          const seen = await evaluate(vars, vars.map((v) => v.name));
          expect(seen).toEqual(Object.fromEntries(vars.map((v) => [v.name, v.value])));
        }),
        { numRuns: 25 },
      );
    });

    if (shell.format !== 'powershell') {
      it('passes KooCLI arguments through unchanged', async () => {
        const creds = { ...TEMPORARY, secretAccessKey: NASTY_VALUES.MIXED!, securityToken: NASTY_VALUES.TOKEN!, projectId: "it's $HOME\nx" };
        const quote = shell.format === 'fish' ? quoteFish : quotePosix;
        // `--` so node leaves the --cli-* options to the script.
        const printArgv = [process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '--'];
        const script = `${printArgv.map((a) => quote(a)).join(' ')} ${koocliArgsLine(creds, shell.format === 'fish' ? 'fish' : 'bash')}\n`;
        const f = await file(script);
        const out = await run(shell.bin!, shell.name === 'fish' ? ['--no-config', f] : [f], baseEnv());
        expect(JSON.parse(out)).toEqual(koocliArgs(creds));
      });
    }
  });
}

describe.skipIf(process.platform !== 'win32')(`cmd snippets${process.platform === 'win32' ? '' : ' (skipped: cmd.exe exists only on Windows)'}`, () => {
  it('reads back every value cmd.exe can take', async () => {
    // cmd refuses " % ! and line breaks; non-ASCII depends on the console code page, so ASCII only here.
    const vars = nastyVars
      .filter((v) => !/["%!\r\n]/.test(v.value))
      .map((v) => ({ name: v.name, value: v.value.replace(/[^\x20-\x7e]/g, '') }))
      .filter((v) => v.value !== '');
    const script = path.join(dir, 'print.js');
    await writeFile(script, 'process.stdout.write(JSON.stringify(Object.fromEntries(process.argv.slice(2).map((n) => [n, process.env[n] ?? null]))))');
    const batch = path.join(dir, 'snippet.cmd');
    await writeFile(batch, `@echo off\r\n${snippet('cmd', vars).replace(/\n/g, '\r\n')}"${process.execPath}" "${script}" ${vars.map((v) => v.name).join(' ')}\r\n`);
    const out = await run(process.env.ComSpec ?? 'cmd.exe', ['/d', '/c', batch], { ...process.env, ...baseEnv() });
    expect(JSON.parse(out)).toEqual(Object.fromEntries(vars.map((v) => [v.name, v.value])));
  });
});
